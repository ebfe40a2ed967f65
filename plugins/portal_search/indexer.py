"""Run Pagefind over the written item pages, one bundle per department and language.

Each bundle is indexed from a scratch folder that holds only its pages, reduced by
:func:`portal_search.extract.index_page`, so Pagefind reads nothing it would throw away and
the character-pair fields never reach the published pages; they are then taken out of the
bundle's result fragments too (:mod:`portal_search.fragments`).

Two ways to run Pagefind are kept, because ``benchmarks/search_index.py`` measures both:

* ``cli`` (the build's default): the extended binary shipped in ``pagefind_bin_extended``,
  one process per bundle, ``jobs`` at a time;
* ``api``: Pagefind's Python API (``pagefind.index``), one service, a bundle at a time
  with ``add_directory``. Its client waits 0.1 s before reading each reply, so each bundle
  costs at least 0.4 s of waiting whatever its size.

With a cache folder, a bundle whose reduced pages are unchanged since an earlier build is
taken from the cache (:mod:`portal_search.bundle_cache`) instead of indexed again: a commit
to one department re-indexes that department only, beside the files of its previous index,
which Pagefind then need not write (:mod:`portal_search.seeds`).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from portal_model.errors import OutOfMemory, PortalError
from portal_model.fingerprint import FileIdentity, file_identity, tree_digest, tree_files
from portal_model.messages import localized
from portal_model.parallel import default_jobs, forked_pool, workers_for

from . import bundle_cache, seeds
from .bundles import Bundle
from .canonical import canonicalize
from .extract import EXCLUDE_SELECTORS, NoSearchBody, body_element, index_page
from .fragments import drop_meta
from .grams import TEXT_FIELD, TITLE_FIELD

SCRATCH_ROOTS = ("/dev/shm",)
"""Where Pagefind's pages are written, when there is room: in memory a folder or a file
costs microseconds, on the ext4 disks builds run on here a quarter of a millisecond (each
page is both: 0.1 s of a 250-page department's re-index, 2.5 CPU-s of a cold 5,000-item
build)."""
SCRATCH_SPACE = 512 * 2**20
"""Free space a scratch root must have: a 2,000-page bundle's pages take about 60 MB, and up
to four bundles are indexed at once."""
RUST_OUT_OF_MEMORY = "memory allocation of"
"""How a Rust program such as Pagefind says, as it aborts, that memory was refused it."""
INDEXING = localized("indexing the pages for search", "为搜索建立页面索引")
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, written into every bundle; the search page uses the JS
API (``pagefind.js``) with its own accessible markup, so they are deleted."""


class IndexingError(PortalError):
    """Pagefind failed on a bundle; the message names the bundle and quotes Pagefind (a
    broken installation or theme, not a bug: reported without a traceback)."""


@dataclass(frozen=True)
class Result:
    bundle: str
    pages: int
    seconds: float
    size: int
    """Bytes of the bundle as published (after removing the unused interfaces)."""
    cached: bool


def binary() -> Path:
    """Pagefind's extended binary (Chinese segmentation), as installed by ``make install``."""
    try:
        from pagefind_bin_extended import get_executable  # noqa: PLC0415
    except ImportError:
        raise IndexingError("pagefind[extended] is not installed: run `make install`") from None
    return get_executable()


@functools.cache
def pagefind_version() -> str:
    from importlib.metadata import version  # noqa: PLC0415

    return version("pagefind_bin_extended")


def index_all(output: Path, bundles: Iterable[Bundle], *, method: str = "cli",
              jobs: int | None = None, cache: Path | None = None) -> list[Result]:
    """Index every bundle of the portal written in ``output``; return what each cost."""
    bundles = list(bundles)
    jobs = jobs or default_jobs()
    shutil.rmtree(output / "pagefind", ignore_errors=True)
    if method == "api":
        return asyncio.run(_index_with_api(output, bundles, cache))
    if jobs == 1 or len(bundles) == 1:
        return [index_bundle(output, bundle, cache) for bundle in bundles]
    # Processes, not threads: reducing the pages is Python work, as much as Pagefind's own.
    with workers_for(INDEXING), forked_pool(jobs) as pool:
        futures = [pool.submit(index_bundle, output, bundle, cache) for bundle in bundles]
        return [future.result() for future in futures]


