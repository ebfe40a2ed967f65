"""Take the character-pair fields out of a bundle's fragments, which phones download.

Pagefind keeps a page's metadata twice: in the word index, where the pair fields
(:mod:`portal_search.grams`) are searched and weighted, and in the page's fragment, the file
the search page fetches for each result it shows. Nothing reads the pairs from a fragment,
yet they were more than half of its bytes (a 250-page bundle's fragments: 1.1 MB, 0.5 MB
without them), so every page of results cost a phone twice what it shows.

A fragment is named after a digest of what Pagefind wrote, and the rewritten fragment keeps
that name: the new bytes are a function of the old, so one name still always means the same
bytes, which is all that browsers and the bundle cache rely on.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

from .canonical import SIGNATURE

FOLDER = "fragment"
LEVEL = 6
"""gzip level: 9 (as small as Pagefind's own) takes twice as long for 1.6 % fewer bytes."""


def drop_meta(bundle: Path, fields: Iterable[str]) -> None:
    """Remove the metadata ``fields`` from every fragment of the Pagefind bundle ``bundle``."""
    fields = tuple(fields)
    for path in (bundle / FOLDER).iterdir():
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise ValueError(f"{path}: not a Pagefind fragment")
        fragment = json.loads(raw[len(SIGNATURE):])
        meta = fragment.get("meta", {})
        if not any(field in meta for field in fields):
            continue
        for field in fields:
            meta.pop(field, None)
        text = json.dumps(fragment, ensure_ascii=False, separators=(",", ":"))
        # mtime=0: gzip would otherwise stamp the current time into every file.
        path.write_bytes(gzip.compress(SIGNATURE + text.encode(), LEVEL, mtime=0))
