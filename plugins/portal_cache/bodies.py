"""Item bodies rendered once: from the cache when their key is known, else across processes.

Python-Markdown is the largest single cost of a cold build, and every body is independent of
the others, so the bodies the cache does not hold are rendered by a pool of worker
processes before Pelican reads any item; Pelican's reader then finds every body in the
cache. Workers are forked from the build, so they share its model without copying it.
Where ``fork`` is unavailable, or there is little to render, bodies are rendered here, one
after the other: the HTML is the same either way (``tests/test_cache.py``).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from portal_model.model import Item, Portal
from portal_model.render import body_renderer

from .keys import BuildKeys, body_key
from .store import BuildCache

KIND = "body"
PARALLEL_FROM = 200
"""Fewer bodies than this to render are rendered in the build's own process: starting
workers would cost more than it saves."""
CHUNK = 100

_shared: tuple[Portal, str] | None = None
"""The model and site URL, set before forking so that every worker inherits them."""


def prerender(portal: Portal, site_url: str, cache: BuildCache, keys: BuildKeys,
              jobs: int | None = None) -> int:
    """Put every published body that the cache lacks into it; return how many were rendered."""
    held = cache.keys(KIND)
    missing = [item for item in portal.published_items if body_key(keys, item) not in held]
    jobs = jobs or min(4, os.cpu_count() or 1)
    if jobs == 1 or len(missing) < PARALLEL_FROM or "fork" not in _start_methods():
        renderer = body_renderer(portal, site_url)
        for item in missing:
            cache.put(KIND, body_key(keys, item), renderer.render(item.source, item.body)
                      .encode())
        return len(missing)
    global _shared
    _shared = (portal, site_url)
    chunks = [[item.source for item in missing[start:start + CHUNK]]
              for start in range(0, len(missing), CHUNK)]
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for sources, bodies in zip(chunks, pool.map(_render_chunk, chunks)):
                for source, html in zip(sources, bodies):
                    cache.put(KIND, body_key(keys, portal.by_source[source]), html)
    finally:
        _shared = None
    return len(missing)


def cached_body(cache: BuildCache, keys: BuildKeys, item: Item) -> str | None:
    value = cache.get(KIND, body_key(keys, item))
    return value.decode() if value is not None else None


def _render_chunk(sources: list[str]) -> list[bytes]:
    assert _shared is not None, "workers are forked after the model is shared"
    portal, site_url = _shared
    renderer = body_renderer(portal, site_url)
    return [renderer.render(source, portal.by_source[source].body).encode()
            for source in sources]


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
