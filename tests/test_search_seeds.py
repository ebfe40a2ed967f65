"""A bundle indexed again starts from its previous index's files (portal_search/seeds.py):
the result is the index made from nothing, and the previous files are never written into."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import AS_OF, ROOT
from portal_model.fingerprint import file_identity, tree_files
from portal_model.loader import load_portal
from portal_search import indexer
from portal_search.bundles import plan


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