PageRecord = tuple[str, dict[str, FileIdentity]]
"""What a bundle's cache entry is found by: the salt (:func:`_salt`) and its pages' identities."""


class _Job:
    """One bundle's indexing, whichever way Pagefind runs: the cache looked up before and
    filled after, the pages read when it has to be indexed, and the result measured."""

    def __init__(self, output: Path, bundle: Bundle, cache: Path | None,
                 pages: PageRecord | None = None):
        self.bundle, self.cache = bundle, cache
        self.started = time.perf_counter()
        self.target = output / bundle.path
        # Pages that are the very files an earlier index was made from need not be read
        # again to know its key: a rebuild's unchanged pages are links to them.
        self.pages = pages if pages is not None else page_record(output, bundle, cache)
        key = bundle_cache.known_key(cache, bundle.path, *self.pages) if self.pages else None
        bodies = read_bodies(output, bundle) if key is None else None
        self.key = key or bundle_key(bundle, bodies)
        self.restored = bundle_cache.restore(cache, bundle.path, self.key, self.target)
        """The restored bundle's size in bytes; None when it has to be indexed."""
        self.bodies: dict[str, str] = {}
        """Each page's indexed element, when the bundle has to be indexed."""
        if not self.cached:
            self.bodies = bodies if bodies is not None else read_bodies(output, bundle)

    @property
    def cached(self) -> bool:
        return self.restored is not None

    def seed(self) -> None:
        """Give Pagefind the data files of the bundle's previous index (:mod:`.seeds`)."""
        if self.pages:
            seeds.seed(bundle_cache.previous(self.cache, self.bundle.path, self.pages[0]),
                       self.target)

    def done(self) -> Result:
        if not self.cached:
            _finish(self.target, self.bundle)
            bundle_cache.keep(self.cache, self.bundle.path, self.key, self.target, self.pages)
        size = self.restored if self.restored is not None else _size(self.target)
        return Result(self.bundle.path, len(self.bundle.pages),
                      time.perf_counter() - self.started, size, self.cached)


def index_bundle(output: Path, bundle: Bundle, cache: Path | None,
                 pages: PageRecord | None = None) -> Result:
    """Index ``bundle`` (or restore it from ``cache``); ``pages`` is its :func:`page_record`
    when the caller has just made it."""
    job = _Job(output, bundle, cache, pages)
    if not job.cached:
        job.seed()
        with scratch_pages(job) as scratch:
            _run_binary(bundle, scratch, job.target)
    return job.done()


@contextmanager
def scratch_pages(job: _Job) -> Iterator[Path]:
    """A scratch folder holding the bundle's reduced pages, the only ones Pagefind reads: in
    memory (:data:`SCRATCH_ROOTS`) when there is room, else in the temporary folder."""
    for root in dict.fromkeys((scratch_root(), None)):
        with tempfile.TemporaryDirectory(prefix="gongkai-search-", dir=root) as scratch:
            try:
                write_pages(job.bundle, job.bodies, Path(scratch))
            except OSError as exc:
                if root is not None:
                    continue  # memory ran out after all: the disk
                raise IndexingError(f"cannot write the pages of {job.bundle.path} for "
                                    f"Pagefind into {scratch}: {exc}") from None
            yield Path(scratch)
            return


@functools.cache
def scratch_root() -> str | None:
    """The first of :data:`SCRATCH_ROOTS` this process may write in with
    :data:`SCRATCH_SPACE` free; None: the system's temporary folder."""
    for root in SCRATCH_ROOTS:
        try:
            if os.access(root, os.W_OK) and shutil.disk_usage(root).free >= SCRATCH_SPACE:
                return root
        except OSError:
            continue
    return None


def page_record(output: Path, bundle: Bundle, cache: Path | None,
                known: Mapping[str, FileIdentity] | None = None) -> PageRecord | None:
    """``bundle``'s :data:`PageRecord` (a stat per page, nothing read); None without a cache.
    ``known``: identities of pages the writer has just seen (not stat'ed again)."""
    return (_salt(bundle), page_identities(output, bundle, known)) if cache else None


def kept_as_it_was(bundle: Bundle, cache: Path | None, pages: PageRecord | None) -> bool:
    """Whether the cache holds ``bundle`` as indexed from the pages of ``pages`` (its
    :func:`page_record`): then its job only restores it."""
    return pages is not None and bundle_cache.known_key(cache, bundle.path, *pages) is not None


