"""Every listing page of the portal, as (address, template, variables), without rendering.

Addresses are the same for every portal and every department:

=================================  ==========================================
``/``                              home: latest items, services by audience
``/departments/``                  department directory
``/<department>/``                 the department's columns at a glance
``/<department>/<column>/``        one column, newest first, ``page/<n>/``
``/library/<library>/``            one type across departments (policies, ...)
``/services/<audience>/``          services for residents, enterprises, ...
``/zfxxgk/`` and its sections      the disclosure platform (PLAT-1)
=================================  ==========================================
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from portal_model.model import Portal

from .listings import AUDIENCES, Listings, newest_first, paginate

HOME_LATEST = 10
"""How many of the newest items the home page and each department page show."""
HOME_SERVICES = 6
"""How many services per audience the home page shows before "all services"."""


@dataclass(frozen=True)
class Page:
    url: str
    """Site-relative address without a leading slash ('' for the home page)."""
    template: str
    variables: dict[str, Any] = field(default_factory=dict)
    file_name: str | None = None
    """Output file when it is not ``<url>index.html`` (the 404 page)."""

    @property
    def save_as(self) -> str:
        return self.file_name or f"{self.url}index.html"


def all_pages(portal: Portal, listings: Listings) -> Iterator[Page]:
    """Every listing page, in a fixed order (so builds are reproducible)."""
    structure = portal.structure
    assert structure is not None
    yield Page("", "index", {
        "latest": listings.latest[:HOME_LATEST],
        "services": {audience: listings.by_audience.get(audience, [])
                     for audience in AUDIENCES},
        "services_shown": HOME_SERVICES,
    })
    # Given, not read from the model: the page's cache key then holds every profile it shows.
    yield Page("departments/", "departments", {
        "departments": [portal.departments[key] for key in sorted(portal.departments)]})
    for department_id in sorted(portal.departments):
        yield from _department_pages(portal, listings, department_id)
    for library in structure.libraries:
        items = [item for name in library.types for item in listings.by_type.get(name, [])]
        if len(library.types) > 1:
            items = newest_first(items)
        for pagination, page_items in paginate(items, structure.per_page,
                                               f"library/{library.id}/"):
            yield Page(pagination.url(pagination.number), "library",
                       {"library": library, "items": page_items, "total": len(items),
                        "pagination": pagination})
    for audience in AUDIENCES:
        items = listings.by_audience.get(audience, [])
        for pagination, page_items in paginate(items, structure.per_page,
                                               f"services/{audience}/"):
            yield Page(pagination.url(pagination.number), "services",
                       {"audience": audience, "items": page_items, "total": len(items),
                        "pagination": pagination})
    yield Page("zfxxgk/", "platform", {})
    for section in structure.platform_sections:
        yield Page(f"zfxxgk/{section.id}/", "platform_section", {"section": section})
    yield Page("", "404", file_name="404.html")


def _department_pages(portal: Portal, listings: Listings, department_id: str) -> Iterator[Page]:
    structure = portal.structure
    assert structure is not None
    department = portal.departments[department_id]
    columns = [(column, listings.by_column.get((department_id, column.id), []))
               for column in structure.columns]
    yield Page(f"{department_id}/", "department", {
        "department": department, "columns": columns,
        "latest": listings.by_department.get(department_id, [])[:HOME_LATEST],
    })
    reasons = department.config.get("empty_column_reasons", {})
    for column, items in columns:
        base = f"{department_id}/{column.id}/"
        if column.profile:
            yield Page(base, "profile", {"department": department, "column": column})
            continue
        for pagination, page_items in paginate(items, structure.per_page, base):
            yield Page(pagination.url(pagination.number), "column", {
                "department": department, "column": column, "items": page_items,
                "total": len(items), "pagination": pagination,
                "empty_reason": reasons.get(column.id),
            })
