"""A bundle indexed again starts from its previous index's files (portal_search/seeds.py):
the result is the index made from nothing, and the previous files are never written into."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import cbor2

from conftest import AS_OF, ROOT
from portal_model.fingerprint import file_identity, tree_files
from portal_model.loader import load_portal
from portal_search import indexer, seeds
from portal_search.bundles import plan
from portal_search.canonical import SIGNATURE


def _tree(folder: Path) -> dict[str, bytes]:
    return {relative: (folder / relative).read_bytes() for relative in tree_files(folder)}


def test_a_bundle_indexed_beside_its_previous_files_equals_one_indexed_from_nothing(
        demo_output, tmp_path):
    portal = load_portal(ROOT, today=AS_OF)
    bundle = max((b for page in plan(portal) for b in page.bundles if b.grams),
                 key=lambda b: len(b.pages))
    output, clean, cache = tmp_path / "output", tmp_path / "clean", tmp_path / "cache"
    shutil.copytree(demo_output, output, ignore=shutil.ignore_patterns("pagefind"))
    indexer.index_all(output, [bundle], cache=cache, jobs=1)
    # The previous index as the live portal serves it: links to the same files.
    live = tmp_path / "live"
    shutil.copytree(output / bundle.path, live, copy_function=os.link)
    before = {relative: (file_identity(live / relative), data)
              for relative, data in _tree(live).items()}

    page = output / bundle.pages[0]
    page.write_text(page.read_text("utf-8").replace("</h1>", "（修订）</h1>", 1), "utf-8")
    shutil.copytree(output, clean, ignore=shutil.ignore_patterns("pagefind"))
    [result] = indexer.index_all(output, [bundle], cache=cache, jobs=1)
    indexer.index_all(clean, [bundle], cache=None, jobs=1)

    assert not result.cached
    again = output / bundle.path
    assert _tree(again) == _tree(clean / bundle.path)
    assert len(list((again / "fragment").iterdir())) == len(bundle.pages)  # the old one pruned
    linked = [relative for relative in tree_files(again)
              if (live / relative).is_file() and os.path.samefile(again / relative, live / relative)]
    assert len(linked) >= len(bundle.pages) - 1  # Pagefind wrote only what the edit changed
    assert {relative: (file_identity(live / relative), (live / relative).read_bytes())
            for relative in before} == before


def test_prune_keeps_exactly_what_the_entry_and_metadata_name(tmp_path):
    """Stale fragments, word chunks, filters and metadata go; a data folder left empty goes
    too (an index made from nothing has none); Pagefind's other files stay."""
    meta = ["1.5.2", [["zh-cn_f1", 3]], [["a", "b", "zh-cn_i1"]], [], [], []]
    files = {"pagefind-entry.json": json.dumps({"languages": {"zh-cn": {"hash": "zh-cn_m1"}}}),
             "pagefind.zh-cn_m1.pf_meta": meta, "pagefind.zh-cn_m0.pf_meta": meta,
             "pagefind.js": "", "fragment/zh-cn_f1.pf_fragment": "", "index/zh-cn_i1.pf_index": "",
             "fragment/zh-cn_f0.pf_fragment": "", "index/zh-cn_i0.pf_index": "",
             "filter/zh-cn_x0.pf_filter": ""}
    for relative, content in files.items():
        path = tmp_path / relative
        path.parent.mkdir(exist_ok=True)
        if isinstance(content, list):
            path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(content)))
        else:
            path.write_text(content, "utf-8")
    seeds.prune(tmp_path)
    assert sorted(tree_files(tmp_path)) == [
        "fragment/zh-cn_f1.pf_fragment", "index/zh-cn_i1.pf_index", "pagefind-entry.json",
        "pagefind.js", "pagefind.zh-cn_m1.pf_meta"]
    assert not (tmp_path / "filter").exists()
