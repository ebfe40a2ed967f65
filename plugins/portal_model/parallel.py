"""Work spread over forked worker processes, the one way every plugin does it.

Workers are forked from the build, so they start with its modules imported and its model
in memory (shared, not copied); what they are given and send back is kept small. Where
``fork`` is unavailable the callers do the work in the build's own process, which gives
the same results.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def default_jobs() -> int:
    """Worker processes at once: one per CPU, at most 4 (more rarely pays on a build host)."""
    return min(4, os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def worth_forking(count: int, threshold: int, jobs: int) -> bool:
    """Whether ``count`` pieces of work should go to ``jobs`` workers: enough of them (at least
    ``threshold``; starting workers has a cost), more than one worker, and ``fork``."""
    return count >= threshold and jobs > 1 and can_fork()


def chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def forked_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers, forked where the platform can (else its default)."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(
        "fork" if can_fork() else None))


def forked_map(function: Callable[[Chunk], Result], work: list[Chunk], jobs: int
               ) -> Iterator[Result]:
    """``function`` of each piece of ``work``, in order, by ``jobs`` forked workers; each
    result as soon as it and those before it are done."""
    with forked_pool(jobs) as pool:
        yield from pool.map(function, work)
