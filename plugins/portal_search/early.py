"""Index each bundle as soon as its last page is written, while the build writes the rest.

Writing pages is one Python process on one core; Pagefind is another program. So rather
than wait for every page, a bundle (one department's pages in one language) is handed to
a worker the moment its last page is on disk, and the build's remaining work (other
departments' pages, listings, feeds, the report) runs beside it. Pelican writes the item
pages department by department (``ARTICLE_ORDER_BY = "url"`` in pelicanconf.py), so most
bundles start long before the last page is written. The index is the same whenever a
bundle starts: each one is made from its own pages alone.

A bundle the cache holds as made from these very page files (unchanged pages are links to
them) is only restored, and waits for :meth:`EarlyIndexer.results`: in a rebuild the
bundles indexed again are what the build waits for last, and restoring the others beside
them took the cores they need.
"""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from portal_integrity.folders import empty_files
from portal_model.fingerprint import FileIdentity
from portal_model.parallel import default_jobs, forked_pool, workers_for
from portal_model.paths import relative_under

from .bundles import BUNDLE_ROOT, Bundle
from .indexer import (INDEXING, IndexingError, PageRecord, Result, index_bundle,
                      kept_as_it_was, page_record)


class EarlyIndexer:
    """Call :meth:`written` for every file the build writes, then :meth:`results` once."""

    def __init__(self, output: Path, bundles: list[Bundle], jobs: int | None = None,
                 cache: Path | None = None, pool: ProcessPoolExecutor | None = None):
        self.output = Path(os.path.abspath(output))
        self._prefix = f"{self.output}{os.sep}"
        self.bundles, self.cache = bundles, cache
        self.jobs = jobs or default_jobs()
        self.waiting = [set(bundle.pages) for bundle in bundles]
        self.bundle_of = {page: number for number, bundle in enumerate(bundles)
                          for page in bundle.pages}
        self.started: dict[int, Future[Result]] = {}
        self.deferred: dict[int, PageRecord] = {}
        """Bundles to restore in :meth:`results`, with the page record that found them."""
        self.identities: dict[str, FileIdentity] = {}
        """Pages' identities as the writer reported them (:meth:`written`)."""
        self.pool = pool
        """The workers (forked when the first bundle starts, unless given: see plugin.py)."""
        # What an earlier run left in this folder (`make devserver` builds in place) goes;
        # the folders stay, as scripts/build keeps them (portal_integrity.folders).
        with contextlib.suppress(FileNotFoundError):
            empty_files(self.output / BUNDLE_ROOT)

    def written(self, path: str | Path, identity: FileIdentity | None = None) -> None:
        """The build wrote ``path`` (absolute, or relative to the output folder); ``identity``:
        the written file's, when the writer knows it (saves a stat)."""
        page = relative_under(self._prefix, os.path.join(self._prefix, path))
        if page is None:
            return  # not in the portal
        number = self.bundle_of.get(page)
        if number is None or number in self.started:
            return
        if identity is not None:
            self.identities[page] = identity
        self.waiting[number].discard(page)
        if not self.waiting[number] and number not in self.deferred:
            pages = self._page_record(number)
            if pages is not None and kept_as_it_was(self.bundles[number], self.cache, pages):
                self.deferred[number] = pages  # restored by results() (module docstring)
            else:
                self._start(number, pages)

    def results(self) -> list[Result]:
        """Every bundle's result, in plan order; starts those still waiting (a page that
        was never written makes its bundle fail with the page's name)."""
        try:
            for number in range(len(self.bundles)):
                if number not in self.started:
                    self._start(number, self.deferred.get(number))
            with workers_for(INDEXING):
                return [self.started[number].result() for number in range(len(self.bundles))]
        finally:
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def _page_record(self, number: int) -> PageRecord | None:
        """The bundle's page record, made once here and handed to its job."""
        try:
            return page_record(self.output, self.bundles[number], self.cache, self.identities)
        except (IndexingError, ImportError):
            return None  # its job makes it again and says what is wrong, in results()

    def _start(self, number: int, pages: PageRecord | None = None) -> None:
        if self.pool is None:
            self.pool = forked_pool(self.jobs)
        try:
            started = self.pool.submit(index_bundle, self.output, self.bundles[number],
                                       self.cache, pages)
        except BrokenProcessPool as broken:  # a worker died: results() says so
            started = Future()
            started.set_exception(broken)
        self.started[number] = started
