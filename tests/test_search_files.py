"""The built search index: which pages are marked for it, each bundle as the search page
fetches it, and what the build does with Pagefind's files (portal_search/canonical.py,
fragments.py)."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

from conftest import AS_OF, ROOT
from portal_model.loader import load_portal
from portal_search import indexer
from portal_search.bundles import plan
from portal_search.canonical import SIGNATURE
from portal_search.early import EarlyIndexer
from portal_search.grams import MARK, TEXT_FIELD, TITLE_FIELD
from portal_search.indexer import UNUSED

PORTAL = load_portal(ROOT, today=AS_OF)
ITEMS = {f"/{item.url}": item for item in PORTAL.published_items}


def test_only_item_pages_are_marked_for_the_index(demo_output):
    marked = {f"/{path.parent.relative_to(demo_output).as_posix()}/"
              for path in demo_output.rglob("index.html")
              if "data-pagefind-body" in path.read_text("utf-8")}
    assert marked == set(ITEMS)
    for url, item in ITEMS.items():
        text = (demo_output / url.strip("/") / "index.html").read_text("utf-8")
        assert f'data-pagefind-sort="date:{item.published_date}"' in text  # sorts: none left out
        assert f'data-pagefind-meta="index_no:{item.index_no}"' in text


def test_the_build_writes_every_bundle_without_the_unused_interfaces(demo_output):
    for page in plan(PORTAL):
        for bundle in page.bundles:
            folder = demo_output / bundle.path
            assert (folder / "pagefind.js").is_file() and (folder / "pagefind-entry.json").is_file()
            assert not any((folder / name).exists() for name in UNUSED)


def test_result_fragments_carry_what_results_show_and_no_pairs(demo_output):
    """A phone fetches a fragment per result: the pairs are searched in the index only."""
    for page in plan(PORTAL):
        for bundle in page.bundles:
            fragments = list((demo_output / bundle.path / "fragment").iterdir())
            assert fragments, bundle.path
            for path in fragments:
                raw = gzip.decompress(path.read_bytes())
                assert raw.startswith(SIGNATURE), path
                meta = json.loads(raw[len(SIGNATURE):])["meta"]
                assert {"title", "department", "index_no"} <= meta.keys(), path
                assert not {TITLE_FIELD, TEXT_FIELD} & meta.keys(), path
                assert MARK not in raw.decode("utf-8"), path


@pytest.mark.parametrize("damage", ["fragment", "entry", "meta"])
def test_a_pagefind_file_this_build_cannot_read_is_an_indexing_error(demo_output, tmp_path,
                                                                    damage):
    """Pagefind's files are another program's: a changed format or a file cut short stops
    the build with the bundle named (plugin.py prints IndexingError without a traceback)."""
    bundle = next(b for page in plan(PORTAL) for b in page.bundles if b.grams)
    target = tmp_path / "bundle"
    shutil.copytree(demo_output / bundle.path, target)
    if damage == "fragment":
        victim = next((target / "fragment").iterdir())
        victim.write_bytes(gzip.compress(b"not pagefind"))
    elif damage == "entry":
        (target / "pagefind-entry.json").write_text('{"version": "9"}', "utf-8")
    else:
        victim = next(target.glob("pagefind.*.pf_meta"))
        victim.write_bytes(victim.read_bytes()[:20])
    with pytest.raises(indexer.IndexingError, match=f"index in {target}"):
        indexer._finish(target, bundle)


def test_unchanged_bundles_are_restored_once_every_page_is_written(demo_output, tmp_path):
    """In a rebuild the bundles indexed again start as soon as their pages are written; the
    ones the cache holds as made from these very pages wait for results() (portal_search.early)."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    shutil.copytree(demo_output, output, ignore=shutil.ignore_patterns("pagefind"))
    bundles = [bundle for page in plan(PORTAL) for bundle in page.bundles][:3]
    indexer.index_all(output, bundles, cache=cache, jobs=1)
    page = output / bundles[1].pages[0]
    page.write_text(page.read_text("utf-8").replace("</h1>", "（修订）</h1>", 1), "utf-8")
    early = EarlyIndexer(output, bundles, jobs=1, cache=cache)
    for bundle in bundles:
        for written in bundle.pages:
            early.written(written)
    assert list(early.started) == [1] and set(early.deferred) == {0, 2}
    assert [result.cached for result in early.results()] == [True, False, True]
    for bundle in bundles:
        assert (output / bundle.path / "pagefind-entry.json").is_file()


@pytest.fixture
def fresh_scratch_root():
    indexer.scratch_root.cache_clear()  # chosen once per process: here, per test
    yield
    indexer.scratch_root.cache_clear()


def test_pagefinds_pages_are_written_in_memory_when_there_is_room_else_on_disk(
        demo_output, tmp_path, monkeypatch, fresh_scratch_root):
    """Reduced pages go to a scratch folder under the first SCRATCH_ROOTS with room; a write
    that fails there falls back to the temporary folder, and one that fails there too is an
    IndexingError naming the bundle (no traceback)."""
    bundle = next(b for page in plan(PORTAL) for b in page.bundles if b.grams)
    job = indexer._Job(demo_output, bundle, None)
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(indexer, "SCRATCH_ROOTS", (str(memory),))
    monkeypatch.setattr(indexer, "SCRATCH_SPACE", 1)
    with indexer.scratch_pages(job) as scratch:
        assert scratch.parent == memory
        assert sorted(path.relative_to(scratch).as_posix() for path in scratch.rglob("*.html")) \
            == sorted(bundle.pages)
    assert not list(memory.iterdir())  # removed afterwards
    write_pages = indexer.write_pages
    failing = {str(memory)}

    def fails_in(bundle, bodies, scratch):
        if str(scratch.parent) in failing:
            raise OSError(28, "No space left on device")
        write_pages(bundle, bodies, scratch)

    monkeypatch.setattr(indexer, "write_pages", fails_in)
    with indexer.scratch_pages(job) as scratch:
        assert scratch.parent != memory and (scratch / bundle.pages[0]).is_file()
    failing.add(str(scratch.parent))
    with pytest.raises(indexer.IndexingError, match=f"{bundle.path}.*No space left"):
        with indexer.scratch_pages(job):
            pass


