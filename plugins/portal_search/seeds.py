"""Let Pagefind skip what it wrote last time: a bundle indexed again starts from its last files.

Pagefind names its data files (result fragments, word-index chunks, filters, the metadata
file) after their contents, and does not write, or compress, one whose name is already
there. Compressing them at gzip's best level is about half of what indexing a department
costs (a 250-page bundle: 1.3 s from an empty folder, 0.7 s beside its previous files). So
a bundle that has to be indexed again is first given hard links to the data files of its
previous index (from the build cache); Pagefind writes only the files that changed, and
those the new index no longer names are removed after it (:func:`prune`).

Only data files named by their contents are linked. Pagefind truncates and rewrites its
other files (the entry file, scripts, wasm), which would write through a link into the
cache and the live portal; the files this package rewrites after Pagefind keep that rule
(:mod:`portal_search.canonical` writes no name that is already there; a linked fragment
already lacks the fields :mod:`portal_search.fragments` removes).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .canonical import ENTRY, read_data

DATA_FOLDERS = ("fragment", "index", "filter")
META_PREFIX, META_SUFFIX = "pagefind.", ".pf_meta"
_PAGES, _CHUNKS, _FILTERS = 1, 2, 3
"""Positions in a metadata file of its pages ``[hash, words]``, word-index chunks
``[first word, last word, hash]`` and filters ``[name, hash]``."""


def seed(previous: Path | None, target: Path) -> None:
    """Link the data files of the bundle folder ``previous`` into the empty ``target``."""
    if previous is None:
        return
    try:
        _link_all(previous, target)
    except OSError:
        pass  # no links here (another file system): Pagefind writes every file, as when cold


def _link_all(previous: Path, target: Path) -> None:
    for folder in DATA_FOLDERS:
        names = _names(previous / folder)
        if names:
            os.makedirs(target / folder, exist_ok=True)
        for name in names:
            _link(previous / folder / name, target / folder / name)
    for name in _names(previous):
        if name.startswith(META_PREFIX) and name.endswith(META_SUFFIX):
            _link(previous / name, target / name)


def prune(bundle: Path) -> None:
    """Remove the data files in ``bundle`` that its entry and metadata files do not name."""
    entry = json.loads((bundle / ENTRY).read_text("utf-8"))
    named: dict[str, set[str]] = {folder: set() for folder in (*DATA_FOLDERS, "")}
    for facts in entry["languages"].values():
        meta_name = f"{META_PREFIX}{facts['hash']}{META_SUFFIX}"
        named[""].add(meta_name)
        meta = read_data(bundle / meta_name)
        named["fragment"].update(f"{page[0]}.pf_fragment" for page in meta[_PAGES])
        named["index"].update(f"{chunk[2]}.pf_index" for chunk in meta[_CHUNKS])
        named["filter"].update(f"{name}.pf_filter" for _, name in meta[_FILTERS])
    for folder in DATA_FOLDERS:
        names = _names(bundle / folder)
        for name in names:
            if name not in named[folder]:
                os.unlink(bundle / folder / name)
        if names and not named[folder]:
            os.rmdir(bundle / folder)  # as an index made from nothing, which has no such folder
    for name in _names(bundle):
        if name.endswith(META_SUFFIX) and name not in named[""]:
            os.unlink(bundle / name)


def _names(folder: Path) -> list[str]:
    try:
        return [found.name for found in os.scandir(folder) if found.is_file()]
    except FileNotFoundError:
        return []


def _link(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except FileExistsError:
        pass  # the same name: the same bytes
