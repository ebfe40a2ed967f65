"""``python -m portal_integrity.gated <pelican arguments>``: Pelican, started before it may run.

``scripts/build`` first decides whether there is anything to build, by digesting every
input (a read of every content file: 0.2 s at 5,000 items), and Pelican then spends about
half a second importing itself and the plugins before it reads anything. The two are
independent, so the build starts this process first and digests meanwhile: this imports
what the build will use, then waits for one byte on the pipe named by :data:`GATE_ENV`.
The build writes it when there is something to build; when there is not, it kills this
process, which by then has read and written nothing.

The folder it builds into holds no file but may hold folders, made ready for it
(:mod:`portal_integrity.folders`), so Pelican is told not to delete its output folder
first (``DELETE_OUTPUT_DIRECTORY``, which ``make devserver`` still needs). The build may
still be emptying that folder when Pelican starts: the model and the build cache's keys
are made first, and only then, before any plugin writes a file, does Pelican wait for a
second byte, :data:`READY`, which the build sends once the folder holds no file.

Without :data:`GATE_ENV` Pelican runs at once.

The other way, through the pipe named by :data:`NEWS_ENV`, the run tells the build when all
it has left to write is one folder (:func:`announce_last_folder`: the search index, which
Pelican then waits for), so that the build lists and hashes the rest of the portal while
Pelican waits, rather than after it.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

LINK_FROM_ENV = "GONGKAI_LINK_FROM"
"""Tells the Pelican run the live output folder it will replace (see portal_cache.reuse)."""
NEWS_ENV = "GONGKAI_BUILD_NEWS"
"""The file descriptor (a pipe's writing end) the Pelican run's news goes through."""
GATE_ENV = "GONGKAI_BUILD_GATE"
"""The file descriptor (a pipe's reading end) the go-ahead comes through."""
GO = b"1"
READY = b"2"
PLUGINS = Path(__file__).resolve().parents[1]


class Gate:
    """The build's side: a pipe whose reading end the Pelican process inherits."""

    def __init__(self) -> None:
        self.reading, self._writing = os.pipe()
        self._writing_open = True

    def environment(self) -> dict[str, str]:
        return {GATE_ENV: str(self.reading)}

    def started(self) -> None:
        """The Pelican process has its copy of the reading end: drop ours."""
        os.close(self.reading)

    def open(self) -> None:
        """Let the Pelican run go on (it may have ended already: its status says why)."""
        self._send(GO)

    def ready(self) -> None:
        """Its output folder holds no file now: it may write."""
        self._send(READY)
        self.close()

    def _send(self, signal: bytes) -> None:
        if self._writing_open:
            try:
                os.write(self._writing, signal)
            except BrokenPipeError:
                self.close()  # it has ended already: its status says why

    def close(self) -> None:
        """Shut it for good: a Pelican run still waiting ends without building."""
        if self._writing_open:
            self._writing_open = False
            os.close(self._writing)


class News:
    """The build's side of :func:`announce_last_folder`: a pipe whose writing end the Pelican
    process inherits, and a thread that hears what comes through it."""

    def __init__(self) -> None:
        self.reading, self.writing = os.pipe()
        self.listener: threading.Thread | None = None

    def environment(self) -> dict[str, str]:
        return {NEWS_ENV: str(self.writing)}

    def started(self, when_last: Callable[[str], None]) -> None:
        """The Pelican process has its copy of the writing end: drop ours, and call
        ``when_last(folder)`` on a thread when the run says ``folder`` is all it still
        writes (never, if the run ends without saying so)."""
        os.close(self.writing)
        self.listener = threading.Thread(target=self._listen, args=(when_last,))
        self.listener.start()

    def _listen(self, when_last: Callable[[str], None]) -> None:
        with os.fdopen(self.reading, "rb") as pipe:
            line = pipe.readline()  # b"" once the run has ended without a word
        if line.endswith(b"\n"):
            when_last(line.decode().strip())

    def join(self) -> None:
        """Wait for the listener (returns once the Pelican process has ended)."""
        if self.listener is not None:
            self.listener.join()


def announce_last_folder(folder: str) -> None:
    """Tell the build that all this run still writes is ``folder`` (relative to the output
    folder); nothing when Pelican was not started by ``scripts/build``."""
    global _news
    if _news is None:
        return
    news, _news = _news, None
    try:
        os.write(news, f"{folder}\n".encode())
    except OSError:
        pass  # the build is gone: it will not publish this run anyway
    finally:
        os.close(news)


_news: int | None = None
"""This run's end of the news pipe, until the news is sent."""


def _close_news_in_child() -> None:
    """In every process forked from the run: the build hears the pipe close when the run ends."""
    global _news
    if _news is not None:
        os.close(_news)
        _news = None


def main(argv: list[str]) -> int:
    global _news
    _import_ahead()
    news = os.environ.pop(NEWS_ENV, None)
    if news is not None:
        _news = int(news)
        os.register_at_fork(after_in_child=_close_news_in_child)
    gate = os.environ.pop(GATE_ENV, None)
    if gate is not None and not _received(int(gate), GO):
        os.close(int(gate))
        return 1  # the build went away without a word: it has nothing for us
    sys.argv[0] = "pelican"  # as Pelican's own usage and error lines name it
    from pelican import main as run_pelican  # noqa: PLC0415 - imported above already
    from pelican import signals  # noqa: PLC0415

    signals.initialized.connect(_keep_output_folders)
    _OutputReady.gate = None if gate is None else int(gate)
    run_pelican(argv)  # exits through SystemExit with Pelican's status when it fails
    return 0


def _keep_output_folders(pelican: object) -> None:
    """``initialized``: the output folder's folders are kept (the module docstring); once
    every plugin has made what it makes before writing (the model, the cache's keys), the
    output folder must be ready."""
    from pelican import signals  # noqa: PLC0415

    pelican.delete_outputdir = False  # type: ignore[attr-defined]
    # Connected now, after every plugin's own receivers: it runs after them.
    signals.get_generators.connect(_OutputReady.wait)


class _OutputReady:
    gate: int | None = None

    @staticmethod
    def wait(_: object) -> None:
        """``get_generators``: wait until the build says the output folder holds no file."""
        gate, _OutputReady.gate = _OutputReady.gate, None
        if gate is None:
            return
        ready = _received(gate, READY)
        os.close(gate)
        if not ready:
            raise SystemExit("build: the output folder was not made ready; nothing written")


def _import_ahead() -> None:
    """Pelican and every portal plugin: importing them reads nothing of the portal."""
    importlib.import_module("pelican")
    for plugin in sorted(PLUGINS.glob("portal_*/plugin.py")):
        importlib.import_module(f"{plugin.parent.name}.plugin")


def _received(gate: int, signal: bytes) -> bool:
    """Whether ``signal`` is what comes through the pipe next (b"" when the build is gone)."""
    return os.read(gate, len(signal)) == signal


if __name__ == "__main__":
    # Run as the importable module, not as __main__: the plugins import this module (for
    # announce_last_folder), and its state must be the one main() sets.
    from portal_integrity.gated import main as gated_main

    sys.exit(gated_main(sys.argv[1:]))
