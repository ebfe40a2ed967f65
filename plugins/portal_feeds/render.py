"""One feed as Atom 1.0 and RSS 2.0 bytes, made with feedgen, the same on every build.

What makes two builds of the same content byte-identical, and why:

* feedgen stamps ``updated``/``lastBuildDate`` with the build time unless told
  otherwise: a feed's is its newest entry's, and an empty feed's is the whole
  portal's (the epoch for a portal with nothing published yet);
* feedgen refuses naive datetimes: dates are midnight in the portal's time zone;
* ``add_entry`` prepends by default, which would reverse the listing's order;
* the generator element would carry feedgen's version: it names Gongkai only.

feedgen itself, and the work-around for its dropped Atom link attributes, are in
:mod:`portal_feeds.feedgen_files`, imported only when a feed is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from portal_model.model import Item, Portal

from .feeds import Feed, FeedSet

ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
HTML_TYPE = "text/html"
GENERATOR = "Gongkai"
EPOCH = dt.date(1970, 1, 1)
"""An empty feed's date when the portal has published nothing at all."""


@dataclass(frozen=True)
class Site:
    """What every feed of one build shares."""

    portal: Portal
    url: str
    """Absolute address of the portal (``site_url``), without a trailing slash."""
    tz: dt.tzinfo
    lang: str
    """Interface language: feed titles and category labels are in it."""
    name: str
    """The portal's name in ``lang``."""

    def absolute(self, relative: str) -> str:
        return f"{self.url}/{relative}"

    def moment(self, day: dt.date) -> dt.datetime:
        """Midnight of ``day`` in the portal's time zone (feedgen refuses naive datetimes)."""
        return dt.datetime.combine(day, dt.time(), tzinfo=self.tz)

    def department_label(self, department_id: str) -> str:
        config = self.portal.departments[department_id].config
        if self.lang.startswith("zh"):
            return config["name"]
        return config.get(f"name_{self.lang.split('-')[0]}") or config["name"]

    def type_label(self, type_name: str) -> str:
        zh, en = self.portal.type_labels[type_name]
        return zh if self.lang.startswith("zh") else en


@dataclass(frozen=True)
class FeedText:
    """A feed's title and description in the interface language (from the theme)."""

    title: str
    description: str


def entry_updated(item: Item) -> dt.date:
    """When the entry last changed: its 变更日期, never earlier than its publication."""
    changed = item.meta.get("changed_date")
    return max(item.published_date, changed) if changed else item.published_date


def entry_id(item: Item, site_url: str) -> str:
    """A tag: URI from the 索引号, which never changes once published (RFC 4151).

    The year is the 索引号's own, so the id survives a new slug or a corrected date.
    """
    host = urlsplit(site_url).hostname
    year = item.index_no.rsplit("/", 1)[1][:4]
    return f"tag:{host},{year}:{item.index_no}"


def newest(entries: Sequence[Item]) -> dt.date | None:
    """The date a feed of ``entries`` was last updated, None when there are none."""
    return max((entry_updated(item) for item in entries), default=None)


def feed_dates(feeds: FeedSet) -> dict[Feed, dt.date]:
    """Each feed's ``updated``: its newest entry's date; an empty feed takes the portal's."""
    portal = newest(feeds.entries(feeds.portal)) or EPOCH
    return {feed: newest(feeds.entries(feed)) or portal for feed in feeds.feeds}


def render(feed: Feed, entries: Sequence[Item], text: FeedText, site: Site,
           updated: dt.date) -> tuple[bytes, bytes]:
    """(Atom, RSS) for ``feed`` with ``entries`` in the given order (see :func:`feed_dates`)."""
    # feedgen and lxml take 50 ms to import: only a build that makes a feed needs them.
    from .feedgen_files import feed_files  # noqa: PLC0415

    return feed_files(feed, entries, text, site, updated)
