"""The feedgen side of :mod:`portal_feeds.render`: a feed's Atom and RSS bytes.

Kept apart so that a build that makes no feed (one whose feeds are all kept, see
portal_cache.files) never imports feedgen and lxml. feedgen 1.0.0 writes an Atom entry's
``<link>`` with its ``href`` only, dropping ``rel``, ``type`` and ``hreflang``
(lkiesow/python-feedgen#135, a shadowed loop variable): :class:`_EntryLinks` puts them
back from the entry's own data as each entry is written, so the output is right with a
fixed feedgen too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from portal_model.model import Item

from .feeds import Feed
from .render import (ATOM_TYPE, GENERATOR, HTML_TYPE, RSS_TYPE, FeedText, Site, entry_id,
                     entry_updated)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EXTENSION = "gongkai"


def feed_files(feed: Feed, entries: Sequence[Item], text: FeedText, site: Site,
               updated: dt.date) -> tuple[bytes, bytes]:
    """(Atom, RSS) for ``feed`` with ``entries`` in the given order (render.render)."""
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
