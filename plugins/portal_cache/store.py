"""A build cache on disk: values addressed by a digest of everything they were made from.

One SQLite file (``<cache folder>/build.sqlite3``), so that thousands of small entries cost
one open file, a reader never sees half an entry, and two builds at once only wait for each
other. A key is the digest of every input of the value (see :mod:`portal_cache.keys`), so
an entry is never stale: a changed input gives another key, and the old entry is simply
not asked for again. :meth:`BuildCache.close` then removes every entry the build did not
use, which keeps the cache about the size of one portal.

A cache that cannot be opened or written (read-only checkout, full disk, corrupt file)
is reported once and the build goes on without it: it is only ever a shortcut.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

FILE_NAME = "build.sqlite3"
SCHEMA = """CREATE TABLE IF NOT EXISTS entry (
    kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (kind, key)
) WITHOUT ROWID"""
KEYS_INDEX = "CREATE INDEX IF NOT EXISTS entry_keys ON entry (kind, key)"
"""The keys alone: listing a kind's keys (every build does, twice) reads this small index
instead of every page of the values, 0.3-0.8 s at 5,000 items when they are not cached."""
BATCH = 500
"""Entries written per transaction: bounds memory however many pages a build renders."""


class BuildCache:
    """Get and put byte values by ``(kind, key)``; ``close`` keeps only what was used."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: dict[str, set[str]] = {}
        self.pending: list[tuple[str, str, bytes]] = []
        self.counts: dict[str, list[int]] = {}
        """Per kind, ``[found, not found]`` by :meth:`get`."""
        self.held: dict[str, set[str]] = {}
        """Per kind, the keys the cache held when it was first asked for one (see get)."""
        self.db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / FILE_NAME, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(SCHEMA)
            self.db.execute(KEYS_INDEX)
        except (OSError, sqlite3.Error) as exc:
            self._give_up(exc)

    @property
    def enabled(self) -> bool:
        return self.db is not None

    def get(self, kind: str, key: str) -> bytes | None:
        """The value of ``key``; None when the cache lacks it, or was given it only after
        this build first asked for one of its kind. A key it lacks costs a set lookup, not
        a query: a cold build asks for every page it renders, and those queries had cost
        0.9 s of a cold 5,000-item build (0.15 ms each, beside the rendering)."""
        self.used.setdefault(kind, set()).add(key)
        value = None
        if self.db is not None and key in self._held(kind):
            try:
                row = self.db.execute("SELECT value FROM entry WHERE kind = ? AND key = ?",
                                      (kind, key)).fetchone()
                value = row[0] if row else None
            except sqlite3.Error as exc:
                self._give_up(exc)
        self.counts.setdefault(kind, [0, 0])[value is None] += 1
        return value

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        """The values of those of ``keys`` the cache holds, by key: for many small values
        (one query, not one per key)."""
        wanted = self.used.setdefault(kind, set())
        asked = set(keys)
        wanted |= asked
        if self.db is None:
            return {}
        try:
            return {key: value for key, value in self.db.execute(
                "SELECT key, value FROM entry WHERE kind = ?", (kind,)) if key in asked}
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}

    def keep(self, kind: str, key: str) -> None:
        """Count ``key`` as used by this build (found with :meth:`keys`, read later or not)."""
        self.used.setdefault(kind, set()).add(key)

    def _held(self, kind: str) -> set[str]:
        held = self.held.get(kind)
        if held is None:
            held = self.held[kind] = self.keys(kind)
        return held

    def keys(self, kind: str) -> set[str]:
        """Every key of ``kind`` the cache holds (one query, not one per key)."""
        if self.db is None:
            return set()
        try:
            return {key for (key,) in self.db.execute("SELECT key FROM entry WHERE kind = ?",
                                                      (kind,))}
        except sqlite3.Error as exc:
            self._give_up(exc)
            return set()

    def put(self, kind: str, key: str, value: bytes) -> None:
        self.used.setdefault(kind, set()).add(key)
        if self.db is None:
            return
        self.pending.append((kind, key, value))
        if len(self.pending) >= BATCH:
            self.flush()

    def put_many(self, kind: str, entries: Iterable[tuple[str, bytes]]) -> None:
        for key, value in entries:
            self.put(kind, key, value)

    def flush(self) -> None:
        if self.db is None or not self.pending:
            self.pending.clear()
            return
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?)",
                                    self.pending)
        except sqlite3.Error as exc:
            self._give_up(exc)
        self.pending.clear()

    def close(self, prune: bool = True) -> None:
        """Write what is pending; with ``prune``, drop the entries of every kind this build
        used that it did not ask for (kinds it never touched are left alone)."""
        self.flush()
        if self.db is None:
            return
        try:
            if prune:
                with self.db:
                    self.db.execute("BEGIN")
                    for kind, keys in self.used.items():
                        stale = [(kind, key) for (key,) in self.db.execute(
                            "SELECT key FROM entry WHERE kind = ?", (kind,)) if key not in keys]
                        self.db.executemany("DELETE FROM entry WHERE kind = ? AND key = ?",
                                            stale)
            self.db.close()
        except sqlite3.Error as exc:
            self._give_up(exc)
        self.db = None

    def _give_up(self, exc: Exception) -> None:
        print(f"build cache: {self.folder / FILE_NAME}: {exc}; building without it",
              file=sys.stderr)
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None
        self.pending.clear()
