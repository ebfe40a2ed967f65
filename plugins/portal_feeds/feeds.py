"""Which feeds the portal offers, where they live, and what each one lists.

Every listing page has its feeds in its own folder, so a reader can guess a
feed from the page it follows; the columns across departments have no page and
live in ``/feeds/``, beside the feeds page and the subscription lists:

===========================  =================================  ========================
Feed                         Atom (RSS: ``.rss.xml``)           Alternate page
===========================  =================================  ========================
the whole portal             ``/feed.atom.xml``                 ``/``
a department                 ``/<dept>/feed.atom.xml``          ``/<dept>/``
a department's column        ``/<dept>/<col>/feed.atom.xml``    ``/<dept>/<col>/``
a column across departments  ``/feeds/<col>.atom.xml``          ``/feeds/#column_<col>``
services for an audience     ``/services/<aud>/feed.atom.xml``  ``/services/<aud>/``
a library                    ``/library/<lib>/feed.atom.xml``   ``/library/<lib>/``
===========================  =================================  ========================

Ids never contain a dot, so no feed file can collide with a page folder. A feed
lists exactly its page's items in the page's order, because both come from the
same :class:`~portal_site.listings.Listings`; the two groupings it does not
hold (columns across departments, libraries) are made in one pass over
``listings.latest``, which keeps its newest-first order without sorting again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from portal_model.model import Department, Item, Portal
from portal_model.structure import Column, Library
from portal_site.listings import AUDIENCES, Listings

FEED_ENTRIES = 50
"""Entries per feed when ``config/columns.yaml`` sets no ``feed_entries``."""
FEEDS_PAGE = "feeds/"
OPML_ALL = "feeds/feeds.opml"

KINDS = ("portal", "department", "column", "department-column", "audience", "library")
"""Feed groups, in the order the feeds page and the OPML file list them."""

_PAGE_SUFFIX = re.compile(r"(?:page/\d+/)?(?:index\.html)?$")


@dataclass(eq=False)
class Feed:
    """One feed (written twice: Atom and RSS) and the listing it follows."""

    kind: str
    keys: tuple[str, ...]
    """Ids naming it within its kind: (), (department,), (department, column), ..."""
    base: str
    """Site-relative file name without the format suffix, e.g. ``health/policy/feed``."""
    page_url: str
    """Site-relative address of the page listing the same items (its alternate link)."""
    items: Sequence[Item]
    """The whole listing, newest first; a feed carries the first ``FeedSet.limit``."""
    department: Department | None = None
    column: Column | None = None
    audience: str | None = None
    library: Library | None = None

    @property
    def atom_url(self) -> str:
        return f"{self.base}.atom.xml"

    @property
    def rss_url(self) -> str:
        return f"{self.base}.rss.xml"

    @property
    def anchor(self) -> str:
        """Its row's id on the feeds page (``_`` never occurs in an id)."""
        return "_".join((self.kind, *self.keys))

    @property
    def has_page(self) -> bool:
        """False for a column across departments, whose alternate is its feeds-page row."""
        return not self.page_url.startswith(FEEDS_PAGE)


@dataclass
class FeedSet:
    """Every feed of the portal in a fixed order, and the entry limit."""

    feeds: list[Feed]
    limit: int
    _by_page: dict[str, Feed] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_page = {feed.page_url: feed for feed in self.feeds if feed.has_page}

    def entries(self, feed: Feed) -> Sequence[Item]:
        return feed.items[:self.limit]

    def group(self, kind: str) -> list[Feed]:
        return [feed for feed in self.feeds if feed.kind == kind]

    @property
    def portal(self) -> Feed:
        return self.feeds[0]

    def of_department(self, department_id: str) -> list[Feed]:
        """The department's own feed, then one per column, in column order."""
        return [feed for feed in self.feeds if feed.keys[:1] == (department_id,)
                and feed.kind in ("department", "department-column")]

    def for_page(self, output_file: str) -> Feed | None:
        """The feed a written page follows (any page of a paginated listing), or None."""
        return self._by_page.get(_PAGE_SUFFIX.sub("", output_file, count=1))

    @staticmethod
    def opml_of(department_id: str) -> str:
        """Site-relative address of one department's subscription list."""
        return f"feeds/{department_id}.opml"


def plan(portal: Portal, listings: Listings, limit: int = FEED_ENTRIES) -> FeedSet:
    """Every feed, from the listings the pages show; O(items) whatever the number of feeds."""
    structure = portal.structure
    assert structure is not None, "the model is complete only after load_portal"
    columns = [column for column in structure.columns if not column.profile]
    libraries_of: dict[str, list[str]] = defaultdict(list)
    for library in structure.libraries:
        for type_name in library.types:
            libraries_of[type_name].append(library.id)
    across: dict[str, list[Item]] = defaultdict(list)
    in_library: dict[str, list[Item]] = defaultdict(list)
    for item in listings.latest:  # appending in order keeps every group newest first
        across[structure.column_of(item.type).id].append(item)
        for library_id in libraries_of.get(item.type, ()):
            in_library[library_id].append(item)

    departments = [portal.departments[key] for key in sorted(portal.departments)]
    feeds = [Feed("portal", (), "feed", "", listings.latest)]
    feeds += [Feed("department", (dept.id,), f"{dept.id}/feed", f"{dept.id}/",
                   listings.by_department.get(dept.id, []), department=dept)
              for dept in departments]
    feeds += [Feed("column", (column.id,), f"feeds/{column.id}",
                   f"{FEEDS_PAGE}#column_{column.id}", across[column.id], column=column)
              for column in columns]
    feeds += [Feed("department-column", (dept.id, column.id), f"{dept.id}/{column.id}/feed",
                   f"{dept.id}/{column.id}/", listings.by_column.get((dept.id, column.id), []),
                   department=dept, column=column)
              for dept in departments for column in columns]
    feeds += [Feed("audience", (audience,), f"services/{audience}/feed", f"services/{audience}/",
                   listings.by_audience.get(audience, []), audience=audience)
              for audience in AUDIENCES]
    feeds += [Feed("library", (library.id,), f"library/{library.id}/feed",
                   f"library/{library.id}/", in_library[library.id], library=library)
              for library in structure.libraries]
    return FeedSet(feeds, limit)


def entry_limit(columns_config: dict) -> int:
    """``feed_entries`` from ``config/columns.yaml`` (validated by ``_columns.yaml``)."""
    return int(columns_config.get("feed_entries", FEED_ENTRIES))
