"""Checks that need more than one file: identifiers, references, lists, attachments, links.

Each check is O(number of items): lookups go through dictionaries built once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .errors import Problem, problem
from .frontmatter import dotted
from .model import CONTENT_LANG, Portal
from .paths import department_root, is_inside, resolve
from .messages import WITHHELD_REASONS, localized


def check(portal: Portal) -> list[Problem]:
    """All cross-file problems of ``portal``."""
    checks = (_index_numbers, _translations, _item_codes, _future_dates)
    found = [p for check_one in checks for p in check_one(portal)]
    found += _references(portal)
    found += _attachments(portal)
    found += _body_links(portal)
    return found


def _index_numbers(portal: Portal) -> Iterator[Problem]:
    holders: dict[str, list[str]] = {}
    for item in portal.items:
        if not item.is_translation:  # a translation shares its original's, see _translations
            holders.setdefault(item.index_no, []).append(item.source)
    for item in portal.items:
        if item.is_translation:
            continue
        # Lines are looked up for a problem only (portal_model.frontmatter.StoredLines).
        others = [source for source in holders[item.index_no] if source != item.source]
        if others:
            # Every holder is told: which one is wrong is for the editors to decide.
            yield problem(item.source, item.line_of(("index_no",)), "index_no",
                          "duplicate_index_no", value=item.index_no, other=", ".join(others))
        prefix, _, tail = item.index_no.partition("/")
        org_code = portal.departments[item.department].config.get("org_code")
        if org_code and prefix != org_code:
            yield problem(item.source, item.line_of(("index_no",)), "index_no",
                          "index_no_prefix", expected=org_code, department=item.department,
                          value=item.index_no)
        year = tail.split("-", 1)[0]
        if year != str(item.published_date.year):
            yield problem(item.source, item.line_of(("index_no",)), "index_no", "index_no_year",
                          expected=item.published_date.year, value=item.index_no)


def _translations(portal: Portal) -> Iterator[Problem]:
    for item in portal.items:
        lang = item.meta.get("lang")
        if not item.is_translation:
            if lang is not None and lang != CONTENT_LANG:
                yield problem(item.source, item.line_of(("lang",)), "lang", "original_lang",
                              expected=CONTENT_LANG, value=lang)
            continue
        original_source = item.source.replace(f".{item.lang}.md", ".md")
        if lang is not None and not item.source.endswith(f".{lang}.md"):
            yield problem(item.source, item.line_of(("lang",)), "lang", "translation_lang",
                          expected=item.source.rsplit(".", 2)[-2], value=lang)
        original = portal.by_source.get(original_source)
        if original is None and original_source in portal.unreadable:
            continue  # the original's own problems are reported; don't add a false one
        if original is None:
            yield problem(item.source, 1, "", "translation_without_original", lang=item.lang,
                          original=original_source)
            continue
        for name in ("index_no", "published_date"):
            if item.meta[name] != original.meta[name]:
                yield problem(item.source, item.line_of((name,)), name, "translation_differs",
                              expected=str(original.meta[name]), original=original.source,
                              value=str(item.meta[name]))


_CODE_LISTS = {
    "licensing": (("licensing_codes",), ("行政许可事项清单", "licensing list")),
    "service-guide": (("service_codes", "licensing_codes"),
                      ("政务服务事项清单", "service list")),
}


def _item_codes(portal: Portal) -> Iterator[Problem]:
    for item in portal.items:
        if item.type not in _CODE_LISTS or item.is_translation:
            continue
        lists, (name_zh, name_en) = _CODE_LISTS[item.type]
        department = portal.departments[item.department]
        if not department.config:
            continue  # its profile is invalid and reported; its lists cannot be trusted
        known: dict[str, object] = {}
        for attribute in lists:
            known.update(getattr(department, attribute))
        if item.meta["item_code"] not in known:
            yield problem(item.source, item.line_of(("item_code",)), "item_code",
                          "unknown_item_code", value=item.meta["item_code"],
                          list_name=localized(name_en, name_zh), department=item.department,
                          known=", ".join(sorted(known)) or "-")


def _future_dates(portal: Portal) -> Iterator[Problem]:
    for item in portal.items:
        for name in ("published_date", "formed_date"):
            value = item.meta.get(name)
            if isinstance(value, dt.date) and value > portal.today:
                yield problem(item.source, item.line_of((name,)), name, "future_date",
                              today=portal.today.isoformat(), value=value.isoformat())


def _references(portal: Portal) -> Iterator[Problem]:
    labels = portal.type_labels
    for item in portal.items:
        for path, value, wanted in item.references:
            target = portal.by_index_no.get(value)
            if target is None and value in portal.unreadable.values():
                continue  # the target exists but has problems of its own, reported there
            if target is not None and target.type == wanted and (
                    not item.published or target.published):
                continue  # as it should be: no line to look up
            line, name = item.line_of(path), dotted(path)
            wanted_label = _label(labels, wanted)
            if target is None:
                yield problem(item.source, line, name, "unknown_reference", value=value,
                              expected=wanted_label)
            elif target.type != wanted:
                yield problem(item.source, line, name, "wrong_reference_type", value=value,
                              expected=wanted_label, actual=_label(labels, target.type),
                              other=target.source)
            elif item.published and not target.published:
                yield problem(item.source, line, name, "reference_withheld", value=value,
                              other=target.source, reason=WITHHELD_REASONS[target.withheld])


def _label(labels: dict[str, tuple[str, str]], type_name: str):
    zh, en = labels.get(type_name, (type_name, type_name))
    return localized(f"'{type_name}' ({en})", zh)


def _attachments(portal: Portal) -> Iterator[Problem]:
    for item in portal.items:
        own_folder = department_root(item.source)
        for path, value in item.attachment_fields:
            target = resolve(item.source, value)
            if not is_inside(target, own_folder):
                yield problem(item.source, item.line_of(path), dotted(path),
                              "attachment_outside", department=item.department, value=value)
            elif target not in portal.attachments:
                yield problem(item.source, item.line_of(path), dotted(path),
                              "attachment_missing", value=value, resolved=target)


def _body_links(portal: Portal) -> Iterator[Problem]:
    for item in portal.items:
        for link in item.links:
            if not is_inside(link.resolved, "content"):
                yield problem(item.source, link.line, "", "attachment_outside",
                              department=item.department, value=link.target)
                continue
            target = portal.by_source.get(link.resolved)
            if target is None and link.resolved in portal.unreadable:
                continue
            if target is None and link.resolved not in portal.attachments:
                yield problem(item.source, link.line, "", "link_missing", value=link.target,
                              resolved=link.resolved)
            elif target is not None and item.published and not target.published:
                yield problem(item.source, link.line, "", "reference_withheld",
                              value=link.target, other=target.source,
                              reason=WITHHELD_REASONS[target.withheld])


