"""``scripts/build``: run Pelican into a fresh folder, and publish it only when it succeeded.

The portal is built into ``.<output>.building-<pid>`` beside the output folder (pages
unchanged since the output was built are hard links to it, never written through:
portal_cache.reuse); on success its SHA-256 list (signed when ``GONGKAI_SIGNING_KEY``
names an Ed25519 private key) is written and the folder replaces the old output by two
renames.
A failed or interrupted build leaves the previous portal exactly as it was; its
half-written folder is emptied and left for the next build (below), which also takes it
if the process was killed.

The portal a build replaces stays beside the new one (``.<output>.retired-<pid>``, mostly
hard links to the same files) until the next build, which empties it of its files and
builds in its folders (:mod:`portal_integrity.folders`: making thousands of folders, and
removing them, was most of what a rebuild cost its file system). A build that fails, or
the first build of a portal, leaves such folders ready too (``.<output>.spare-<pid>``:
folders, no files). A build that finds nothing to do leaves the folder it was emptying as a
spare as it is, files and all, rather than wait; whichever build takes a spare empties it
first. Any other folder left beside the portal is removed while Pelican runs.

``SOURCE_DATE_EPOCH`` defaults to the last commit's time, so two builds of one
commit would carry the same timestamps wherever a tool embedded one. None does:
``tests/test_integrity.py`` builds at two times and compares, and so the build cache and
the up-to-date check do not depend on the commit's time (a commit would otherwise make
every cached page stale).

When nothing the build reads has changed since ``output/`` was built, and ``output/``
itself is as that build left it, nothing is built (:mod:`portal_integrity.uptodate`);
``--force`` builds anyway. Pelican is started before that is known, and imports itself
while the inputs are digested; it waits for the answer before it reads anything
(:mod:`portal_integrity.gated`).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import NamedTuple

from .digest import Listing
from .folders import empty_files, make_folders, prune_empty, subfolders
from .gated import LINK_FROM_ENV, Gate, News
from .uptodate import inputs_digest, is_up_to_date, write_stamp

BUILDING = ".building-"
RETIRED = ".retired-"
SPARE = ".spare-"
REMOVING = ".removing-"
PROJECT = Path(__file__).resolve().parents[2]
"""The Gongkai folder holding plugins/, themes/ and the settings files."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--force", action="store_true",
                        help="build even when output/ is the build of the same inputs")
    parser.add_argument("pelican_args", nargs=argparse.REMAINDER,
                        help="passed to pelican (content folder, -s settings, -e …)")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    leftovers = _leftovers(output)
    staging = _sibling(output, BUILDING)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch()}
    # Where this build will be published, and where the pages of the one it replaces are:
    # unchanged pages may be hard links to them (portal_cache.reuse).
    environment[LINK_FROM_ENV] = str(output)
    pelican_args = _without_separator(args.pelican_args)
    # Pelican starts importing while the inputs are digested, and waits at the gate.
    gate, news = Gate(), News()
    environment.update(gate.environment())
    environment.update(news.environment())
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])])
    command = [sys.executable, "-m", "portal_integrity.gated", *pelican_args,
               "-o", str(staging)]
    pelican = subprocess.Popen(command, env=environment,
                               pass_fds=(gate.reading, news.writing))
    gate.started()
    # The portal is listed and hashed (its SHA-256 list) while Pelican waits for the search
    # index, but for the folder still being written.
    lister = _Lister(staging, Listing(staging, output))
    news.started(lister.all_but)
    # The folders to build in are emptied while the inputs are digested and Pelican reads;
    # should nothing have changed, they are left as spare folders (below) for the next one.
    reuse = _Reuse(leftovers.reusable, staging, output)
    remover: threading.Thread | None = None
    try:
        inputs = None
        if pelican_args and not pelican_args[0].startswith("-"):  # the content folder
            inputs = inputs_digest(PROJECT, Path(pelican_args[0]).resolve(), pelican_args,
                                   environment)
            if not args.force and is_up_to_date(output, inputs):
                _stop(pelican)
                # Emptying a replaced portal takes seconds at scale: the next build that
                # takes the folder finishes it (a spare is always emptied before use).
                reuse.stop()
                try:
                    staging.rename(_sibling(output, SPARE))
                except OSError:
                    pass  # none was taken; or, below, it is emptied and kept as it always was
                _remove(leftovers.dead, output)
                print(f"build: {output} is up to date: nothing it is built from has changed"
                      " (--force, or `make html FORCE=1`, builds anyway)")
                return 0
        gate.open()  # Pelican reads and checks the portal while the folder is emptied
        reuse.join()
        gate.ready()  # no file is left in its output folder: it may write
        # Pelican is one process on one core: the removal runs beside it.
        remover = threading.Thread(target=_remove, args=(reuse.unused, output))
        remover.start()
        status = pelican.wait()
        news.join()
        if status != 0:
            print(f"build: failed ({_ended(status)}); {output} is unchanged", file=sys.stderr)
            return status if status > 0 else 128 - status  # as a shell reports a signal
        spare = None if output.exists() else _spare_maker(staging, output)
        lister.finish()
        key = os.environ.get("GONGKAI_SIGNING_KEY")
        files = lister.listing.write(Path(key) if key else None)
        if inputs is not None:
            write_stamp(staging, inputs, files)
        remover.join()  # a leftover's name may be the one the swap is about to use
        _swap(staging, output)
        if spare is not None:
            spare.join()
    finally:
        _stop(pelican)  # still running only if this process is being interrupted
        gate.close()
        news.join()
        reuse.join()
        if remover is not None and remover.is_alive():
            remover.join()
        _keep_as_spare(staging, output)
    return 0


