"""The item pages' folders, made by a child process while Pelican reads.

Every item page has a folder of its own (``<dept>/<type>/<slug>/index.html``), and a build
writes into a fresh folder (portal_integrity.build): a 5,000-item portal makes about 6,000
folders per build. Making one costs the filesystem's journal far more than it costs Python
(0.02 to 0.2 ms each, depending on what else the disk is doing): 0.5 to 1 s of a rebuild.
One ``xargs mkdir -p`` makes them all on the other core, while the main process reads and
renders; the writer waits for it at its first page.

A thread did not pay: each ``mkdir`` hands Python's lock back and forth, and the main
thread lost as much time as the thread saved.

This is only ahead of time, never instead: a folder that was not made (``xargs`` missing,
or a ``mkdir`` failed) is made by the writer, which then reports any error as it would
without this.
"""

from __future__ import annotations

import atexit
import subprocess
import tempfile
from collections.abc import Iterable


class FoldersAhead:
    """Makes ``folders`` (absolute paths) in a child process started at once."""

    def __init__(self, folders: Iterable[str]):
        self._folders = sorted(set(folders))
        self._process: subprocess.Popen[bytes] | None = None
        # Names through a file, not a pipe: writing them to a pipe would wait for xargs.
        with tempfile.TemporaryFile() as names:
            names.write(b"\0".join(folder.encode() for folder in self._folders))
            names.seek(0)
            try:
                self._process = subprocess.Popen(
                    ["xargs", "-0", "mkdir", "-p", "--"], stdin=names,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except OSError:  # no xargs: the writer makes every folder
                return
        # A build that fails before its first page must not leave it making folders in
        # the staging folder scripts/build is removing.
        atexit.register(self._stop)

    def made(self) -> set[str]:
        """The folders that exist now: all, or none if any failed (waits for the process)."""
        if self._process is None or self._process.wait() != 0:
            return set()
        return set(self._folders)

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