def test_a_rebuild_yields_the_processor_to_the_few_bundles_it_indexes(monkeypatch):
    """Once every item page is written: a build indexing at most one bundle per job lowers its
    priority for what it has left (portal_search.plugin.yield_to_indexing), once per
    process; one indexing many (a first build) does not."""
    from types import SimpleNamespace  # noqa: PLC0415

    from portal_search import plugin  # noqa: PLC0415

    calls: list[int] = []
    monkeypatch.setattr(plugin.os, "nice", calls.append)
    monkeypatch.setattr(plugin, "_yielded", [])

    def after_writing(started: int, jobs: int = 2) -> None:
        indexer = SimpleNamespace(started=dict.fromkeys(range(started)), jobs=jobs)
        plugin.yield_to_indexing(SimpleNamespace(context={plugin.INDEXER: indexer}))

    after_writing(0)  # nothing indexed again: nothing to yield to
    after_writing(40)  # a first build: its own work is what it waits for
    assert calls == []
    after_writing(1)
    after_writing(1)  # `make devserver` builds again in the same process
    assert calls == [plugin.YIELD_NICENESS]


def test_the_indexing_workers_are_forked_at_start_for_the_first_build(monkeypatch):
    """portal_search.plugin.start_workers (``initialized``): forked while the process is
    small, taken by the first build's EarlyIndexer, and not forked without an index."""
    from types import SimpleNamespace  # noqa: PLC0415

    from portal_search import plugin  # noqa: PLC0415

    monkeypatch.setattr(plugin, "_workers", None)
    plugin.start_workers(SimpleNamespace(settings={"PORTAL_SEARCH_INDEX": False}))
    assert plugin._take_workers() is None
    plugin.start_workers(SimpleNamespace(settings={"PORTAL_SEARCH_JOBS": 2}))
    workers = plugin._take_workers()
    try:
        assert workers is not None and len(workers._processes) == 2  # forked already
        assert plugin._take_workers() is None  # the first build takes them
        assert workers.submit(sum, [1, 2]).result(timeout=30) == 3
    finally:
        workers.shutdown()


def test_edited_departments_pages_are_written_first():
    """portal_search.plugin.edited_first: the same articles, edited departments' first, the
    order otherwise kept; the context's own lists untouched; no change for a first build."""
    from types import SimpleNamespace  # noqa: PLC0415

    from portal_search import plugin  # noqa: PLC0415

    def article(department, slug):
        return SimpleNamespace(item=SimpleNamespace(department=department,
                                                    source=f"content/{department}/news/{slug}.md"))

    articles = [article(d, s) for d in ("agri", "health", "transport") for s in ("a", "b")]
    translations = [article("agri", "a"), article("transport", "a")]
    departments = {"agri": None, "health": None, "transport": None}

    def ordered(read_anew):
        portal = SimpleNamespace(read_anew=frozenset(read_anew), departments=departments,
                                 by_source={a.item.source: a.item for a in articles})
        generator = SimpleNamespace(settings={plugin.MODEL_SETTING: portal},
                                    articles=articles, translations=translations)
        plugin.edited_first(generator)
        return ([a.item.department for a in generator.translations],
                [a.item.source.rsplit("/", 1)[1] + a.item.department
                 for a in generator.articles])

    assert ordered(["content/transport/news/b.md"]) == (
        ["transport", "agri"], ["a.mdtransport", "b.mdtransport", "a.mdagri", "b.mdagri",
                                "a.mdhealth", "b.mdhealth"])
    every = [a.item.source for a in articles]
    assert ordered(every)[1] == ordered([])[1] == [
        "a.mdagri", "b.mdagri", "a.mdhealth", "b.mdhealth", "a.mdtransport", "b.mdtransport"]
    assert [a.item.department for a in articles][0] == "agri"  # Pelican's own list kept


def test_pages_identities_reported_by_the_writer_are_not_stat_again(tmp_path):
    """The build cache's writer reports each page's identity with content_written; the page
    record of a bundle takes it instead of a stat (a page that is not there is still
    reported, by name)."""
    bundle = next(b for page in plan(PORTAL) for b in page.bundles)
    known = {page: (number, 1, 1) for number, page in enumerate(bundle.pages)}
    assert indexer.page_identities(tmp_path, bundle, known) == known  # no file, no stat
    missing = dict(known)
    missing.pop(bundle.pages[0])
    with pytest.raises(indexer.IndexingError, match=bundle.pages[0]):
        indexer.page_identities(tmp_path, bundle, missing)
    early = EarlyIndexer(tmp_path, [bundle], jobs=1)
    early.written(bundle.pages[0], (7, 7, 7))
    assert early.identities == {bundle.pages[0]: (7, 7, 7)}
