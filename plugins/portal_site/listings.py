"""Who is listed where: items grouped by department and column, newest first, in pages.

Everything is computed once per build in one pass over the published items,
so listing pages cost O(items) in total whatever the number of columns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from portal_model.model import Item, Portal

AUDIENCES = ("residents", "enterprises", "investors", "visitors")
"""Service audiences, in the order the home page shows them (``_common.yaml`` audience)."""


def newest_first(items: list[Item]) -> list[Item]:
    """Newest publication first; ties by 索引号, newest serial first, so order is stable."""
    return sorted(items, key=lambda item: (item.published_date, item.index_no), reverse=True)


@dataclass
class Listings:
    """Every list the portal shows, each already in display order."""

    latest: list[Item]
    """Every published original item, newest first."""
    by_column: dict[tuple[str, str], list[Item]]
    """(department id, column id) -> its items."""
    by_department: dict[str, list[Item]]
    by_type: dict[str, list[Item]]
    by_audience: dict[str, list[Item]]
    """Audience -> the service guides and licensing items that serve it."""
    last_updated: dict[tuple[str, str], dt.date] = field(default_factory=dict)
    """(department id, column id) -> publication date of its newest item."""


def build(portal: Portal) -> Listings:
    structure = portal.structure
    assert structure is not None, "the model is complete only after load_portal"
    latest = newest_first([item for item in portal.published_items if not item.is_translation])
    by_column: dict[tuple[str, str], list[Item]] = defaultdict(list)
    by_department: dict[str, list[Item]] = defaultdict(list)
    by_type: dict[str, list[Item]] = defaultdict(list)
    by_audience: dict[str, list[Item]] = defaultdict(list)
    for item in latest:  # appending in order keeps every group newest first
        by_column[(item.department, structure.column_of(item.type).id)].append(item)
        by_department[item.department].append(item)
        by_type[item.type].append(item)
        for audience in item.meta.get("audience", ()):
            by_audience[audience].append(item)
    last_updated = {key: items[0].published_date for key, items in by_column.items()}
    return Listings(latest, dict(by_column), dict(by_department), dict(by_type),
                    dict(by_audience), last_updated)


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated listing."""

    number: int
    count: int
    base_url: str
    """URL of the first page, e.g. ``health/policy/``; page n > 1 is ``<base>page/<n>/``."""

    def url(self, number: int) -> str:
        return self.base_url if number == 1 else f"{self.base_url}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


def paginate(items: list[Item], per_page: int, base_url: str
             ) -> list[tuple[Pagination, list[Item]]]:
    """The pages of a listing at ``base_url``; an empty listing still has its first page."""
    count = max(1, -(-len(items) // per_page))
    return [(Pagination(number, count, base_url),
             items[(number - 1) * per_page:number * per_page])
            for number in range(1, count + 1)]


def _title_key(title: str) -> str:
    return "".join(title.split()).strip("《》")


class BasisLinks:
    """The portal's own page for a legal basis (WEB-B2), or None when it is not on the portal.

    A basis names its policy by 索引号 (``policy``); failing that, a published
    policy whose title is the basis's name (with or without 《》) is the same document.
    """

    def __init__(self, portal: Portal):
        self.portal = portal
        self.by_title = {_title_key(item.title): item for item in portal.published_items
                         if item.type == "policy" and not item.is_translation}

    def __call__(self, basis: dict[str, str]) -> Item | None:
        named = self.portal.by_index_no.get(basis.get("policy", ""))
        if named is not None and named.published:
            return named
        return self.by_title.get(_title_key(basis["name"]))
