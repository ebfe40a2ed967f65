"""What a cached value depends on, as digests: a cache key names every input of its value.

Three digests of a build, each computed once, in one pass over the model (O(n)):

* ``code``: everything that is not content: the plugins' code, the theme (templates,
  translations, static files), ``config/`` (schemas, columns, departments, standards),
  the Pelican settings as given (``-e`` overrides included), the as-of date, the
  installed packages and Python. Any change there changes every key.
* ``structure``: every item's front matter (and whether it is withheld) and every
  attachment's bytes, but no item body. Listing pages and feeds are made from these
  alone; an edit to one body leaves this digest as it was.
* ``shape``: which items exist, where, in which language, and whether they are
  published, plus every attachment's bytes; no titles, dates or bodies. The navigation,
  language links, search box and feed links every page carries follow from it.
* ``links``: where every file of ``content/`` is published: what a body's relative links
  are rewritten to.

Keys (see :func:`body_key`, :func:`item_page_key`, :func:`listing_key`) combine these with
the inputs of one value; an item page's are its own file and what it shows of the few
other items it links (:mod:`portal_site.dependencies`). What a page may depend on is
stated where it is written (the ``cache_scope`` of :mod:`portal_cache.plugin`);
``tests/test_cache.py`` builds the demo with and without the cache, after edits of each
kind, and compares every byte.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal_model.model import Item, Portal

from portal_model.fingerprint import Fingerprint, digest, installed_packages

FORMAT = "cache-1"
"""Changes whenever what a key covers changes meaning."""
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH", "PORTAL_MODEL", "PORTAL_BUILD_CACHE",
                               "PORTAL_SEARCH_INDEX", "PORTAL_SEARCH_JOBS", "PORTAL_RENDER_JOBS"})
"""Settings that differ between two builds of the same portal (the staging folder), are
objects made from the content itself (which the content digests cover), or change how
much work runs at once and whether the search index is made, but no page."""
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules"})


@dataclass(frozen=True)
class BuildKeys:
    code: str
    structure: str
    shape: str
    links: str
    meta_texts: Mapping[str, str] = field(repr=False)
    """Each item's :func:`meta_text` by source, made once for the digests and the page keys."""


def build_keys(portal: Portal, root: Path, settings: Mapping[str, Any],
               code_folders: Iterable[Path]) -> BuildKeys:
    """The build's digests, in one pass over the items and the attachments."""
    attachments = Fingerprint()
    links = Fingerprint()
    for source in sorted(portal.attachments):
        attachments.add(source, (root / source).read_bytes())
        links.add(source)
    structure, shape = Fingerprint(attachments.hexdigest()), Fingerprint(attachments.hexdigest())
    meta_texts = {}
    for item in sorted(portal.items, key=lambda item: item.source):
        meta_texts[item.source] = text = meta_text(item)
        withheld = item.withheld or ""
        structure.add(item.source, text, withheld)
        shape.add(item.source, item.url, item.lang, item.index_no, withheld)
        links.add(item.source, item.url)
    return BuildKeys(code_digest(code_folders, settings, portal.today), structure.hexdigest(),
                     shape.hexdigest(), links.hexdigest(), meta_texts)


def code_digest(folders: Iterable[Path], settings: Mapping[str, Any], as_of: dt.date) -> str:
    found = Fingerprint(FORMAT, as_of.isoformat(), sys.version,
                        os.environ.get("SOURCE_DATE_EPOCH", ""), settings_text(settings),
                        installed_packages())
    for folder in folders:
        found.add(tree_digest(folder))
    return found.hexdigest()


def tree_digest(folder: Path) -> str:
    """Every file under ``folder`` (names and bytes), in a fixed order."""
    found = Fingerprint(folder.name)
    for directory, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS and not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".pyc"):
                continue
            path = Path(directory) / name
            found.add(path.relative_to(folder).as_posix(), path.read_bytes())
    return found.hexdigest()


def settings_text(settings: Mapping[str, Any]) -> str:
    """The settings as canonical JSON: functions by their qualified name, sets sorted."""
    kept = {key: value for key, value in settings.items() if key not in VOLATILE_SETTINGS}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, default=_stable)


def _stable(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, (dt.date, Path)):
        return str(value)
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', '?')}"
    # Objects made by plugins at start-up come from code and config, both digested.
    return type(value).__qualname__


def meta_text(item: Item) -> str:
    """The item's front matter, canonically (dates as ISO dates)."""
    return json.dumps(item.meta, sort_keys=True, ensure_ascii=False, default=_stable)


def body_key(keys: BuildKeys, item: Item) -> str:
    """An item body's HTML: its Markdown, and where its links lead."""
    return digest("body", keys.code, keys.links, item.source, item.body)


def item_page_key(keys: BuildKeys, name: str, template: str, item: Item,
                  shown: Iterable[Item]) -> str:
    """An item's page: its own file, what it shows of the ``shown`` items, the code."""
    parts = [name, template, keys.meta_texts[item.source], item.body]
    for other in shown:
        parts += [other.source, other.url, other.lang, other.title, other.type,
                  other.withheld or ""]
    return digest("item", keys.code, keys.shape, *parts)


def listing_key(keys: BuildKeys, name: str, template: str) -> str:
    """A listing page: front matter only, never a body."""
    return digest("listing", keys.code, keys.structure, name, template)
