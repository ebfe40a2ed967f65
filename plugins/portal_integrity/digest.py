"""The SHA-256 list of every served file, its Ed25519 signature, and checking a copy against them.

The list uses ``sha256sum``'s format (``<hex>  <path>``, sorted by path), so an
operator can also check a deployment with the standard tool:
``cd output && sha256sum -c _build/SHA256SUMS``.
"""

from __future__ import annotations

import base64
import hashlib
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from portal_model.fingerprint import tree_files

if TYPE_CHECKING:  # imported where keys are used: most builds sign nothing
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (Ed25519PrivateKey,
                                                                   Ed25519PublicKey)

SUMS = "_build/SHA256SUMS"
SIGNATURE = "_build/SHA256SUMS.sig"
STAMP = "_build/inputs.json"
"""Written after the list (see portal_integrity.uptodate): build metadata, not a served file."""
IDENTITIES = "_build/SHA256SUMS.files"
"""Each listed file's identity when the list was written, for the next build (:class:`_Reuse`)."""
NOT_SERVED = (SUMS, SIGNATURE, STAMP, IDENTITIES)
_CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def served_files(folder: Path) -> list[str]:
    """Every file under ``folder`` (site-relative, sorted), except the list, its signature
    and the build's stamp."""
    return sorted(portal_files(folder, NOT_SERVED))


def portal_files(folder: Path, left_out: tuple[str, ...]) -> dict[str, os.stat_result]:
    """Every file under ``folder`` (site-relative) but those ``left_out``, with its ``stat``."""
    found = tree_files(folder)
    for relative in left_out:
        found.pop(relative, None)
    return found


def write_sums(folder: Path, private_key: Path | None = None, previous: Path | None = None,
               files: dict[str, os.stat_result] | None = None) -> dict[str, os.stat_result]:
    """Write ``_build/SHA256SUMS`` for ``folder`` and, given a key, its signature; return
    every file of ``folder`` but the stamp with its ``stat`` (what the stamp records).
    ``files``: every file of ``folder`` with its ``stat``, when the caller has just listed them;
    ``previous``: the portal this build replaces (see :class:`Listing`)."""
    listing = Listing(folder, previous)
    listing.add(files if files is not None else tree_files(folder))
    return listing.write(private_key)


class Listing:
    """The served files of ``folder`` with their ``stat`` and SHA-256, added in parts (a build
    lists what is done while its search index is still being written), then written.

    ``previous`` is the portal this build replaces. A file of ``folder`` that is one of its
    files (a hard link, see portal_cache.reuse) keeps the digest its list gives, unless the
    file was modified after that list was written: hashing every page again was most of
    what this cost after a rebuild.
    """

    def __init__(self, folder: Path, previous: Path | None = None):
        self.folder = folder
        self.reuse = _Reuse(previous)
        self.files: dict[str, os.stat_result] = {}
        self.digests: dict[str, str] = {}

    def add(self, files: dict[str, os.stat_result], under: str = "") -> None:
        """Add ``files`` (relative to the folder ``under``, itself relative to the portal)."""
        for relative, stat in files.items():
            path = under + relative
            if path in NOT_SERVED:
                continue
            self.files[path] = stat
            self.digests[path] = self.reuse.digest(path, stat) or file_digest(self.folder / path)

    def write(self, private_key: Path | None = None) -> dict[str, os.stat_result]:
        """Write the list (and its signature, given a key); return what :func:`write_sums`
        returns."""
        folder, order = self.folder, sorted(self.files)
        lines = "".join(f"{self.digests[path]}  {path}\n" for path in order)
        target = folder / SUMS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(lines, "utf-8", newline="\n")
        (folder / IDENTITIES).write_bytes(marshal.dumps(
            {path: (*_identity(self.files[path]), self.digests[path]) for path in order}))
        files = {path: self.files[path] for path in order}
        files[SUMS] = target.stat()
        files[IDENTITIES] = (folder / IDENTITIES).stat()
        if private_key is not None:
            key = load_private_key(private_key)
            signature = base64.b64encode(key.sign(lines.encode("utf-8"))).decode("ascii")
            (folder / SIGNATURE).write_text(signature + "\n", "ascii")
            files[SIGNATURE] = (folder / SIGNATURE).stat()
        return files


def _identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


class _Reuse:
    """The digests listed for a previous portal, with each file's identity when listed."""

    def __init__(self, previous: Path | None):
        self.listed: dict[str, tuple[int, int, int, int, str]] = {}
        self.written = 0
        if previous is None:
            return
        try:
            record = previous / IDENTITIES
            self.written = record.stat().st_mtime_ns
            self.listed = marshal.loads(record.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            self.listed = {}
        if not isinstance(self.listed, dict):
            self.listed = {}

    def digest(self, path: str, new: os.stat_result) -> str | None:
        """``path``'s listed digest if the new portal's file (``new``) is the file that was
        listed, unmodified since (same file, size and time, older than the list); else None."""
        listed = self.listed.get(path)
        if not isinstance(listed, tuple) or len(listed) != 5:
            return None
        # Within one tick of the file system's clock a change need not move the time: a
        # file as new as the list itself is hashed again.
        same = listed[:4] == _identity(new) and new.st_mtime_ns < self.written
        return listed[4] if same else None


def load_private_key(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (  # noqa: PLC0415
        Ed25519PrivateKey)

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: expected an Ed25519 private key (PEM)")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (  # noqa: PLC0415
        Ed25519PublicKey)

    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path}: expected an Ed25519 public key (PEM)")
    return key


@dataclass
class Verification:
    modified: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    signature: str = "not checked"
    """``valid``, ``invalid``, ``missing`` or ``not checked`` (no public key given)."""

    @property
    def ok(self) -> bool:
        return not (self.modified or self.missing or self.extra) \
            and self.signature in ("valid", "not checked")


def verify(folder: Path, public_key: Path | None = None) -> Verification:
    """Compare ``folder`` with its ``_build/SHA256SUMS`` (and signature, given a public key)."""
    text = (folder / SUMS).read_text("utf-8")
    expected = parse_sums(text, folder / SUMS)
    result = Verification()
    present = set(served_files(folder))
    for path, digest in expected.items():
        if path not in present:
            result.missing.append(path)
        elif file_digest(folder / path) != digest:
            result.modified.append(path)
    result.extra = sorted(present - set(expected))
    if public_key is not None:
        result.signature = _signature(folder, text, load_public_key(public_key))
    return result


def read_sums(folder: Path) -> dict[str, str]:
    """``folder``'s ``_build/SHA256SUMS``: each path's digest."""
    return parse_sums((folder / SUMS).read_text("utf-8"), folder / SUMS)


def parse_sums(text: str, source: Path) -> dict[str, str]:
    listed = {}
    for number, line in enumerate(text.splitlines(), 1):
        digest, separator, path = line.partition("  ")
        if not separator or len(digest) != 64:
            raise ValueError(f"{source}:{number}: expected '<sha256>  <path>', got {line!r}")
        listed[path] = digest
    return listed


def _signature(folder: Path, text: str, key: Ed25519PublicKey) -> str:
    from cryptography.exceptions import InvalidSignature  # noqa: PLC0415

    path = folder / SIGNATURE
    if not path.is_file():
        return "missing"
    try:
        key.verify(base64.b64decode(path.read_text("ascii").strip()), text.encode("utf-8"))
    except (InvalidSignature, ValueError):
        return "invalid"
    return "valid"
