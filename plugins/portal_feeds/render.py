"""One feed as Atom 1.0 and RSS 2.0 bytes, made with feedgen, the same on every build.

What makes two builds of the same content byte-identical, and why:

* feedgen stamps ``updated``/``lastBuildDate`` with the build time unless told
  otherwise: a feed's is its newest entry's, and an empty feed's is the whole
  portal's (the epoch for a portal with nothing published yet);
* feedgen refuses naive datetimes: dates are midnight in the portal's time zone;
* ``add_entry`` prepends by default, which would reverse the listing's order;
* the generator element would carry feedgen's version: it names Gongkai only.

feedgen 1.0.0 writes an Atom entry's ``<link>`` with its ``href`` only, dropping
``rel``, ``type`` and ``hreflang`` (lkiesow/python-feedgen#135, a shadowed loop
variable). :class:`_EntryLinks` puts them back from the entry's own data as each
entry is written, so the output is right with a fixed feedgen too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from portal_model.model import Item, Portal

from .feeds import Feed, FeedSet

ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
HTML_TYPE = "text/html"
GENERATOR = "Gongkai"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EXTENSION = "gongkai"
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
    fg = FeedGenerator()
    fg.register_extension(_EXTENSION, BaseExtension, _EntryLinks, atom=True, rss=False)
    fg.id(site.absolute(feed.atom_url))
    fg.title(text.title)
    fg.description(text.description)
    fg.language(site.lang)
    fg.author(name=site.name, uri=site.absolute(""))
    fg.generator(GENERATOR)
    fg.updated(site.moment(updated))
    for item in entries:
        _add_entry(fg, item, site)
    page = {"href": site.absolute(feed.page_url), "rel": "alternate", "type": HTML_TYPE}
    # RSS has one channel link and takes the last one given, so the page comes last.
    fg.link([{"href": site.absolute(feed.atom_url), "rel": "self", "type": ATOM_TYPE}, page])
    atom = fg.atom_str(pretty=True)
    fg.link([{"href": site.absolute(feed.rss_url), "rel": "self", "type": RSS_TYPE}, page],
            replace=True)
    return atom, fg.rss_str(pretty=True)


def _add_entry(fg: FeedGenerator, item: Item, site: Site) -> None:
    entry = fg.add_entry(order="append")  # the default, prepend, would reverse the listing
    entry.id(entry_id(item, site.url))
    entry.title(item.title)
    entry.summary(item.meta["summary"])
    entry.published(site.moment(item.published_date))
    entry.updated(site.moment(entry_updated(item)))
    link = {"href": site.absolute(item.url), "rel": "alternate", "type": HTML_TYPE,
            "hreflang": item.lang}
    entry.link(link)  # RSS <link>; Atom's is completed by _EntryLinks
    entry.author(name=site.department_label(item.department),
                 uri=site.absolute(f"{item.department}/"))
    # A department and a type may share an id (finance): the department's category
    # has the department directory as its scheme, the type's has none.
    entry.category([
        {"term": item.department, "scheme": site.absolute("departments/"),
         "label": site.department_label(item.department)},
        {"term": item.type, "label": site.type_label(item.type)},
    ])
    extension: _EntryLinks = getattr(entry, _EXTENSION)
    extension.lang = item.lang
    # Translations are not entries of their own (no listing shows them): an Atom
    # entry names each as `related` in its language (RSS cannot). Not `alternate`:
    # readers disagree on which of two alternates is the entry's link (feedparser
    # takes the last, others the first), and it must be the original.
    extension.links = [link] + [
        {"href": site.absolute(other.url), "rel": "related", "type": HTML_TYPE,
         "hreflang": other.lang}
        for other in site.portal.translations_of(item)]


class _EntryLinks(BaseEntryExtension):
    """Writes an Atom entry's links in full, and the entry's language."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []
        self.lang = ""

    def extend_atom(self, entry: Any) -> Any:
        # feedgen names elements without a namespace and declares Atom's as the default.
        written = [child for child in entry if etree.QName(child).localname == "link"]
        for element, link in zip(written, self.links):
            element.attrib.update(link)  # what feedgen#135 drops
        last = written[-1]
        for link in self.links[len(written):]:
            added = etree.Element(last.tag, link)
            last.addnext(added)
            last = added
        entry.set(_XML_LANG, self.lang)
        return entry
