"""Every file the feeds add to the site: an Atom and an RSS file per feed, and the OPML lists.

* ``feeds/feeds.opml``: every feed of the portal, grouped as on the feeds page;
* ``feeds/<department>.opml``: one department's feed and each of its columns',
  for following one department closely.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from portal_model.model import Department

from .feeds import KINDS, OPML_ALL, Feed, FeedSet
from .opml import Outline, opml
from .render import FeedText, Site, feed_dates, render


@dataclass(frozen=True)
class Texts:
    """Interface text the files need, in the interface language (the theme provides it)."""

    feed: Callable[[Feed], FeedText]
    group: Callable[[str], str]
    """A feed kind -> its group's heading."""
    opml_title: Callable[[Department | None], str]
    """A subscription list's title: every feed (None) or one department's."""


Keep = Callable[[str, dict[str, Any], Callable[[], tuple[bytes, bytes]]], tuple[Any, Any]]
"""``keep(name, inputs, make)``: ``make()``, or what stands for it while the inputs are the
same (the build cache's :func:`portal_cache.files.kept_files`, whose ``write_output`` takes
each file from the live portal, or from what ``make()`` returned before)."""


def site_files(feeds: FeedSet, site: Site, texts: Texts,
               keep: Keep = lambda name, inputs, make: make()) -> Iterator[tuple[str, bytes]]:
    """(site-relative path, content) of every feed and subscription list, in a fixed order.
    A feed's two files are made from its entries' front matter, its texts and its date
    alone (and the site, from configuration): ``keep`` may give them from a cache."""
    dates = feed_dates(feeds)
    titles: dict[Feed, str] = {}
    for feed in feeds.feeds:
        text = texts.feed(feed)
        titles[feed] = text.title
        entries = feeds.entries(feed)
        inputs = {"feed": [feed.kind, *feed.keys, feed.base, feed.page_url],
                  "text": [text.title, text.description], "updated": dates[feed],
                  "entries": list(entries)}
        atom, rss = keep(f"feed {feed.base}", inputs,
                         lambda feed=feed, entries=entries, text=text:
                         render(feed, entries, text, site, dates[feed]))
        yield feed.atom_url, atom
        yield feed.rss_url, rss

    def outline(feed: Feed) -> Outline:
        return Outline(titles[feed], site.absolute(feed.atom_url),
                       site.absolute(feed.page_url), site.lang)

    groups = [(texts.group(kind), [outline(feed) for feed in feeds.group(kind)])
              for kind in KINDS]
    yield OPML_ALL, opml(texts.opml_title(None), groups, site.moment(max(dates.values())))
    for own in feeds.group("department"):
        department = own.department
        assert department is not None
        members = feeds.of_department(department.id)
        yield feeds.opml_of(department.id), opml(
            texts.opml_title(department), [(titles[own], [outline(f) for f in members])],
            site.moment(max(dates[feed] for feed in members)))
