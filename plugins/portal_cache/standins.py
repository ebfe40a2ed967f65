"""Published items enter Pelican's article list unread; an item is read when its page is rendered.

Pelican reads every item before it writes any page: the reader's metadata, the body from the
cache, an ``Article`` with its dates, URL and links (0.6 s at 5,000 items). A rebuild keeps
almost every item page (a hard link to the live portal's copy, :mod:`portal_cache.reuse`),
and the search index of the department an edit touched, which waits for that department's
pages, started that much later. So with the build cache on, each published item enters the
list as a :class:`StandIn`, made from the model with what Pelican's own lists need (status,
URL, date, category, source path): the same metadata its reader gives. The cache's writer
asks a stand-in for its real article (:meth:`StandIn.article`, read then as Pelican would
have read it before) only when the page has to be rendered; a kept page never needs it.

A body that uses Pelican's ``{static}`` or ``{attach}`` links is read as before: Pelican
collects those links from the read articles before it copies static files. A ``{filename}``
link to another item finds that item's stand-in (its URL) as it found the article.
Items that are not published are read as before too (the reader skips them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from portal_model.model import Item, Portal

_STATIC_LINK = re.compile(r"[{|](?:static|attach)[|}]")
"""Pelican's intrasite link to a static file (``INTRASITE_LINK_REGEX``'s default syntax)."""
_NO_LINKS: frozenset[str] = frozenset()


def _links_static(body: str) -> bool:
    # The substring tests first: a regular expression over every body cost more.
    return ("static" in body or "attach" in body) and _STATIC_LINK.search(body) is not None


class StandIn:
    """A published item in Pelican's article list, until its page has to be rendered."""

    status = "published"

    def __init__(self, relative_source_path: str, metadata: dict[str, Any],
                 read: Callable[[StandIn], Any]):
        self.__dict__.update(metadata)
        self.relative_source_path = relative_source_path
        self._read = read

    def get_relative_source_path(self) -> str:
        return self.relative_source_path

    def get_static_links(self) -> frozenset[str]:
        return _NO_LINKS  # an item with any is not stood in for

    def article(self) -> Any:
        """The item's ``Article``, read now (and then known to Pelican's link lookups)."""
        return self._read(self)


class StandIns:
    """``lookup`` replaces the article generator's ``get_cached_data`` (the one place Pelican
    asks, per file, whether it has the article without reading it)."""

    def __init__(self, portal: Portal, content_prefix: str,
                 metadata: Callable[[Item], dict[str, Any]], read: Callable[[StandIn], Any],
                 first: Callable[[], None]):
        self.portal, self.prefix = portal, content_prefix
        self.metadata, self.read, self.first = metadata, read, first
        self.count = 0

    def lookup(self, path: str, default: Any = None) -> Any:
        """A stand-in for the item at ``path`` (relative to the content folder), or
        ``default``: Pelican reads the file then."""
        item = self.portal.by_source.get(f"{self.prefix}{path}")
        if item is None or not item.published or _links_static(item.body):
            return default
        if not self.count:
            self.first()
        self.count += 1
        return StandIn(path, self.metadata(item), self.read)
