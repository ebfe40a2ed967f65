"""The shared content model: departments, items and attachments, built once per build.

Nothing here imports Pelican: the model is plain data that the Pelican plugins,
the check command and the tests all read the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .frontmatter import Path as FieldPath
from .frontmatter import nearest_line
from .links import BodyLink, body_links
from .paths import resolve

if TYPE_CHECKING:
    from .schemas import SchemaSet
    from .structure import Structure

PUBLIC = "public"
CONTENT_LANG = "zh-CN"
"""Language of every original item; translations sit beside it as ``<slug>.<lang>.md``."""


@dataclass
class Department:
    """A department profile from ``config/departments/<id>.yaml``."""

    id: str
    config: dict[str, Any]
    source: str
    lines: Mapping[FieldPath, int] = field(default_factory=dict, repr=False)

    def line_of(self, path: FieldPath) -> int:
        return nearest_line(self.lines, path)

    @property
    def name(self) -> str:
        return self.config["name"]

    @property
    def licensing_codes(self) -> dict[str, dict[str, Any]]:
        return {entry["code"]: entry for entry in self.config.get("licensing_items", [])}

    @property
    def service_codes(self) -> dict[str, dict[str, Any]]:
        return {entry["code"]: entry for entry in self.config.get("service_items", [])}


@dataclass
class Item:
    """One item file: where it sits, its validated front matter and its body."""

    source: str
    """Project-relative path, e.g. ``content/health/licensing/food-permit.md``."""
    department: str
    type: str
    slug: str
    lang: str
    is_translation: bool
    meta: dict[str, Any]
    """Validated front matter; ``format: date`` fields are :class:`datetime.date`."""
    body: str
    body_line: int
    lines: Mapping[FieldPath, int] = field(default_factory=dict, repr=False)
    withheld: str | None = None
    """Why the item is not published (``classification``, ``draft``, ``embargo``), or None."""
    attachment_fields: list[tuple[FieldPath, str]] = field(default_factory=list, repr=False)
    """Front-matter fields naming an attachment (``format: attachment``): path, value."""
    references: list[tuple[FieldPath, str, str]] = field(default_factory=list, repr=False)
    """Front-matter fields naming another item by 索引号 (``x-reference``): path, value and
    the type that item must have. Both lists are found by the loader's one walk each, for
    the checks, the publication gate and the pages that all need them."""
    meta_digest: str = field(default="", repr=False)
    """A digest of the front matter as read (canonical JSON), and one of the body: what the
    build cache keys pages and bodies by, made once per file by the loader (and remembered)."""
    body_digest: str = field(default="", repr=False)

    @cached_property
    def links(self) -> list[BodyLink]:
        """The body's relative links (:func:`portal_model.links.body_links`), found once."""
        return list(body_links(self.source, self.body, self.body_line))

    @property
    def index_no(self) -> str:
        return self.meta["index_no"]

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def published_date(self) -> dt.date:
        return self.meta["published_date"]

    @property
    def published(self) -> bool:
        return self.withheld is None

    @cached_property
    def url(self) -> str:
        """Site-relative URL of the item's page (no leading slash); asked for thousands of
        times a build (keys, plans, listings), and fixed once the item is made."""
        prefix = f"{self.lang}/" if self.is_translation else ""
        return f"{prefix}{self.department}/{self.type}/{self.slug}/"

    def line_of(self, path: FieldPath) -> int:
        return nearest_line(self.lines, path)


def withheld_reason(meta: dict[str, Any], today: dt.date) -> str | None:
    """Why an item must not be published as of ``today``; None when it may be."""
    if meta.get("classification") != PUBLIC:
        return "classification"
    if meta.get("draft") is True:
        return "draft"
    embargo = meta.get("embargo_until")
    if isinstance(embargo, dt.date) and embargo > today:
        return "embargo"
    return None


@dataclass
class Portal:
    """Everything one build knows about the portal's content."""

    config: dict[str, Any]
    departments: dict[str, Department]
    type_labels: dict[str, tuple[str, str]]
    """Item type -> (Chinese label, English label), in schema order."""
    items: list[Item]
    attachments: set[str]
    """Project-relative paths of every file under ``content/<department>/files/``."""
    today: dt.date
    unreadable: dict[str, str | None] = field(default_factory=dict)
    """Item files that exist but failed to read or validate -> their 索引号 if legible.

    Cross-checks skip references to them, so one broken file yields its own
    problems, not false "does not exist" problems in every file that names it."""
    field_titles: dict[str, dict[str, str]] = field(default_factory=dict)
    """Item type -> field name -> the field's title in its schema (for labels)."""
    referrers: dict[str, list[Item]] = field(default_factory=dict)
    """索引号 -> published items that refer to it (an interpretation to its policy, ...)."""
    structure: Structure | None = None
    """Columns, libraries and platform from ``config/columns.yaml`` (None only while loading)."""
    schemas: SchemaSet | None = field(default=None, repr=False)
    """The schemas the portal was validated with, for later readers of ``config/`` (the
    standards profiles, the annual figures), so that no one loads them twice."""
    attachment_users: dict[str, list[str]] = field(default_factory=dict)
    """Attachment path -> sources of the items that use it (see :mod:`portal_model.publication`)."""
    read_anew: frozenset[str] = frozenset()
    """Item files this load read and validated anew, the memo not holding them: those edited
    since the last build (every one without a memo). Only an order of work may follow from
    it (portal_search writes these departments' pages first), never what is built."""

    def __post_init__(self) -> None:
        self.by_source = {item.source: item for item in self.items}
        self.by_index_no = {item.index_no: item for item in self.items if not item.is_translation}
        self._translations: dict[str, list[Item]] = {}
        for item in self.items:
            if item.is_translation and item.published:
                original = item.source.rsplit(".", 2)[0] + ".md"
                self._translations.setdefault(original, []).append(item)

    def label(self, type_name: str, field_name: str) -> str:
        """Display label of a field: its schema title without the English gloss."""
        title = self.field_titles.get(type_name, {}).get(field_name, field_name)
        return title.split(" (", 1)[0]

    def translations_of(self, item: Item) -> list[Item]:
        """Published translations of an original item."""
        return self._translations.get(item.source, [])

    @property
    def default_lang(self) -> str:
        """The interface's default language (``config/portal.yaml``)."""
        return self.config["default_lang"]

    @property
    def published_items(self) -> list[Item]:
        return [item for item in self.items if item.published]

    def attachment_url(self, item: Item, relative: str) -> str:
        """Site-relative URL of an attachment named relative to ``item``'s file."""
        return resolve(item.source, relative).removeprefix("content/")
