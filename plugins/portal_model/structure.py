"""The portal's structure from ``config/columns.yaml``: columns, libraries, platform.

Every department shows the same columns in the same order; each column lists
items of some types and has an update class for the freshness rules. The
checks here make sure no item type is left out of the columns (an item that no
column lists would be published but unreachable) and that every department's
stated reasons for empty columns (CAT-3) name real columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem, problem
from .frontmatter import Parsed

COLUMNS_FILE = "config/columns.yaml"

RESERVED_PATHS = frozenset({
    "departments", "library", "services", "zfxxgk", "en", "theme", "search", "feeds",
    "report", "_build", "404.html",
})
"""Top-level output paths the portal itself uses; no department may take one as its id."""


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    """Interface text (English msgid), translated by the interface catalogs."""
    types: tuple[str, ...]
    update: str
    max_age_days: int | None
    """How old the newest item may be before the column counts as stale; None: never."""
    profile: bool = False
    """True for 机构概况, which shows the department's profile from its config."""


@dataclass(frozen=True)
class Library:
    id: str
    title: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class PlatformSection:
    id: str
    title: str
    shows: str


@dataclass(frozen=True)
class Structure:
    per_page: int
    columns: tuple[Column, ...]
    libraries: tuple[Library, ...]
    platform_title: str
    platform_sections: tuple[PlatformSection, ...]

    def column_of(self, type_name: str) -> Column:
        """The column that lists items of ``type_name`` (exactly one, see :func:`check`)."""
        return self._by_type[type_name]

    def __post_init__(self) -> None:
        by_type = {name: column for column in self.columns for name in column.types}
        object.__setattr__(self, "_by_type", by_type)


def build(data: dict[str, Any]) -> Structure:
    """A :class:`Structure` from the validated ``columns.yaml`` data."""
    classes = data["update_classes"]
    columns = tuple(
        Column(entry["id"], entry["title"], tuple(entry.get("types", ())), entry["update"],
               classes.get(entry["update"], {}).get("max_age_days"), entry.get("profile", False))
        for entry in data["columns"])
    libraries = tuple(Library(e["id"], e["title"], tuple(e["types"])) for e in data["libraries"])
    platform = data["platform"]
    sections = tuple(PlatformSection(e["id"], e["title"], e["shows"])
                     for e in platform["sections"])
    return Structure(data["per_page"], columns, libraries, platform["title"], sections)


def check(parsed: Parsed, types: Iterable[str], departments: dict[str, Any]
          ) -> Iterator[Problem]:
    """Problems in a schema-valid ``columns.yaml`` that need the item types and departments."""
    data = parsed.data
    known = list(types)
    line = parsed.line_of

    yield from _unique_ids(data["columns"], "columns", line)
    yield from _unique_ids(data["libraries"], "libraries", line)
    yield from _unique_ids(data["platform"]["sections"], "platform.sections", line)
    listed: dict[str, str] = {}
    for index, column in enumerate(data["columns"]):
        at = ("columns", index)
        if column["update"] not in data["update_classes"]:
            yield problem(COLUMNS_FILE, line((*at, "update")), f"columns[{index}].update",
                          "unknown_name", value=column["update"],
                          expected=", ".join(data["update_classes"]))
        if not column.get("types") and not column.get("profile"):
            yield problem(COLUMNS_FILE, line(at), f"columns[{index}]", "column_lists_nothing")
        for position, type_name in enumerate(column.get("types", ())):
            where = f"columns[{index}].types[{position}]"
            if type_name not in known:
                yield problem(COLUMNS_FILE, line((*at, "types", position)), where,
                              "unknown_name", value=type_name, expected=", ".join(known))
            elif type_name in listed:
                yield problem(COLUMNS_FILE, line((*at, "types", position)), where,
                              "type_in_two_columns", value=type_name, other=listed[type_name])
            else:
                listed[type_name] = column["id"]
    for type_name in known:
        if type_name not in listed:
            yield problem(COLUMNS_FILE, line(("columns",)), "columns", "type_in_no_column",
                          value=type_name)
    for index, library in enumerate(data["libraries"]):
        for position, type_name in enumerate(library["types"]):
            if type_name not in known:
                yield problem(COLUMNS_FILE, line(("libraries", index, "types", position)),
                              f"libraries[{index}].types[{position}]", "unknown_name",
                              value=type_name, expected=", ".join(known))
    yield from _department_problems(data, departments)


def _unique_ids(entries: list[dict[str, Any]], where: str, line: Any) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            path = (*where.split("."), index, "id")
            yield problem(COLUMNS_FILE, line(path), f"{where}[{index}].id", "duplicate_id",
                          value=entry["id"])
        seen.add(entry["id"])


def _department_problems(data: dict[str, Any], departments: dict[str, Any]
                         ) -> Iterator[Problem]:
    column_ids = [column["id"] for column in data["columns"]]
    for department in departments.values():
        if department.id in RESERVED_PATHS:
            yield problem(department.source, 1, "", "reserved_department_id",
                          value=department.id, reserved=", ".join(sorted(RESERVED_PATHS)))
        for key in department.config.get("empty_column_reasons", {}):
            if key not in column_ids:
                yield problem(department.source, department.line_of(("empty_column_reasons", key)),
                              f"empty_column_reasons.{key}", "unknown_name", value=key,
                              expected=", ".join(column_ids))
