"""Phase timings for ``make bench``: ``with phase("feeds"): ...``.

Only when the environment variable ``GONGKAI_TIMINGS`` names a file does a phase
append one JSON line ``{"phase": ..., "seconds": ...}`` to it; otherwise it does
nothing, so builds behave and print exactly as without it. Appending (rather
than returning the numbers) lets every process of a build, plugins included,
report to the one file the benchmark reads afterwards.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "GONGKAI_TIMINGS"


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Time the block and record it under ``name`` if ``GONGKAI_TIMINGS`` is set."""
    target = os.environ.get(ENV)
    if not target:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        # Recorded even when the block fails, so a partial build still shows where time went.
        line = json.dumps({"phase": name, "seconds": time.perf_counter() - started})
        with open(target, "a", encoding="utf-8") as file:
            file.write(line + "\n")
