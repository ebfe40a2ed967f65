"""Make a Pagefind bundle byte-identical from one run to the next.

Pagefind 1.5.2 writes its filter files and the list of them in its metadata file in
hash-map order, which changes from run to run (Pagefind #638), and names each file
after a hash of its bytes. Everything else it writes is already stable. This puts
the value lists of each filter file and the filter list in sorted order, renames
the files after their new bytes, and points the metadata and entry files at them.
The search page reads them as before: it finds every file through the entry file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
"""What every decompressed Pagefind data file starts with, before its CBOR payload."""
ENTRY = "pagefind-entry.json"
_META_FILTERS = 3
"""Position of the ``[[filter name, file name], ...]`` list in a metadata file."""


def canonicalize(bundle: Path) -> None:
    """Rewrite the unstable files of the Pagefind bundle in ``bundle`` in place."""
    entry = json.loads((bundle / ENTRY).read_text("utf-8"))
    for language, facts in entry["languages"].items():
        meta_path = bundle / f"pagefind.{facts['hash']}.pf_meta"
        meta = read_data(meta_path)
        renamed = {}
        for _, name in meta[_META_FILTERS]:
            path = bundle / "filter" / f"{name}.pf_filter"
            data = read_data(path)
            data[1] = sorted(data[1], key=lambda value: value[0])
            renamed[name] = _write(bundle / "filter", language, data, 7, ".pf_filter", path)
        meta[_META_FILTERS] = sorted([filter_name, renamed[name]]
                                     for filter_name, name in meta[_META_FILTERS])
        facts["hash"] = _write(bundle, language, meta, 13, ".pf_meta", meta_path,
                               prefix="pagefind.")
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True,
                                           separators=(",", ":")), "utf-8")


def read_data(path: Path) -> Any:
    """The CBOR payload of a Pagefind data file."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind data file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(folder: Path, language: str, data: Any, digits: int, suffix: str, old: Path,
           prefix: str = "") -> str:
    """Write ``data`` under a name from its bytes, remove ``old``, and return the new name."""
    raw = SIGNATURE + cbor2.dumps(data)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    new = folder / f"{prefix}{name}{suffix}"
    old.unlink()
    # A file of that name holds these bytes already: the previous index's, linked in by
    # portal_search.seeds, which writing would change in the cache and the live portal too.
    if not new.exists():
        # mtime=0: gzip would otherwise stamp the current time into every file.
        new.write_bytes(gzip.compress(raw, mtime=0))
    return name
