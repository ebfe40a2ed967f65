"""Pelican wiring for site search: the search pages, then the index once every page is written.

* ``initialized``: the indexing workers are forked (:func:`start_workers`).
* ``get_generators``: a generator that writes ``/search/`` (and ``/en/search/`` when
  English translations exist), each told which bundles it searches.
* ``content_written``: each bundle is indexed as soon as its last page is written, beside
  the rest of the build (:mod:`portal_search.early`).
* ``article_generator_finalized``: the item pages of departments with an edited file are
  written first, so that their bundles start as early as can be (:func:`edited_first`).
* ``article_writer_finalized``: when only a few bundles are being indexed again (a rebuild),
  the rest of the build yields the processor to them (:func:`yield_to_indexing`).
* ``finalized``: wait for every bundle (and start any still waiting), then report.

Settings: ``PORTAL_SEARCH_INDEX`` (default True; False skips indexing, for quick previews),
``PORTAL_CACHE`` (the build cache's folder, see portal_cache: bundles are kept in its
``search/`` so that departments whose pages are unchanged are not indexed again) and
``PORTAL_SEARCH_JOBS`` (indexer processes at once; default the CPU count, at most 4).
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from portal_i18n.catalogs import interface_lang
from portal_i18n.jinja_env import UI_LANG_SETTING
from portal_integrity.gated import announce_last_folder
from portal_model.errors import PortalError
from portal_model.model import CONTENT_LANG
from portal_model.parallel import can_fork, default_jobs, forked_pool
from portal_model.plugin import MODEL_SETTING, cache_folder, message_lang
from portal_model.timings import phase

from .bundles import BUNDLE_ROOT, plan
from .early import EarlyIndexer


YIELD_NICENESS = 10
"""How far the build lowers its priority for the rest of a rebuild (:func:`yield_to_indexing`)."""
INDEXER = "PORTAL_SEARCH_INDEXER"
"""Context and settings key of this build's :class:`EarlyIndexer`."""


class SearchPagesGenerator(Generator):
    """``/search/`` in the interface language; ``/<lang>/search/`` in each translation's."""

    def generate_context(self) -> None:
        self.search_pages = plan(self.settings[MODEL_SETTING])
        self.context["SEARCH_PAGES"] = {page.lang: page.url for page in self.search_pages}
        if self.settings.get("PORTAL_SEARCH_INDEX", True):
            indexer = EarlyIndexer(Path(self.output_path),
                                   [bundle for page in self.search_pages
                                    for bundle in page.bundles],
                                   jobs=self.settings.get("PORTAL_SEARCH_JOBS"),
                                   cache=cache_folder(self.settings, "search"),
                                   pool=_take_workers())
            # The writer passes the context with each written page; finalized gets settings.
            self.context[INDEXER] = self.settings[INDEXER] = indexer

    def generate_output(self, writer: Any) -> None:
        for page in self.search_pages:
            ui_lang = (self.settings[UI_LANG_SETTING] if page.lang == CONTENT_LANG
                       else interface_lang(page.lang))
            bundles = [{"id": bundle.id, "path": f"{self.settings['SITEURL']}/{bundle.path}"}
                       for bundle in page.bundles]
            writer.write_file(f"{page.url}index.html", self.get_template("search"),
                              self.context, page_url=page.url, page_type="search",
                              ui_lang=ui_lang, search=page, search_bundles=bundles)


def page_written(path: str, context: dict[str, Any] | None = None,
                 identity: Any = None) -> None:
    """``content_written``; the build cache's writer adds the written file's identity."""
    indexer = (context or {}).get(INDEXER)
    if indexer is not None:
        indexer.written(path, identity)


def start_workers(pelican: Any) -> None:
    """``initialized``: fork the indexing workers now, while this process holds little more
    than its code: forked later, once the model and the pages are in memory, each fork
    cost the build 15-30 ms and the workers a copy of pages they never read. The first
    build of the process takes them (``make devserver`` forks its next ones later)."""
    global _workers
    settings = pelican.settings
    if _workers is None and settings.get("PORTAL_SEARCH_INDEX", True) and can_fork():
        pool = forked_pool(settings.get("PORTAL_SEARCH_JOBS") or default_jobs())
        pool.submit(int)  # a fork pool starts all its workers with its first task
        _workers = (os.getpid(), pool)


