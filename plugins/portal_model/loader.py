"""Read every file under ``content/`` and ``config/`` into the shared model, strictly.

:func:`load_portal` visits every file, validates each one against its schema,
runs the cross-file checks, and either returns a :class:`~portal_model.model.Portal`
or raises one :class:`~portal_model.errors.ContentValidationError` listing every
problem in every file. No file is skipped without a problem saying why.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import crossref, publication, structure
from .errors import ContentValidationError, PortalConfigError, Problem, problem
from .frontmatter import Parsed, load_config_yaml
from .frontmatter import Path as FieldPath
from .model import CONTENT_LANG, Department, Item, Portal, withheld_reason
from .memo import NOTHING_DERIVED, Annotated, ValidatedFiles
from .prefetch import Reading, read_ahead, read_file, unreadable_file
from .schemas import SchemaSet, validate

ATTACHMENT_FOLDER = "files"
_SLUG = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>en))?\.md$")
_DEPARTMENT_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def load_portal(root: Path, today: dt.date | None = None, cache: Path | None = None) -> Portal:
    """Build the model of the portal at ``root`` (the folder holding ``config/`` and ``content/``).

    ``today`` is the as-of date for embargoes and future-date checks (default: today).
    ``cache`` is a folder where valid files are remembered (:mod:`portal_model.memo`).
    Raises :class:`ContentValidationError` with all problems, or
    :class:`PortalConfigError` when the schemas themselves are broken.
    """
    today = today or dt.date.today()
    memo = ValidatedFiles(cache, root / "config" / "schemas")
    schemas = SchemaSet(root / "config" / "schemas", checked=memo.vouches_for_schemas)
    problems: list[Problem] = []
    config = _data(_load_config(schemas, root / "config" / "portal.yaml", "_portal.yaml",
                                problems, memo))
    departments = _load_departments(schemas, root / "config" / "departments", problems, memo)
    columns = _load_config(schemas, root / structure.COLUMNS_FILE, "_columns.yaml", problems,
                           memo)
    if columns is not None:
        problems += structure.check(columns, schemas.types, departments)
    unreadable: dict[str, str | None] = {}
    reading = Reading(schemas, root, memo)
    items, attachments = _load_content(reading, departments, problems, unreadable)
    memo.save()
    for item in items:
        item.withheld = withheld_reason(item.meta, today)
    portal = Portal(config or {"default_lang": "zh-CN"}, departments,
                    {name: (t.label_zh, t.label_en) for name, t in schemas.types.items()},
                    items, attachments, today, unreadable)
    portal.schemas = schemas
    portal.read_anew = frozenset(reading.anew)
    problems += crossref.check(portal)
    portal.attachment_users = publication.attachment_users(portal)
    if problems:
        raise ContentValidationError(problems)
    portal.structure = structure.build(columns.data)
    portal.field_titles = {name: schemas.fields_of(t.schema) for name, t in schemas.types.items()}
    for item in portal.published_items:
        for _, value, _ in item.references:
            portal.referrers.setdefault(value, []).append(item)
    return portal


def load_portal_config(root: Path) -> dict[str, Any]:
    """Only ``config/portal.yaml``, validated: what Pelican's settings need before a build."""
    problems: list[Problem] = []
    schemas = SchemaSet(root / "config" / "schemas", needed="_portal.yaml")
    parsed = _load_config(schemas, root / "config" / "portal.yaml", "_portal.yaml", problems)
    if problems or parsed is None:
        raise ContentValidationError(problems)
    return parsed.data


def _load_config(schemas: SchemaSet, path: Path, schema_file: str, problems: list[Problem],
                 memo: ValidatedFiles | None = None) -> Parsed | None:
    shown = f"config/{path.relative_to(path.parents[1]).as_posix()}" \
        if path.parent.name == "departments" else f"config/{path.name}"
    if not path.is_file():
        raise PortalConfigError(f"{shown}: file not found")
    return load_config_file(schemas, path, shown, schema_file, problems, memo)


