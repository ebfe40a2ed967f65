"""A digest of many parts, added one at a time: what the build cache keys and the
up-to-date check of ``scripts/build`` are made of.

Each part is length-prefixed, so ``("ab", "c")`` and ``("a", "bc")`` never collide, and
parts are hashed as they come: a digest of a large portal never holds all its files at once.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import distributions


class Fingerprint:
    def __init__(self, *parts: str | bytes, size: int = 16):
        self._hasher = hashlib.blake2b(digest_size=size)
        self.add(*parts)

    def add(self, *parts: str | bytes) -> Fingerprint:
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            self._hasher.update(len(data).to_bytes(8, "little"))
            self._hasher.update(data)
        return self

    def hexdigest(self) -> str:
        return self._hasher.hexdigest()


def digest(*parts: str | bytes) -> str:
    """The 32-hex-digit fingerprint of ``parts``."""
    return Fingerprint(*parts).hexdigest()


def installed_packages() -> str:
    """Every installed distribution and its version, one per line, sorted: a build's output
    depends on them, so both the cache keys and the up-to-date check include them."""
    return "\n".join(sorted(f"{dist.metadata['Name']}=={dist.version}"
                            for dist in distributions()))
