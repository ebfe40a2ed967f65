"""What a cached value depends on, as digests: a cache key names every input of its value.

The digests of a build, each computed once, in one pass over the model (O(n)):

* ``renderer``: all a body's HTML may depend on besides its own Markdown and links: the
  plugins' code, the site's address (:data:`BODY_SETTINGS`), the installed packages and
  Python. Not the theme or ``config/``, which no body reads: a new template, or a
  department's new telephone number, leaves every body in the cache.
* ``code``: everything that is not content: the renderer's digest, the Pelican settings as
  given (``-e`` overrides included), the theme (templates, translations; not the static
  files it copies, :data:`THEME_STATIC`) and
  ``config/`` (columns, departments), but for what only the standards report reads
  (:data:`REPORT_ONLY`), which is never cached. Of the schemas, only the types' labels:
  pages show nothing else of them (their fields are checked, not shown), so a new optional
  field renders no page again.
  Any change there changes every key but bodies' (a department's profile: see
  ``page_code``). Not the as-of date: it reaches a page only
  through the items it withholds (part of every key that shows an item, below) and the
  report, which is never cached; so a new day does not make the whole cache stale.
* ``page_code``: ``code``, but of the departments' profiles only their names
  (:data:`NAME_FIELDS`), for the keys of pages that hold the profiles they show: an item
  page shows other departments by name alone, and its key adds its own department's whole
  profile (``department_digests``); a listing page's key holds the profile of each
  department it is written with. So when a department's telephone number or authoritative
  lists change, other departments' pages stay.
* ``structure``: every item's front matter (and whether it is withheld) and every
  attachment's bytes, but no item body. Listing pages and feeds are made from these
  alone; an edit to one body leaves this digest as it was.

Keys of single values combine the code digest with that value's own inputs, so that adding
or editing one item changes only the keys of what shows it:

* a body (:func:`body_key`): its Markdown, and the address of each file it links to. Which
  files those are is known once the body has been rendered (:func:`body_links_key` keys
  that list), so a new item elsewhere, or a moved one the body does not name, leaves it be;
* an item page (:func:`item_page_key`): its front matter, its body's key, its
  department's profile, the bytes of the attachments it lists, what it shows of the few
  other items it links (:mod:`portal_site.dependencies`) and the facts of the whole portal
  its frame shows (the search pages, its feed);
* a listing page (:func:`shown_items_key`): the items it lists (front matter and
  attachments) and the configured objects it is written with, and its frame; one that
  reads every item (:func:`listing_key`): the structure digest.

What a page may depend on is stated where it is written (the ``cache_scope`` of
:mod:`portal_cache.plugin`); ``tests/test_cache.py`` builds the demo with and without the
cache, after edits of each kind (an item added and one withheld among them), and compares
every byte.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from portal_model.fingerprint import (Fingerprint, canonical_json, digest, installed_packages,
                                      tree_digest)
from portal_model.model import Department, Item, Portal
from portal_model.structure import Column, Library, PlatformSection

FORMAT = "cache-4"
"""Changes whenever what a key covers changes meaning."""
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH", "PORTAL_MODEL", "STATIC_PATHS",
                               "PORTAL_BUILD_CACHE", "PORTAL_SEARCH_INDEX", "PORTAL_SEARCH_JOBS",
                               "PORTAL_RENDER_JOBS", "PORTAL_RULES_BESIDE_FROM", "PORTAL_AS_OF"})
"""Settings that differ between two builds of the same portal (the staging folder), are
made from the content itself, which the content digests cover (the model; the published
attachments, which Pelican copies on every build and a page shows only as its item's
attachments), or change how much work runs at once and whether the search index is made,
but no page; and the as-of date, which keys take from the model (see ``code`` above)."""
NAME_FIELDS = re.compile(r"(short_)?name(_[a-z]+)?")
"""The fields of a department's profile that any page may show (``department_name`` in the
theme's ``_macros.html``, the feeds' titles): ``name``, ``short_name`` and their
translations such as ``name_en``."""
DEPARTMENTS = "departments"
"""The folder of ``config/`` holding one profile per department."""
THEME_STATIC = "static"
"""The theme's folder of files Pelican copies (stylesheets, scripts, images): pages link
them by a fixed address and embed none, so a new stylesheet renders no page again."""
SCHEMAS = "schemas"
"""The folder of ``config/`` holding the item types' schemas."""
REPORT_ONLY = frozenset({"standards", "figures"})
"""Folders of ``config/`` that only the standards report reads (portal_standards: the
profiles of rules, the calendar, the annual figures): no cached page depends on them
(``tests/test_cache_scope.py`` checks that no other plugin names them)."""
BODY_SETTINGS = ("SITEURL",)
"""The settings a body's HTML depends on: the renderer is given the site's address alone
(:func:`portal_cache.bodies.prerender`)."""


