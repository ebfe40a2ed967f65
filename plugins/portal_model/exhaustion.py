"""Memory that runs out, reported in one line rather than traced or waited on forever.

Under a hard memory limit (``ulimit -v``, a container's address-space limit) or on a server
that does not overcommit memory, the system refuses memory outright instead of killing the
process later. Python then raises one of these errors, none of them a bug or an editor's
mistake:

* ``MemoryError``, for an allocation;
* ``RuntimeError: can't start new thread``, when a thread's stack cannot be mapped, and
  ``RuntimeError: can't allocate lock`` (or ``read lock``);
* ``OSError`` ENOMEM, when a worker process cannot be forked;
* ``ImportError: … failed to map segment from shared object``, when a compiled module
  imported late (lxml, for the first feed) cannot be mapped into memory.

:func:`exhausted` tells them from errors that are bugs; they become
:class:`~portal_model.errors.OutOfMemory`, which says what the run was doing.

A thread that dies is worse than a traceback. ``concurrent.futures`` runs a manager thread
that hands a process pool its work and its results back; when it cannot start the thread
that feeds the workers, it dies, nothing notices, and the build waits forever (seen under
``ulimit -v 250000``). So under :func:`guarded` a thread that dies of any error ends the
process after saying why (status 4 for memory refused, 1 for a bug).
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import OutOfMemory
from .messages import Localized, localized

BUILDING = localized("building the portal", "构建门户")
REFUSALS = (MemoryError, RuntimeError, OSError, ImportError)
"""The types of error :func:`exhausted` may say yes to."""


def exhausted(error: BaseException) -> bool:
    """Whether ``error`` is the system refusing memory (the module docstring)."""
    if isinstance(error, MemoryError):
        return True
    if isinstance(error, RuntimeError):  # a thread's stack, or a lock, not had
        return str(error).startswith(("can't start new thread", "can't allocate"))
    if isinstance(error, ImportError):
        return "failed to map segment" in str(error)  # glibc's words when mmap fails
    return isinstance(error, OSError) and error.errno == errno.ENOMEM


@contextmanager
def refusals_reported(work: Localized) -> Iterator[None]:
    """Run the block with memory the system refuses raised as :class:`OutOfMemory`, which
    says what the block was doing (``work``)."""
    try:
        yield
    except REFUSALS as error:
        if not exhausted(error):
            raise
        raise OutOfMemory(work) from None


@contextmanager
def guarded(work: Localized, lang: str) -> Iterator[None]:
    """:func:`refusals_reported`, with :func:`fatal_thread_hook` installed for the block
    (the hook before it is put back after)."""
    previous = threading.excepthook
    threading.excepthook = fatal_thread_hook(work, lang)
    try:
        with refusals_reported(work):
            yield
    finally:
        threading.excepthook = previous


def fatal_thread_hook(work: Localized, lang: str) -> Callable[[threading.ExceptHookArgs], None]:
    """A ``threading.excepthook`` that ends the process after saying, in ``lang``, why the
    thread died: memory refused, as :class:`OutOfMemory` for ``work`` (its status); anything
    else, with its traceback (status 1)."""

    def thread_died(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return  # a thread's own way to end, as threading treats it
        status = 1  # a bug's, as Python's own for an error nothing caught
        if args.exc_value is not None and exhausted(args.exc_value):
            print(OutOfMemory(work).report(lang), file=sys.stderr)
            status = OutOfMemory.exitcode
        else:
            threading.__excepthook__(args)
        sys.stderr.flush()
        os._exit(status)  # the main thread may be waiting on this one forever

    return thread_died
