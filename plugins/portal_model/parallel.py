"""Work spread over forked worker processes, the one way every plugin does it.

Workers are forked from the build, so they start with its modules imported and its model
in memory (shared, not copied); what they are given and send back is kept small. Where
``fork`` is unavailable the callers do the work in the build's own process, which gives
the same results.

Each worker dies with the process that forked it (:func:`die_with_parent`): a build the
system kills for lack of memory would otherwise leave its workers waiting for work forever,
holding their memory. A pool must therefore be made from a thread that outlives it (every
caller makes its pools from the build's main thread).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import WorkerLost
from .exhaustion import refusals_reported
from .messages import Localized

PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process gets when the thread that forked it ends."""

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
        "fork" if can_fork() else None), initializer=die_with_parent, initargs=(os.getpid(),))


def die_with_parent(parent: int) -> None:
    """In a worker of ``parent``: be killed when ``parent`` ends (asked of Linux only; on
    other systems this does nothing)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


@contextmanager
def workers_for(work: Localized) -> Iterator[None]:
    """Around the use of a pool's results: a worker that died (the pool is then broken)
    becomes :class:`WorkerLost`, and memory refused to a worker or to starting one
    :class:`OutOfMemory`; both say what the workers were doing (``work``,
    :func:`portal_model.messages.localized`)."""
    try:
        with refusals_reported(work):  # memory refused in a worker, or to start one
            yield
    except BrokenProcessPool:
        raise WorkerLost(work) from None


def reported(results: Iterator[Result], doing: Localized) -> Iterator[Result]:
    """A pool's ``results``, each as it comes; a dead worker's as :func:`workers_for` says."""
    with workers_for(doing):
        yield from results


def mapped(pool: ProcessPoolExecutor, function: Callable[[Chunk], Result], work: list[Chunk],
           doing: Localized) -> Iterator[Result]:
    """The results of ``pool.map(function, work)``, as :func:`reported` gives them. ``map``
    hands out all the work at once, and a worker may die meanwhile (of its first piece):
    the pool then refuses the rest, which :func:`workers_for` reports too."""
    with workers_for(doing):
        results = pool.map(function, work)
    return reported(results, doing)


def forked_map(function: Callable[[Chunk], Result], work: list[Chunk], jobs: int,
               doing: Localized) -> Iterator[Result]:
    """``function`` of each piece of ``work``, in order, by ``jobs`` forked workers; each
    result as soon as it and those before it are done. ``doing``: see :func:`workers_for`."""
    with forked_pool(jobs) as pool:
        yield from mapped(pool, function, work, doing)


class Forked:
    """``function(*args)`` run in a forked child while the build goes on.

    The child starts with the build's memory, so the arguments (the whole model, say) are
    not copied; only the result comes back, pickled. :meth:`result` waits for it: it is
    ``(True, value)``, or ``(False, None)`` when the call raised or the child died, and the
    caller then makes the call itself, which raises or reports as it always would.
    """

    def __init__(self, function: Callable[..., Any], *args: Any, niceness: int = 0):
        """``niceness``: how far the child lowers its priority (it then takes only what the
        build leaves of the processors)."""
        context = multiprocessing.get_context("fork")
        self._reading, writing = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_send_result, args=(writing, os.getpid(), function, args, niceness),
            daemon=True)
        self._process.start()
        writing.close()

    def result(self) -> tuple[bool, Any]:
        try:
            outcome = self._reading.recv()
        except (EOFError, OSError):
            outcome = (False, None)
        finally:
            self._reading.close()
            self._process.join()
        return outcome


def _send_result(connection: Any, parent: int, function: Callable[..., Any],
                 args: tuple[Any, ...], niceness: int) -> None:
    die_with_parent(parent)
    if niceness:
        os.nice(niceness)
    try:
        outcome = (True, function(*args))
    except BaseException:  # noqa: BLE001 - reported by the parent, which calls it again
        outcome = (False, None)
    connection.send(outcome)
    connection.close()