@dataclass(frozen=True)
class BuildKeys:
    renderer: str
    code: str
    page_code: str
    structure: str
    department_digests: Mapping[str, str] = field(repr=False)
    """Each department's whole profile, digested, by id."""
    meta_digests: Mapping[str, str] = field(repr=False)
    """Each item's front matter digest by source (``Item.meta_digest``, or :func:`meta_text`
    digested when the model was built otherwise)."""
    attachments_of: Mapping[str, tuple[str, ...]] = field(repr=False)
    """Each item's attachments (by source), as alternating paths and digests of their bytes."""
    attachment_digests: Mapping[str, str] = field(repr=False)
    """The digest of each attachment's bytes, by source."""
    listed: Mapping[str, str] = field(repr=False)
    """Each item as a listing shows it (by source): its front matter, whether it is withheld
    and its attachments, digested once; listings show thousands of items between them."""


def build_keys(portal: Portal, root: Path, settings: Mapping[str, Any],
               plugin_folders: Iterable[Path], theme: Path, config: Path) -> BuildKeys:
    """The build's digests, in one pass over the items and the attachments."""
    attachments = Fingerprint()
    used_by: dict[str, list[str]] = {}
    attachment_digests = {}
    for source in sorted(portal.attachments):
        attachment_digests[source] = content = digest("attachment", (root / source).read_bytes())
        attachments.add(source, content)
        for user in portal.attachment_users.get(source, ()):
            used_by.setdefault(user, []).extend((source, content))
    structure = Fingerprint(attachments.hexdigest())
    attachments_of = {user: tuple(found) for user, found in used_by.items()}
    meta_digests, listed = {}, {}
    for item in sorted(portal.items, key=lambda item: item.source):
        meta_digests[item.source] = meta = meta_digest(item)
        own = attachments_of.get(item.source, ())
        listed[item.source] = described = digest("listed", item.source, meta,
                                                  item.withheld or "", str(len(own)), *own)
        structure.add(described)
    renderer = code_digest(plugin_folders, {name: settings.get(name) for name in BODY_SETTINGS})
    # The profiles as the model holds them, which is all a template can read of them.
    departments = sorted(portal.departments.items())
    profiles = {department_id: digest("profile", department_id,
                                      canonical_json(department.config))
                for department_id, department in departments}
    names = [department_id + canonical_json({key: value for key, value in department.config.items()
                                             if NAME_FIELDS.fullmatch(key)})
             for department_id, department in departments]
    # The labels in the schemas' order, which is the order pages list the types in.
    labels = canonical_json(list(portal.type_labels.items()))
    rest = digest("code", renderer, settings_text(settings),
                  tree_digest(theme, frozenset({THEME_STATIC})), labels,
                  tree_digest(config, REPORT_ONLY | {DEPARTMENTS, SCHEMAS}))
    return BuildKeys(renderer, digest("all", rest, *profiles.values()),
                     digest("names", rest, *names), structure.hexdigest(), profiles,
                     meta_digests, attachments_of, attachment_digests, listed)


def code_digest(folders: Iterable[Path], settings: Mapping[str, Any]) -> str:
    # Not SOURCE_DATE_EPOCH: no page depends on the commit's time (test_integrity builds
    # at two), and with it every commit made every cached page stale.
    found = Fingerprint(FORMAT, sys.version, settings_text(settings),
                        installed_packages())
    for folder in folders:
        found.add(tree_digest(folder))
    return found.hexdigest()


def settings_text(settings: Mapping[str, Any]) -> str:
    """The settings as canonical JSON: functions by their qualified name, sets sorted."""
    kept = {key: value for key, value in settings.items() if key not in VOLATILE_SETTINGS}
    return canonical_json(kept)


