"""A build's folder is made of the folders of a portal it no longer serves.

A portal has a folder per item page (``<dept>/<type>/<slug>/``): about 6,600 at 5,000 items.
On the ext4 disks builds run on here, making a folder costs 0.2 to 0.3 ms, twenty times as
much as linking a file into it, and removing one 0.07 ms. A rebuild that made every folder
afresh and removed the replaced portal's spent 2 to 3 CPU-seconds on that alone, more than
rendering what an edit changed.

So the folder a build writes into (portal_integrity.build) is, when one is at hand, the
portal the previous build replaced, emptied of its files: its folders are the portal's
folders as of two builds ago, and a folder whose items are gone is removed once the
build is done (:func:`prune_empty`). No file is ever written into that folder before every
old file in it is gone (:func:`empty_files`), so a build never writes through a hard link
into a file the live portal serves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable


def empty_files(folder: str | os.PathLike[str], stop: threading.Event | None = None) -> bool:
    """Remove every file (and link) under ``folder``, keeping its folders; whether all are
    gone (not if ``stop`` was set first: checked folder by folder). Raises OSError."""
    pending = [os.fspath(folder)]
    while pending:
        if stop is not None and stop.is_set():
            return False
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    os.unlink(entry.path)
    return True


def prune_empty(folder: str | os.PathLike[str], skipped: frozenset[str] = frozenset()
                ) -> dict[str, os.stat_result]:
    """Remove every folder under ``folder`` that holds no file, however deep (not ``folder``),
    and return every file left, as :func:`portal_model.fingerprint.tree_files` lists them
    (one walk for both: the SHA-256 list needs them all). The top-level folders named in
    ``skipped`` are neither entered nor removed."""
    found: dict[str, os.stat_result] = {}
    _walk_pruning(os.fspath(folder), "", found, skipped)
    return found


def _walk_pruning(folder: str, relative: str, found: dict[str, os.stat_result],
                  skipped: frozenset[str] = frozenset()) -> bool:
    """Whether ``folder`` holds a file once its empty folders are removed."""
    holds = False
    with os.scandir(folder) as entries:
        children = list(entries)
    for entry in children:
        if entry.is_dir(follow_symlinks=False):
            if entry.name in skipped or _walk_pruning(entry.path, f"{relative}{entry.name}/",
                                                       found):
                holds = True
            else:
                os.rmdir(entry.path)
        else:
            holds = True
            if not entry.is_dir():  # a link to a folder is not entered, as tree_files
                found[relative + entry.name] = entry.stat()
    return holds


def subfolders(folder: str | os.PathLike[str]) -> list[str]:
    """Every folder under ``folder`` (relative paths, each after its parent)."""
    found: list[str] = []
    pending = [""]
    base = os.fspath(folder)
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(base, relative)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    found.append(f"{relative}{entry.name}")
                    pending.append(f"{relative}{entry.name}/")
    return found


def make_folders(target: str | os.PathLike[str], relative: Iterable[str]) -> None:
    """Make ``target`` and each of the ``relative`` folders under it (parents listed first)."""
    base = os.fspath(target)
    os.makedirs(base, exist_ok=True)
    for name in relative:
        os.makedirs(os.path.join(base, name), exist_ok=True)