def load_config_file(schemas: SchemaSet, path: Path, shown: str, schema_file: str,
                     problems: list[Problem], memo: ValidatedFiles | None = None
                     ) -> Parsed | None:
    """The config file at ``path`` (named ``shown`` in messages), parsed and valid against
    ``config/schemas/<schema_file>``; None, with its problems added, otherwise. With a
    ``memo``, a file found valid before, byte for byte, is taken as it was read then."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(unreadable_file(shown, error))
        return None
    key = memo.key(schema_file, data) if memo is not None and memo.enabled else None
    remembered = memo.parsed(key, None) if key is not None else None
    if remembered is not None:
        return remembered[0]
    parsed = load_config_yaml(data, shown)
    problems += parsed.problems
    if parsed.data is None:
        return None
    found = validate(schemas, schema_file, parsed, shown)
    problems += found
    if found:
        return None
    if key is not None:
        memo.add(key, parsed, NOTHING_DERIVED)
    return parsed


def _data(parsed: Parsed | None) -> dict[str, Any] | None:
    return parsed.data if parsed is not None else None


def _load_departments(schemas: SchemaSet, folder: Path, problems: list[Problem],
                      memo: ValidatedFiles) -> dict[str, Department]:
    departments = {}
    for path in sorted(folder.glob("*.yaml")):
        shown = f"config/departments/{path.name}"
        if not _DEPARTMENT_ID.match(path.stem):
            problems.append(problem(shown, 1, "", "bad_slug", name=path.name))
            continue
        parsed = _load_config(schemas, path, "_department.yaml", problems, memo)
        if parsed is not None:
            departments[path.stem] = Department(path.stem, parsed.data, shown, parsed.lines)
        else:
            # Keep the id known so its items are not also reported as orphans.
            departments[path.stem] = Department(path.stem, {}, shown)
    return departments


def _load_content(reading: Reading, departments: dict[str, Department],
                  problems: list[Problem], unreadable: dict[str, str | None]
                  ) -> tuple[list[Item], set[str]]:
    root = reading.root
    items: list[Item] = []
    attachments: set[str] = set()
    misnamed: list[str] = []
    tree = list(_content_tree(root, misnamed))
    # Not published, and never entered: every path and digest of them would break.
    problems += [problem(path, 1, "", "name_not_utf8") for path in misnamed]
    reading.ahead = read_ahead(reading.schemas, root, _to_parse(reading, tree))
    try:
        _place_all(reading, tree, departments, items, attachments, problems, unreadable)
    finally:
        reading.ahead.close()
    problems += _case_collisions(attachments)
    return items, attachments


def _place_all(reading: Reading, tree: Tree, departments: dict[str, Department],
               items: list[Item], attachments: set[str], problems: list[Problem],
               unreadable: dict[str, str | None]) -> None:
    inside = (reading.root / "content").resolve()
    for folder, entries in tree:
        for entry in entries:
            if entry.is_symlink() and entry.is_dir():
                # Linked folders are not entered; say so rather than skip them silently.
                problems.append(problem(f"{folder}/{entry.name}", 1, "", "symlink_folder"))
        for entry in entries:
            if entry.is_dir():
                continue
            source = f"{folder}/{entry.name}"
            if entry.is_symlink():
                if not Path(entry.path).resolve().is_relative_to(inside):
                    problems.append(problem(source, 1, "", "symlink_outside"))
                    continue
                try:
                    os.stat(entry.path)
                except OSError as error:  # its target is gone: nothing to read or publish
                    problems.append(unreadable_file(source, error))
                    continue
            parts = source.split("/")[1:]  # drop "content"
            item = _classify(reading, source, parts, departments, attachments, problems,
                             unreadable)
            if item is not None:
                items.append(item)


Tree = list[tuple[str, list[os.DirEntry[str]]]]
"""Each folder under ``content/`` (``content/...``), with its entries in name order."""


def _content_tree(root: Path, misnamed: list[str]
                  ) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """The folders of :data:`Tree`, each before the ones inside it, in name order; names
    starting with a dot (editor and VCS droppings: .gitkeep, .DS_Store) left out, and names
    that are not UTF-8 too, added to ``misnamed`` (printable: :func:`_shown`). One
    ``scandir`` per folder: the entries know which are folders and links without a ``stat``
    per file."""
    folders = ["content"]
    while folders:
        folder = folders.pop()
        entries = []
        with os.scandir(root / folder) as found:
            for entry in found:
                if entry.name.startswith("."):
                    continue
                if _is_utf8(entry.name):
                    entries.append(entry)
                else:
                    misnamed.append(_shown(f"{folder}/{entry.name}"))
        entries.sort(key=lambda entry: entry.name)
        yield folder, entries
        folders.extend(f"{folder}/{entry.name}" for entry in reversed(entries)
                       if entry.is_dir(follow_symlinks=False))


def _is_utf8(name: str) -> bool:
    """Whether a name from the file system was valid UTF-8 (Python keeps other bytes as
    lone surrogates, which no path, page or digest can carry)."""
    return name.isascii() or not any("\udc80" <= char <= "\udcff" for char in name)


def _shown(path: str) -> str:
    """``path`` printable: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _to_parse(reading: Reading, tree: Tree) -> list[str]:
    """Item files (``<department>/<type>/<slug>.md``) that the memo does not hold."""
    sources = []
    for folder, entries in tree:
        if folder.count("/") != 2 or folder.rpartition("/")[2] not in reading.schemas.types:
            continue
        for entry in entries:
            if not entry.name.endswith(".md") or not entry.is_file(follow_symlinks=False):
                continue
            source = f"{folder}/{entry.name}"
            if reading.memo.enabled:
                try:
                    data = read_file(entry.path)
                except OSError:  # reported when the file's turn comes
                    sources.append(source)
                    continue
                key = reading.memo.key(f"{folder.rpartition('/')[2]}.yaml", data)
                if reading.memo.holds(key):
                    reading.held[source] = data, key
                    continue
            sources.append(source)
    return sources


