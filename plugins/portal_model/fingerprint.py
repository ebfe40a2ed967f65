"""A digest of many parts, added one at a time: what the build cache keys, the memo of valid
files, the search bundles' keys and the up-to-date check of ``scripts/build`` are made of.

Each part is length-prefixed, so ``("ab", "c")`` and ``("a", "bc")`` never collide, and
parts are hashed as they come: a digest of a large portal never holds all its files at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

METADATA_FOLDERS = (".dist-info", ".egg-info")
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules"})
"""Folders whose files are never inputs: compiled Python, installed JavaScript tools."""


class Fingerprint:
    def __init__(self, *parts: str | bytes, size: int = 16):
        self._hasher = hashlib.blake2b(digest_size=size)
        self.add(*parts)

    def add(self, *parts: str | bytes) -> Fingerprint:
        for part in parts:
            # A file name that is not UTF-8 keeps its own bytes (the loader reports it).
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            self._hasher.update(len(data).to_bytes(8, "little"))
            self._hasher.update(data)
        return self

    def hexdigest(self) -> str:
        return self._hasher.hexdigest()


def digest(*parts: str | bytes) -> str:
    """The 32-hex-digit fingerprint of ``parts``."""
    return Fingerprint(*parts).hexdigest()


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON (keys sorted): dates as ISO dates, paths as text, sets
    sorted, functions by their qualified name, other objects by their type's name (objects
    made from code and configuration, which their own digests cover)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_stable)


def _stable(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, (dt.date, Path)):
        return str(value)
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', '?')}"
    return type(value).__qualname__


FileIdentity = tuple[int, int, int]
"""A file as last seen: inode, size and modification time (ns). The same identity later means
the same bytes, unless a tool wrote in place and put the time back."""


def file_identity(path: str | os.PathLike[str]) -> FileIdentity:
    """``path``'s :data:`FileIdentity` (raises OSError)."""
    found = os.stat(path)
    return found.st_ino, found.st_size, found.st_mtime_ns


def installed_packages() -> str:
    """Every installed distribution and its version, one per line, sorted: a build's output
    depends on them, so both the cache keys and the up-to-date check include them.

    Each is named by its metadata folder (``Jinja2-3.1.6.dist-info``: name and version), as
    the import path holds them: reading every distribution's metadata file, as
    ``importlib.metadata`` does, took 20-35 ms of every build process's start."""
    found: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:  # a zip file, or a folder that is gone
            continue
        found.update(name for name in names if name.endswith(METADATA_FOLDERS))
    return "\n".join(sorted(found))


def source_files(folder: Path, hidden: bool = False) -> Iterator[Path]:
    """Every file under ``folder`` in a fixed order, without compiled Python, installed tools
    and (unless ``hidden``) names starting with a dot."""
    for directory, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs
                         if d not in SKIPPED_FOLDERS and (hidden or not d.startswith(".")))
        for name in sorted(files):
            if (hidden or not name.startswith(".")) and not name.endswith(".pyc"):
                yield Path(directory) / name


def tree_digest(folder: Path, skipped: frozenset[str] = frozenset()) -> str:
    """Every file under ``folder`` (names and bytes; see :func:`source_files`) but those in
    its top-level folders named in ``skipped``."""
    found = Fingerprint(folder.name)
    for path in source_files(folder):
        relative = path.relative_to(folder)
        if len(relative.parts) > 1 and relative.parts[0] in skipped:
            continue
        found.add(relative.as_posix(), path.read_bytes())
    return found.hexdigest()


def tree_files(folder: str | os.PathLike[str], skipped: frozenset[str] = frozenset()
               ) -> dict[str, os.stat_result]:
    """Every file under ``folder`` (``/``-separated paths relative to it) with its ``stat``,
    in no particular order. The top-level folders named in ``skipped`` are not entered, nor
    is a linked folder; a linked file is listed with its target's ``stat``.

    The portal's output is listed this way on every build: one ``scandir`` per folder and no
    path object per file (``os.walk`` with a ``relpath`` per folder and then an ``os.stat``
    per file took three times as long at 15,000 files).
    """
    found: dict[str, os.stat_result] = {}
    folders = [""]
    while folders:
        relative = folders.pop()
        with os.scandir(os.path.join(folder, relative)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if relative or entry.name not in skipped:
                        folders.append(f"{relative}{entry.name}/")
                elif not entry.is_dir():  # a link to a folder is not entered, as os.walk
                    found[relative + entry.name] = entry.stat()
    return found