def _take_workers() -> ProcessPoolExecutor | None:
    """The workers :func:`start_workers` forked, if this process forked them. `make
    devserver` (``pelican -r -l``) builds in a process forked after ``initialized``: a
    pool inherited that way has no thread left to run it, and every task sent to it waited
    forever (the first build never finished its search index, nor started the next)."""
    global _workers
    taken, _workers = _workers, None
    if taken is None or taken[0] != os.getpid():
        return None  # the indexer forks its own workers
    return taken[1]


_workers: tuple[int, ProcessPoolExecutor] | None = None
"""The forking process's id, and the pool."""


def edited_first(generator: Any) -> None:
    """``article_generator_finalized``: Pelican writes item pages in address order,
    department by department, and a bundle is indexed once its department's last page is
    written. A rebuild waits for the bundles of edited departments, so their pages go first
    (the same pages, in another order: an edit in the last department no longer waits for
    every other department's pages, 0.4 s at 5,000 items)."""
    portal = generator.settings[MODEL_SETTING]
    edited = {item.department for source in portal.read_anew
              if (item := portal.by_source.get(source)) is not None}
    if not edited or edited >= portal.departments.keys():
        return  # a first build, or one that changed every department: no order is better

    def later(article: Any) -> bool:
        item = getattr(article, "item", None)
        return item is None or item.department not in edited

    # New lists: the context keeps Pelican's own (templates may list articles in order).
    generator.translations = sorted(generator.translations, key=later)
    generator.articles = sorted(generator.articles, key=later)


def yield_to_indexing(generator: Any, writer: Any = None) -> None:
    """``article_writer_finalized``: every item page is written, and the bundles of changed
    pages are being indexed. When they are few (at most one per indexing job: a rebuild),
    what the build has left to do (listings, feeds, the report) takes less time than
    Pagefind, which it then waits for; so it lowers its own priority and leaves the cores
    to Pagefind (on two cores a one-edit rebuild of 5,000 items ends about 0.3 s sooner).
    A build that indexes many bundles is not slowed: its own work is what it waits for.
    Once per process (``make devserver`` builds again in the same one)."""
    indexer = generator.context.get(INDEXER)
    if indexer is None or _yielded:
        return
    if 0 < len(indexer.started) <= indexer.jobs:
        os.nice(YIELD_NICENESS)
        _yielded.append(True)


_yielded: list[bool] = []


@phase("search index")
def build_index(pelican: Any) -> None:
    """Wait for the bundles started while pages were written, and index the rest.

    The phase measures only this wait: indexing that ran beside the writing counts in the
    time of the writing."""
    indexer = pelican.settings.pop(INDEXER, None)
    if indexer is None:
        return
    started = time.perf_counter()
    # All the build still writes is the search index: scripts/build lists the rest now.
    announce_last_folder(BUNDLE_ROOT)
    try:
        results = indexer.results()
    except PortalError as exc:  # Pagefind or the machine failed, not a bug: no traceback
        print(f"Search index: {exc.report(message_lang(pelican.settings))}", file=sys.stderr)
        if pelican.settings.get("PORTAL_KEEP_SERVING_ON_ERRORS"):
            return  # `make devserver` keeps serving the pages; search waits for the fix
        raise SystemExit(exc.exitcode) from None
    cached = sum(result.cached for result in results)
    print(f"Search index: {sum(result.pages for result in results)} pages in"
          f" {len(results)} bundles ({cached} unchanged), "
          f"{sum(result.size for result in results) / 1e6:.1f} MB,"
          f" {time.perf_counter() - started:.1f} s")


def add_generator(_: Any) -> type:
    return SearchPagesGenerator


def register() -> None:
    signals.initialized.connect(start_workers)
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(page_written)
    signals.article_generator_finalized.connect(edited_first)
    signals.article_writer_finalized.connect(yield_to_indexing)
    signals.finalized.connect(build_index)
