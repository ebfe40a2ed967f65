"""The search index's cache: each department's last bundle, kept by its key, and put back
into the output as hard links rather than copies.

A bundle is thousands of small files (fragments, word chunks): copying them back was most
of what a rebuild spent on search. A cached file and its place in the output are therefore
one file on disk, so the cache also records each file's identity (inode, size, modification
time), and an entry whose files no longer match (an index edited in place on the server,
under either name) is dropped and the bundle indexed again. Where a link cannot be made (the cache on
another file system), the file is copied.
"""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from portal_model.fingerprint import FileIdentity, file_identity, tree_files

STATS = ".files"
"""Beside each cached bundle folder ``<key>``: ``<key>.files``, its files' identities."""
PAGES = ".pages"
"""Beside it too: ``<key>.pages``, the identities of the pages it was indexed from."""


def restore(cache: Path | None, bundle: str, key: str, target: Path) -> int | None:
    """Put the cached bundle ``bundle`` with ``key`` at ``target`` and return its size in
    bytes (as recorded: no second walk); None when there is none (or it no longer matches
    what was cached)."""
    if cache is None:
        return None
    recorded = _recorded(cache, bundle, key)
    if recorded is None:
        return None
    if not _unchanged(cache / bundle / key, recorded):
        shutil.rmtree(cache / bundle, ignore_errors=True)
        return None
    _place_all(cache / bundle / key, target, [relative for relative, _ in recorded])
    return sum(size for _, (_, size, _) in recorded)


def known_key(cache: Path | None, bundle: str, salt: str,
              pages: dict[str, FileIdentity]) -> str | None:
    """The key of the cached bundle ``bundle`` when it was indexed, with ``salt``, from these
    very page files (same identities: unchanged pages are links to the ones it was made
    from); None otherwise, and the key must be made from the pages' contents."""
    return next((key for key, record in _page_records(cache, bundle)
                 if record == (salt, pages)), None)


def previous(cache: Path | None, bundle: str, salt: str) -> Path | None:
    """The folder of the department's cached bundle when it was indexed with ``salt`` (the
    same Pagefind, options and code) and its files are as cached; None otherwise."""
    for key, record in _page_records(cache, bundle):
        if isinstance(record, tuple) and record[:1] == (salt,):
            recorded = _recorded(cache, bundle, key)
            if recorded is not None and _unchanged(cache / bundle / key, recorded):
                return cache / bundle / key
    return None


def _page_records(cache: Path | None, bundle: str) -> Iterator[tuple[str, object]]:
    """Each cached bundle's key and what :func:`keep` recorded of its pages (``pages``)."""
    if cache is None:
        return
    for record in (cache / bundle).glob(f"*{PAGES}"):
        try:
            yield record.name.removesuffix(PAGES), marshal.loads(record.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            continue


def keep(cache: Path | None, bundle: str, key: str, target: Path,
         pages: tuple[str, dict[str, FileIdentity]] | None = None) -> None:
    """Keep the bundle just written at ``target`` as the department's only cached version;
    ``pages``, the salt and page identities it was made from, for :func:`known_key`."""
    if cache is None:
        return
    folder = cache / bundle / key
    shutil.rmtree(cache / bundle, ignore_errors=True)
    files = sorted(tree_files(target))
    _place_all(target, folder, files)
    recorded = [(relative, file_identity(os.path.join(folder, relative))) for relative in files]
    if pages is not None:
        (cache / bundle / f"{key}{PAGES}").write_bytes(marshal.dumps(pages))
    stats = cache / bundle / f"{key}{STATS}"
    partial = stats.with_name(f"{stats.name}.{os.getpid()}")
    partial.write_bytes(marshal.dumps(recorded))
    partial.replace(stats)  # last: a bundle cached halfway has no stats, so is never used


def _recorded(cache: Path, bundle: str, key: str) -> list[tuple[str, FileIdentity]] | None:
    """The cached bundle's files with their identities as cached; None: no such bundle."""
    try:
        recorded = marshal.loads((cache / bundle / f"{key}{STATS}").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return recorded if isinstance(recorded, list) else None


def _unchanged(folder: Path, recorded: list[tuple[str, FileIdentity]]) -> bool:
    base = str(folder)
    try:
        return all(file_identity(os.path.join(base, relative)) == identity
                   for relative, identity in recorded)
    except (OSError, ValueError, TypeError):  # a file gone, or stats of another format
        return False


def _place_all(source: Path, destination: Path, files: list[str]) -> None:
    """Each of ``files`` (relative paths) of ``source`` at the same place under
    ``destination``. Strings, not Paths, and each folder made once: a rebuild places
    thousands of files, in a few folders, beside the writing of the pages."""
    source_folder, destination_folder = str(source), str(destination)
    made: set[str] = set()
    for relative in files:
        parent = os.path.dirname(relative)
        if parent not in made:
            os.makedirs(os.path.join(destination_folder, parent), exist_ok=True)
            made.add(parent)
        _place(os.path.join(source_folder, relative), os.path.join(destination_folder, relative))


def _place(source: str | Path, destination: str | Path) -> None:
    try:
        os.link(source, destination)  # the usual case: one call
    except OSError:
        # A file already there may itself be a link to the cache: replaced, never written into.
        Path(destination).unlink(missing_ok=True)
        try:
            os.link(source, destination)
        except OSError:  # another file system, or links not allowed
            shutil.copy2(source, destination)
