"""Item bodies rendered once: from the cache when their key is known, else across processes.

Python-Markdown is the largest single cost of a cold build, and every body is independent of
the others, so the bodies the cache does not hold are rendered by a pool of worker
processes before Pelican reads any item; Pelican's reader then finds every body in the
cache. Workers are forked from the build, so they share its model without copying it.
Where ``fork`` is unavailable, or there is little to render, bodies are rendered here, one
after the other: the HTML is the same either way (``tests/test_cache.py``).

A body's HTML depends on its Markdown and on the addresses of the files it links to. Which
files those are is recorded when the body is rendered (``LINKS_KIND``, keyed on the
Markdown alone), so the body's own key (:func:`portal_cache.keys.body_key`) holds exactly
their addresses: publishing a new item leaves every other body in the cache.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator

from portal_model.messages import localized
from portal_model.model import Item, Portal
from portal_model.parallel import chunks, default_jobs, forked_map, worth_forking
from portal_model.render import body_renderer, url_finder

from .keys import BuildKeys, body_key, body_links_key
from .store import BuildCache

KIND = "body"
LINKS_KIND = "body-links"
PARALLEL_FROM = 200
"""Fewer bodies than this to render are rendered in the build's own process: starting
workers would cost more than it saves."""
CHUNK = 100
RENDERING = localized("rendering the items' text", "渲染条目正文")

_shared: tuple[Portal, str] | None = None
"""The model and site URL, set before forking so that every worker inherits them."""


def prerender(portal: Portal, site_url: str, cache: BuildCache, keys: BuildKeys,
              jobs: int | None = None) -> tuple[dict[str, str], int]:
    """Put every published body that the cache lacks into it. Return each published item's
    body key by source, and how many bodies were rendered."""
    url_for = url_finder(portal, site_url)
    items = portal.published_items
    links_keys = {item.source: body_links_key(keys, item) for item in items}
    recorded = cache.get_many(LINKS_KIND, links_keys.values())
    held = cache.keys(KIND)
    body_keys: dict[str, str] = {}
    missing: list[Item] = []
    for item in items:
        linked = recorded.get(links_keys[item.source])
        key = (None if linked is None else
               _key(keys, item, marshal.loads(linked), url_for))
        if key in held:
            body_keys[item.source] = key
            cache.keep(KIND, key)
        else:
            missing.append(item)
    for item, (html, linked) in zip(missing, _render(portal, site_url, missing, jobs)):
        cache.put(LINKS_KIND, links_keys[item.source], marshal.dumps(linked))
        body_keys[item.source] = key = _key(keys, item, linked, url_for)
        cache.put(KIND, key, html)
    return body_keys, len(missing)


class CachedBodies:
    """The bodies of a build's items: each one's key (by source), and the body itself,
    fetched from the cache in one query when the first is asked for (Pelican reads every
    item, and one query per item cost 0.2 s at 5,000) and handed out once: the reader's
    copy is the only one kept."""

    def __init__(self, cache: BuildCache, keys: dict[str, str]):
        self.cache = cache
        self.keys = keys
        """Each published item's body key (:func:`prerender`), by source."""
        self.fetched: dict[str, bytes] | None = None

    def take(self, source: str) -> str | None:
        """The body of the item at ``source``; None if the cache does not hold it."""
        key = self.keys.get(source)
        if key is None:
            return None
        if self.fetched is None:
            self.fetched = self.cache.get_many(KIND, self.keys.values())
        value = self.fetched.pop(key, None)
        return value.decode() if value is not None else None


def _key(keys: BuildKeys, item: Item, linked: list[str], url_for: Callable[[str], str]) -> str:
    return body_key(keys, item, ((path, url_for(path)) for path in linked))


def _render(portal: Portal, site_url: str, items: list[Item], jobs: int | None
            ) -> Iterator[tuple[bytes, list[str]]]:
    """Each item's body HTML and the files it links to, in the order of ``items``, as they
    come (the cache writes them in batches: they are never all in memory at once)."""
    jobs = jobs or default_jobs()
    if not worth_forking(len(items), PARALLEL_FROM, jobs):
        renderer = body_renderer(portal, site_url)
        for item in items:
            yield _encoded(renderer.render_traced(item.source, item.body))
        return
    global _shared
    _shared = (portal, site_url)
    try:
        sources = [item.source for item in items]
        for bodies in forked_map(_render_chunk, chunks(sources, CHUNK), jobs, RENDERING):
            yield from bodies
    finally:
        _shared = None


def _render_chunk(sources: list[str]) -> list[tuple[bytes, list[str]]]:
    assert _shared is not None, "workers are forked after the model is shared"
    portal, site_url = _shared
    renderer = body_renderer(portal, site_url)
    return [_encoded(renderer.render_traced(source, portal.by_source[source].body))
            for source in sources]


def _encoded(rendered: tuple[str, list[str]]) -> tuple[bytes, list[str]]:
    html, linked = rendered
    return html.encode(), linked

