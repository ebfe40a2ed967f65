"""Files other plugins add to the output (the feeds), kept between builds by their inputs.

:func:`kept` keeps a value made from front matter alone; :func:`kept_files` keeps files
that way, and :func:`write_output` puts each in the output as a hard link to the live
portal's copy when that copy was written with the same bytes or from the same inputs
(:mod:`portal_cache.reuse`), as unchanged pages are.
"""

from __future__ import annotations

import functools
import marshal
import os
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from pelican.utils import sanitised_join

from portal_model.fingerprint import digest

from .keys import shown_items_key
from .plugin import FILES_KIND, active


def kept(settings: dict[str, Any], name: str, inputs: Mapping[str, Any],
         make: Callable[[], Any]) -> Any:
    """``make()`` (a value marshal can store), kept while ``inputs`` and the code are
    unchanged. ``inputs`` are described as a listing page's variables are (items by their
    front matter and attachments): only for values that never show an item's body."""
    cache = active(settings)
    key = shown_items_key(cache.keys, name, FILES_KIND, inputs, ()) if cache else None
    if cache is None or key is None:
        return make()
    value = cache.store.get(FILES_KIND, key)
    if value is not None:
        return marshal.loads(value)
    made = make()
    cache.store.put(FILES_KIND, key, marshal.dumps(made))
    return made


class KeptFile(NamedTuple):
    """A file :func:`kept_files` keeps: its key, and how to have its bytes if they are needed."""

    key: str
    load: Callable[[], bytes]


def kept_files(settings: dict[str, Any], name: str, inputs: Mapping[str, Any],
               make: Callable[[], tuple[bytes, ...]], count: int) -> tuple[bytes | KeptFile, ...]:
    """The ``count`` files ``make()`` returns, kept as :func:`kept` keeps a value, for
    :func:`write_output`: each is a hard link to the live portal's copy when that copy was
    written from the same inputs, and then its bytes are neither made nor fetched (the feeds
    are megabytes, and 2 % of a rebuild went into fetching them to find them unchanged)."""
    cache = active(settings)
    key = shown_items_key(cache.keys, name, FILES_KIND, inputs, ()) if cache else None
    if cache is None or key is None:
        return make()
    cache.store.keep(FILES_KIND, key)  # used by this build, fetched or not
    loaded: list[tuple[bytes, ...]] = []

    def load(index: int) -> bytes:
        if not loaded:
            loaded.append(kept(settings, name, inputs, make))
        return loaded[0][index]

    return tuple(KeptFile(digest(key, str(index)), functools.partial(load, index))
                 for index in range(count))


def write_output(settings: dict[str, Any], name: str, content: bytes | KeptFile) -> None:
    """Put ``content`` in the output as file ``name`` (site-relative): a hard link to the live
    portal's copy when that copy was written with the same bytes (or, for a
    :class:`KeptFile`, from the same inputs), else a new file."""
    path = sanitised_join(settings["OUTPUT_PATH"], name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    cache = active(settings)
    key = content.key if isinstance(content, KeptFile) else digest("bytes", content)
    if cache is not None:
        if cache.previous.link(name, key, path):
            return
        cache.previous.release(path)  # never written through a link
    if isinstance(content, KeptFile):
        content = content.load()
    with open(path, "wb") as target:
        target.write(content)
    if cache is not None:
        cache.previous.record(name, key, path)