def _case_collisions(attachments: set[str]) -> list[Problem]:
    """Files whose names differ only in case would overwrite each other on many servers."""
    by_folded: dict[str, list[str]] = {}
    for path in attachments:
        by_folded.setdefault(path.casefold(), []).append(path)
    return [problem(path, 1, "", "case_collision", other=", ".join(sorted(set(paths) - {path})))
            for paths in by_folded.values() if len(paths) > 1 for path in sorted(paths)]


def _classify(reading: Reading, source: str, parts: list[str],
              departments: dict[str, Department], attachments: set[str],
              problems: list[Problem], unreadable: dict[str, str | None]) -> Item | None:
    """Place one file in the model, or say why it cannot be placed."""
    schemas = reading.schemas
    if len(parts) < 3:
        problems.append(problem(source, 1, "", "misplaced_file"))
        return None
    department, folder = parts[0], parts[1]
    if department not in departments:
        problems.append(problem(source, 1, "", "unknown_department", department=department,
                                known=", ".join(sorted(departments)) or "-"))
        return None
    if folder == ATTACHMENT_FOLDER:
        attachments.add(source)
        return None
    if folder not in schemas.types:
        problems.append(problem(source, 1, "", "unknown_type_folder", folder=folder,
                                known=", ".join(sorted(schemas.types))))
        return None
    if len(parts) != 3:
        problems.append(problem(source, 1, "", "misplaced_file"))
        return None
    if not parts[2].endswith(".md"):
        problems.append(problem(source, 1, "", "not_markdown", department=department))
        return None
    match = _SLUG.match(parts[2])
    if not match:
        problems.append(problem(source, 1, "", "bad_slug", name=parts[2]))
        return None
    parsed, found, derived = reading.read_item(source, folder)
    problems += parsed.problems
    if parsed.data is None:
        unreadable[source] = None
        return None
    declared = parsed.data.get("type")
    if isinstance(declared, str) and declared != folder:
        problems.append(problem(source, parsed.line_of(("type",)), "type", "type_mismatch",
                                folder=folder, declared=declared, department=department))
    problems += found
    if found or derived is None:
        index_no = parsed.data.get("index_no")
        unreadable[source] = index_no if isinstance(index_no, str) else None
        return None
    formats, references, meta_digest, body_digest = derived
    meta, attachment_fields = _typed(parsed.data, formats)
    translation_lang = match.group("lang")
    return Item(source, department, folder, match.group("slug"),
                meta.get("lang") or translation_lang or CONTENT_LANG,
                translation_lang is not None, meta, parsed.body, parsed.body_line, parsed.lines,
                attachment_fields=attachment_fields, references=list(references),
                meta_digest=meta_digest, body_digest=body_digest)


def _typed(data: dict[str, Any], formats: Annotated
           ) -> tuple[dict[str, Any], list[tuple[FieldPath, str]]]:
    """Front matter with every ``format: date`` string turned into a :class:`datetime.date`,
    and its ``format: attachment`` fields (``formats``: its :func:`_walks`' first part)."""
    dates = [(path, value) for path, value, fmt in formats if fmt == "date"]
    attachments = [(path, value) for path, value, fmt in formats if fmt == "attachment"]
    for path, value in dates:
        holder: Any = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = dt.date.fromisoformat(value)
    return data, attachments