def read_bodies(output: Path, bundle: Bundle) -> dict[str, str]:
    """Each page's ``data-pagefind-body`` element, by site-relative path."""
    bodies = {}
    for page in bundle.pages:
        try:
            bodies[page] = body_element((output / page).read_text("utf-8"))
        except (OSError, NoSearchBody) as exc:
            raise IndexingError(f"{output / page}: {exc}") from None
    return bodies


def bundle_key(bundle: Bundle, bodies: dict[str, str]) -> str:
    """A digest of all a bundle's index is made from: its pages' indexed elements, Pagefind's
    version and options, and the code that reduces the pages (this package)."""
    digest = hashlib.sha256(_salt(bundle).encode())
    for page, body in bodies.items():
        digest.update(f"\0{page}\0{body}".encode())
    return digest.hexdigest()[:20]


def page_identities(output: Path, bundle: Bundle,
                    known: Mapping[str, FileIdentity] | None = None) -> dict[str, FileIdentity]:
    """Each page's file identity (a stat, not a read, unless ``known``), by site-relative path."""
    identities = {}
    known = known or {}
    for page in bundle.pages:
        try:
            identities[page] = known.get(page) or file_identity(output / page)
        except OSError as exc:
            raise IndexingError(f"{output / page}: {exc}") from None
    return identities


def _salt(bundle: Bundle) -> str:
    """All of a bundle's key but its pages: Pagefind's version and options, and this code."""
    return f"{pagefind_version()} {bundle.path} {options(bundle)} {_code_digest()}"


@functools.cache
def _code_digest() -> str:
    return tree_digest(Path(__file__).parent)


def write_pages(bundle: Bundle, bodies: dict[str, str], scratch: Path) -> None:
    """Write the bundle's reduced pages, the only ones Pagefind reads, under ``scratch``."""
    for page, body in bodies.items():
        path = scratch / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(index_page(body, bundle.lang, bundle.grams), "utf-8")


def options(bundle: Bundle) -> dict[str, object]:
    """Index options, the same for both ways of running Pagefind."""
    return {"force_language": bundle.lang.lower(), "exclude_selectors": EXCLUDE_SELECTORS}


def _run_binary(bundle: Bundle, scratch: Path, target: Path) -> None:
    settings = options(bundle)
    command = [str(binary()), "--site", str(scratch), "--output-path", str(target),
               "--force-language", str(settings["force_language"]), "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        if RUST_OUT_OF_MEMORY in message:  # Pagefind aborts with a backtrace: no use to anyone
            raise OutOfMemory(localized(f"indexing {bundle.path} for search",
                                        f"为搜索建立 {bundle.path} 的索引"))
        raise IndexingError(f"Pagefind failed on {bundle.path}: {message}")


async def _index_with_api(output: Path, bundles: list[Bundle],
                          cache: Path | None) -> list[Result]:
    from pagefind.service import PagefindService  # noqa: PLC0415

    results = []
    async with PagefindService() as service:
        for bundle in bundles:
            job = _Job(output, bundle, cache)
            if not job.cached:
                job.seed()
                with scratch_pages(job) as scratch:
                    index = await service.create_index(options(bundle))
                    await index.add_directory(str(scratch))
                    await index.write_files(output_path=str(job.target))
                    await index.delete_index()
            results.append(job.done())
    return results


def _finish(target: Path, bundle: Bundle) -> None:
    if not (target / "pagefind-entry.json").is_file():
        raise IndexingError(f"Pagefind wrote no index into {target}")
    for name in UNUSED:
        (target / name).unlink(missing_ok=True)
    try:
        canonicalize(target)
        if bundle.grams:
            drop_meta(target, (TITLE_FIELD, TEXT_FIELD))
        seeds.prune(target)
    except (OSError, EOFError, ValueError, LookupError, TypeError) as exc:
        # Pagefind's files are another program's format: one it changed, or a file cut
        # short, is a broken installation to name, not a bug to show a traceback for.
        raise IndexingError(f"Pagefind's index in {target} is not as this build reads it"
                            f" ({type(exc).__name__}: {exc}); reinstall with `make install`"
                            ) from None


def _size(folder: Path) -> int:
    return sum(found.st_size for found in tree_files(folder).values())
