"""Unchanged pages taken from the live portal as hard links, not written again.

``scripts/build`` builds into a fresh folder beside the live portal and swaps the two when
the build succeeds (portal_integrity). Writing the thousands of pages that did not change
into that folder costs more than anything else a rebuild does, so the build is told where
the live portal is (``LINK_FROM_ENV``: where this build will be published) and, for a page
whose cache key is the one recorded when the live copy was written, makes a hard link to
that copy instead.

A link is made only when the live file is still the one recorded: same inode, size and
modification time, so a page edited by hand on the server is written again from the cache.
Nothing is ever written through a link (:meth:`PreviousPortal.release` removes it first),
so a failed build leaves the live portal exactly as it was; the swap then only renames
folders, and removing the old one leaves the linked files in the new one. Where links
cannot be made (another file system, a live portal built otherwise), pages are written
as before.
"""

from __future__ import annotations

import marshal
import os

from portal_integrity.gated import LINK_FROM_ENV
from portal_model.fingerprint import digest, file_identity

from .store import BuildCache

__all__ = ["LINK_FROM_ENV", "PreviousPortal"]
KIND = "output"

Record = tuple[str, int, int, int]
"""A written page's cache key, inode, size and modification time (ns)."""


class PreviousPortal:
    """The live portal's pages as recorded when they were written, and this build's record."""

    def __init__(self, store: BuildCache, live: str | None):
        self.store = store
        self.live = os.path.abspath(live) if live else None
        self.recorded: dict[str, Record] = {}
        self.written: dict[str, Record] = {}
        self.linked: set[str] = set()
        self.expected: list[tuple[str, str, str]] = []
        if self.live and os.path.isdir(self.live):
            found = store.get(KIND, self._key())
            try:
                self.recorded = marshal.loads(found) if found else {}
            except (EOFError, ValueError, TypeError):
                self.recorded = {}

    def link(self, name: str, key: str, path: str) -> bool:
        """Make ``path`` a hard link to the live copy of page ``name`` if that copy is the
        one written under ``key``; False (and nothing done) otherwise."""
        entry = self.recorded.get(name)
        if entry is None or entry[0] != key or self.live is None:
            return False
        source = os.path.join(self.live, name)
        try:
            if file_identity(source) != entry[1:]:
                return False
            os.link(source, path)
        except OSError:
            return False
        self.linked.add(path)
        self.written[name] = entry
        return True

    def release(self, path: str) -> None:
        """Before anything writes to ``path``: drop it if it is a link to the live portal."""
        if path in self.linked:
            os.unlink(path)
            self.linked.discard(path)

    def record(self, name: str, key: str, path: str) -> None:
        """Page ``name`` was written to ``path`` under ``key``."""
        self.written[name] = (key, *file_identity(path))

    def expect(self, name: str, key: str, path: str) -> None:
        """File ``name`` will be written to ``path`` under ``key`` by someone else (Pelican's
        copy of a static file): recorded as it is when this build's record is saved."""
        self.expected.append((name, key, path))

    def save(self) -> None:
        """Keep this build's record for the next build, which replaces this one's output."""
        for name, key, path in self.expected:
            if os.path.isfile(path):
                self.record(name, key, path)
        if self.live is not None:
            self.store.put(KIND, self._key(), marshal.dumps(self.written))

    def _key(self) -> str:
        return digest("live portal", str(self.live))
