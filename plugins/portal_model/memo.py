"""Files already read and found valid, so that an unchanged file is not read again.

Composing YAML with line numbers and validating it against JSON Schema are most of the
time ``make check`` takes, and between two commits almost every file is the same. A valid
file is remembered by a digest of its bytes, its schema file's name and a *salt*: every
schema in ``config/schemas/``, this package's code and the jsonschema and PyYAML versions.
Change any of them and nothing is remembered, so a remembered file is one that the same
reading and validation passed; it is taken as it was read then (front matter and field
lines, these unpacked only when a message needs one; the body is cut from the bytes
again), with what the loader derived from it (:data:`Derived`: which fields are dates,
attachments and references, found by walking its schema, and the digests of its front
matter and of its body), which the same salt keeps true. Configuration files (``config/``:
the portal, its columns, each department with its lists) are remembered the same way.
Only files without a problem are remembered: a file with problems is read and validated
every time, so its messages are always complete.
The checks across files (references, attachments, duplicates) run on every file, always.

Kept in ``<cache folder>/parsed.marshal`` (``marshal``: plain data only, nothing in it can
run code), rewritten after each load with the files that load saw, so it never outgrows
the portal.
"""

from __future__ import annotations

import marshal
import os
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .fingerprint import digest, tree_digest
from .frontmatter import Parsed, StoredLines, body_of

FILE_NAME = "parsed.marshal"
FORMAT = 4

Annotated = list[tuple[tuple[str | int, ...], Any, Any]]
"""``(field path, value, annotation)`` of each annotated field (``SchemaSet.annotated``)."""
Derived = tuple[Annotated, Annotated, str, str]
"""A file's ``format`` fields and ``x-reference`` fields (as its schema walk found them), and
the digests of its front matter and of its body (``Item.meta_digest``, ``body_digest``)."""
NOTHING_DERIVED: Derived = ([], [], "", "")
"""What is kept beside a configuration file: the loader derives nothing from one."""


class ValidatedFiles:
    def __init__(self, folder: Path | None, schemas: Path):
        self.path = folder / FILE_NAME if folder else None
        self.salt = _salt(schemas) if folder else b""
        self.known: dict[str, bytes] = {}
        self.seen: dict[str, bytes] = {}
        """Each file's entry as marshalled when it was read: later changes to the data
        (dates become ``datetime.date``) do not reach the memo."""
        if self.path is not None:
            self.known = read_entries(self.path, FORMAT, self.salt)

    @property
    def enabled(self) -> bool:
        return self.path is not None

    @property
    def vouches_for_schemas(self) -> bool:
        """Whether the schemas are known to be valid: a memo is only saved by a load that
        checked them, and its salt holds every schema file's bytes."""
        return bool(self.known)

    def key(self, schema_file: str, data: bytes) -> str:
        return file_key(schema_file, data)

    def holds(self, key: str) -> bool:
        """Whether the file with this key was found valid before (nothing is unpacked)."""
        return key in self.known

    def parsed(self, key: str, data: bytes | None) -> tuple[Parsed, Derived] | None:
        """The file as it was read when found valid, and what was derived from it; None if
        it was not found valid. ``data``: the file's bytes, to cut its body from (None: a
        configuration file, which has none)."""
        entry = self.known.get(key)
        if entry is None:
            return None
        self.seen[key] = entry
        return unpack(entry, data)

    def add(self, key: str, parsed: Parsed, derived: Derived) -> None:
        """Remember a file that was read and validated without a problem."""
        if self.path is None:
            return
        try:
            self.seen[key] = pack(parsed, derived)
        except ValueError:  # not plain data: read it again next time
            pass

    def adopt(self, key: str, entry: bytes) -> None:
        """Remember a file that was read and validated without a problem elsewhere, and
        :func:`pack` ed there."""
        if self.path is not None:
            self.seen[key] = entry

    def save(self) -> None:
        """Keep what this load saw; a folder that cannot be written only costs time."""
        if self.path is None or self.seen.keys() == self.known.keys():
            return
        try:
            write_entries(self.path, self.seen, FORMAT, self.salt)
        except OSError as exc:
            print(f"validation memo: {self.path}: {exc}; not kept", file=sys.stderr)


def file_key(schema_file: str, data: bytes) -> str:
    """What a file is remembered by, besides the salt: its bytes and its schema file."""
    return digest(schema_file, data)


def pack(parsed: Parsed, derived: Derived) -> bytes:
    """A valid file's entry; raises ValueError when its data is not plain data."""
    # The lines nested as bytes: unpacked only for a file a message is about.
    return marshal.dumps((parsed.data, marshal.dumps(list(parsed.lines.items())),
                          parsed.body_line, derived))


def unpack(entry: bytes, data: bytes | None) -> tuple[Parsed, Derived]:
    """The file and what was derived from it, from its :func:`pack` ed entry; ``data``: its
    bytes, to cut its body from (None: a configuration file, which has none)."""
    front, lines, body_line, derived = marshal.loads(entry)
    body = body_of(data, body_line) if data is not None else ""
    return Parsed(front, body, body_line, StoredLines(lines)), derived


def read_entries(path: Path, *header: object) -> dict:
    """The entries a :func:`write_entries` with the same ``header`` left in ``path``, or
    none: a missing, unreadable or other file means starting afresh."""
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if (not isinstance(found, tuple) or len(found) != len(header) + 1
            or found[:-1] != header or not isinstance(found[-1], dict)):
        return {}
    return found[-1]


def write_entries(path: Path, entries: dict, *header: object) -> None:
    """Replace ``path`` with ``entries`` under ``header`` at once (a reader sees the old file
    or the new one, never half of one); raises OSError."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps((*header, entries)))
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _salt(schemas: Path) -> bytes:
    return digest(version("jsonschema"), version("pyyaml"), sys.version, tree_digest(schemas),
                  tree_digest(Path(__file__).parent)).encode()