def meta_text(item: Item) -> str:
    """The item's front matter, canonically (dates as ISO dates): as the loader digests it."""
    return canonical_json(item.meta)


def meta_digest(item: Item) -> str:
    """The digest of the item's front matter, made by the loader once per file."""
    return item.meta_digest or digest("meta", meta_text(item))


def body_digest(item: Item) -> str:
    return item.body_digest or digest("body", item.body)


def body_links_key(keys: BuildKeys, item: Item) -> str:
    """The list of files an item's body links to: found by rendering its Markdown."""
    return digest("body-links", keys.renderer, item.source, body_digest(item))


def body_key(keys: BuildKeys, item: Item, linked: Iterable[tuple[str, str]]) -> str:
    """An item body's HTML: its Markdown, and the address of each file it links to
    (``(path, url)`` pairs, the files :func:`body_links_key` lists)."""
    return digest("body", keys.renderer, item.source, body_digest(item),
                  *(part for pair in linked for part in pair))


def item_page_key(keys: BuildKeys, name: str, template: str, item: Item, body: str,
                  shown: Iterable[Item], frame: Iterable[str]) -> str:
    """An item's page: its front matter and body (by ``body``, its :func:`body_key`), its
    attachments, what it shows of the ``shown`` items and the portal facts in its ``frame``."""
    attachments, frame = keys.attachments_of.get(item.source, ()), list(frame)
    # Parts are length-prefixed; the counts say where each list ends.
    parts = [name, template, keys.meta_digests[item.source], body,
             keys.department_digests[item.department],
             str(len(attachments)), *attachments, str(len(frame)), *frame]
    for other in shown:
        parts += [other.source, other.url, other.lang, other.title, other.type,
                  other.withheld or ""]
    return digest("item", keys.page_code, *parts)


def listing_key(keys: BuildKeys, name: str, template: str) -> str:
    """A page made from any item's front matter (never a body)."""
    return digest("listing", keys.code, keys.structure, name, template)


def shown_items_key(keys: BuildKeys, name: str, template: str, variables: Mapping[str, Any],
                    frame: Iterable[str]) -> str | None:
    """A page made from its own ``variables`` alone (the items it lists, their front matter and
    attachments, and configured objects) and the portal facts in its ``frame``; None when a
    variable is of a kind this cannot describe (the page is then rendered every time)."""
    parts = [name, template, *frame, "variables"]
    try:
        _describe(variables, keys, parts)
    except _Undescribed:
        return None
    return digest("shown", keys.page_code, *parts)


class _Undescribed(Exception):
    pass


def _describe(value: Any, keys: BuildKeys, parts: list[str]) -> None:
    """Append to ``parts`` all a template can read of ``value`` (see :func:`shown_items_key`)."""
    if isinstance(value, Item):
        parts += ["item", keys.listed[value.source]]
    elif value is None or isinstance(value, (str, int, float)):  # bool is an int
        parts.append(f"{type(value).__name__}:{value}")
    elif isinstance(value, dt.date):
        parts.append(f"date:{value.isoformat()}")
    elif isinstance(value, (list, tuple)):
        parts.append(f"list:{len(value)}")
        for element in value:
            _describe(element, keys, parts)
    elif isinstance(value, Mapping):
        parts.append(f"map:{len(value)}")
        for key in sorted(value, key=str):
            parts.append(str(key))
            _describe(value[key], keys, parts)
    elif isinstance(value, Department):  # its whole profile, which page_code leaves out
        parts.append(f"Department:{value.id}:{keys.department_digests[value.id]}")
    elif isinstance(value, CONFIGURED):
        parts.append(f"{type(value).__qualname__}:{value.id}")
    elif is_dataclass(value) and type(value).__dataclass_params__.frozen:
        parts.append(type(value).__qualname__)
        for found in fields(value):
            parts.append(found.name)
            _describe(getattr(value, found.name), keys, parts)
    else:
        raise _Undescribed(type(value).__qualname__)


CONFIGURED = (Column, Library, PlatformSection)
"""Objects read from ``config/``, which ``page_code`` covers: each is named by its id."""