def _ended(status: int) -> str:
    """How the Pelican run ended, from its exit status (negative: the signal that ended it)."""
    if status >= 0:
        return f"exit {status}"
    try:
        name = signal.Signals(-status).name
    except ValueError:
        name = f"signal {-status}"
    likely = {
        # The system's out-of-memory killer sends SIGKILL (as does `kill -9`).
        signal.SIGKILL: ", most often by the system when memory ran out",
        # A compiled library that stops the process (a Rust one refused memory, say) has
        # said why on the lines above.
        signal.SIGABRT: ", by a library it uses: the lines above say why",
    }.get(-status, "")
    return f"Pelican was killed by {name}{likely}"


def _stop(pelican: subprocess.Popen[bytes]) -> None:
    if pelican.poll() is None:
        pelican.kill()
        pelican.wait()


def source_date_epoch() -> str:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time, else 0 (not a checkout)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True,
                                text=True, check=True, timeout=30)
        return result.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old output exists until the new one is in place,
    and is left for the next build to remove."""
    retired = output.parent / f".{output.name}{RETIRED}{os.getpid()}"
    if output.exists():
        output.rename(retired)
    staging.rename(output)


class _Lister:
    """Lists the built portal, pruning its empty folders, into its SHA-256 :class:`Listing`:
    all of it but one folder as soon as the run says that folder is all it still writes
    (:func:`gated.announce_last_folder`, on the news thread), then that folder; or all of
    it once the run has ended, if the run said nothing."""

    def __init__(self, staging: Path, listing: Listing):
        self.staging, self.listing = staging, listing
        self.last: str | None = None
        """The folder left to list, once the rest is listed."""

    def all_but(self, folder: str) -> None:
        if not folder or folder in (".", "..") or "/" in folder:
            return  # only a top-level folder is left out
        try:
            self.listing.add(prune_empty(self.staging, frozenset({folder})))
        except OSError:
            return  # listed whole once Pelican has ended, which says what went wrong
        self.last = folder

    def finish(self) -> None:
        if self.last is None:
            self.listing.add(prune_empty(self.staging))
            return
        last = self.staging / self.last
        if last.is_dir():
            found = prune_empty(last)
            if found:
                self.listing.add(found, f"{self.last}/")
            else:
                last.rmdir()  # as a whole walk prunes a folder without a file


class Leftovers(NamedTuple):
    """Folders earlier builds left beside the portal (none of a build still running)."""

    spare: list[Path]
    retired: list[Path]
    """Replaced portals, the newest first."""
    dead: list[Path]
    """What builds that were killed left."""

    @property
    def reusable(self) -> list[Path]:
        """All of them, in the order a build would rather build in them (:func:`_reuse`)."""
        return [*self.spare, *self.retired, *self.dead]


def _leftovers(output: Path) -> Leftovers:
    retired = sorted(output.parent.glob(f".{output.name}{RETIRED}*"),
                     key=lambda path: path.stat().st_mtime)
    if not output.exists() and retired:
        # Killed between the two renames: the retired portal is the last good one.
        retired.pop().rename(output)
    # A build still running (another `make html` at the same time) keeps its folders.
    dead = [folder for state in (BUILDING, REMOVING)
            for folder in output.parent.glob(f".{output.name}{state}*")
            if not _running(folder.name.rpartition(state)[2].split(".")[0])]
    return Leftovers(list(output.parent.glob(f".{output.name}{SPARE}*")), retired[::-1], dead)


class _Reuse(threading.Thread):
    """Makes the first of ``leftovers`` that can be taken the (empty) folder ``staging``;
    :attr:`unused` are the others, to be removed."""

    def __init__(self, leftovers: list[Path], staging: Path, output: Path):
        super().__init__()
        self.leftovers, self.staging, self.output = leftovers, staging, output
        self.unused: list[Path] = []
        self.stopping = threading.Event()
        self.start()

    def stop(self) -> None:
        """Stop emptying, and wait: the folder taken may still hold old files."""
        self.stopping.set()
        self.join()

    def run(self) -> None:
        for number, folder in enumerate(self.leftovers):
            try:
                folder.rename(self.staging)  # atomic: two builds cannot take the same folder
            except OSError:
                continue  # taken by another build at the same time, or not ours to take
            try:
                empty_files(self.staging, self.stopping)
            except OSError:
                _claim_and_remove(self.staging, self.output)  # Pelican makes a new one
            self.unused = self.leftovers[number + 1:]
            return


def _spare_maker(staging: Path, output: Path) -> threading.Thread:
    """Start making, beside the portal, spare folders for its next build (one like every
    folder of ``staging``): there is no replaced portal whose folders it could take."""
    folders = subfolders(staging)
    spare = _sibling(output, SPARE)
    maker = threading.Thread(target=_make_spare, args=(spare, folders, output))
    maker.start()
    return maker


def _make_spare(spare: Path, folders: list[str], output: Path) -> None:
    try:
        make_folders(spare, folders)
    except OSError:
        _claim_and_remove(spare, output)  # the next build makes its folders itself


def _keep_as_spare(staging: Path, output: Path) -> None:
    """A build that did not finish leaves its folders, emptied, for the next build."""
    if not staging.exists():
        return
    try:
        empty_files(staging)
        staging.rename(_sibling(output, SPARE))
    except OSError:
        _claim_and_remove(staging, output)


def _sibling(output: Path, state: str) -> Path:
    return output.parent / f".{output.name}{state}{os.getpid()}"


def _running(pid: str) -> bool:
    """Whether the process ``pid`` (a build folder's suffix) exists."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's
    return True


def _remove(folders: list[Path], output: Path) -> None:
    for folder in folders:
        _claim_and_remove(folder, output)


_claims = itertools.count()


def _claim_and_remove(folder: Path, output: Path) -> None:
    """Remove ``folder``, first renamed to a name of this process's: a folder that another
    build takes at the same time is then either its or ours, never emptied by both."""
    claimed = output.parent / f".{output.name}{REMOVING}{os.getpid()}.{next(_claims)}"
    try:
        folder.rename(claimed)
    except OSError:
        return  # gone, or taken by another build
    shutil.rmtree(claimed, ignore_errors=True)


def _without_separator(arguments: list[str]) -> list[str]:
    return arguments[1:] if arguments[:1] == ["--"] else arguments
