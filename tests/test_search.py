"""Site search: the index build, without a browser (searching it: test_search_browser.py)."""

from __future__ import annotations

import shutil

from conftest import AS_OF, ROOT, build_portal, make_site
from pages import read as read_built_page
from portal_model.loader import load_portal
from portal_search import bundle_cache
from portal_search import bundles as bundles_module
from portal_search.bundles import plan
from portal_search.extract import read_page
from portal_search.grams import MARK, grams, query_tokens
from portal_search import indexer
from portal_search.indexer import index_all, read_bodies

PORTAL = load_portal(ROOT, today=AS_OF)
ITEMS = {f"/{item.url}": item for item in PORTAL.published_items}


def test_pairs_cover_every_run_and_mark_its_last_character():
    tokens = grams("示例市，专项资金a母").split()
    assert len(tokens) == 3 + 4 + 1  # 示例 例市 市ǂ / 专项 项资 资金 金ǂ / 母ǂ
    assert all(token.startswith(MARK) for token in tokens)
    assert tokens[2].endswith("z") and tokens[-1].endswith("z")
    assert query_tokens("专") == [tokens[3][:5]]  # a lone character: the prefix of its pairs
    assert query_tokens("专项资金") == tokens[3:6]
    # Longer runs: every other pair and the last, still covering every character.
    every = grams("示例市市级财政").split()[:-1]
    assert query_tokens("示例市市级财政") == [every[0], every[2], every[4], every[5]]


def test_the_encoding_table_gives_each_characters_code():
    """grams encodes a run with a table made at import; it must say what encode_char says
    (the search page's code() encodes queries the same way: test_search_browser.py)."""
    from portal_search import grams as module  # noqa: PLC0415

    first, last = chr(module.FIRST), "\u9fff"
    assert module.encode_char(first) == "aaaa" and module.encode_char(last) == "btfw"
    assert all(module._CODES[code] == module.encode_char(chr(code))
               for code in range(module.FIRST, 0xA000))


def test_the_indexed_text_leaves_out_what_pagefind_ignores():
    html = ('<main><article data-pagefind-body><div hidden data-pagefind-ignore>'
            '<span data-pagefind-meta="department:示例市财政局"></span></div>'
            '<nav data-pagefind-ignore>中文 English</nav><h1 data-pagefind-meta="title">专项'
            '<em>资金</em>办法</h1><dl data-pagefind-ignore><dt>索引号</dt></dl>'
            '<ul><li>申请</li><li>材料</li></ul><p>下载 <a href="x">表格</a>'
            '<span class="file-facts">(DOCX, 20 KB)</span></p></article><footer>页脚</footer>')
    page = read_page(html)
    assert page.title == "专项资金办法"
    assert page.body.startswith("<article") and page.body.endswith("</article>")
    words = page.text.split()
    assert "专项资金办法" in words and "下载 表格" in " ".join(words)
    assert "申请" in words and "材料" in words  # two list items never make one run
    for left_out in ("中文", "索引号", "DOCX", "页脚"):
        assert left_out not in page.text
    assert "示例市财政局" in words  # the department's name is searched, from its metadata


def test_one_bundle_per_department_and_language_and_a_search_page_per_language():
    pages = plan(PORTAL)
    assert [page.url for page in pages] == ["search/", "en/search/"]
    chinese, english = pages
    assert [bundle.path for bundle in chinese.bundles] == [
        f"pagefind/zh-cn/{department}/" for department in sorted(PORTAL.departments)]
    assert all(bundle.grams for bundle in chinese.bundles)
    assert not any(bundle.grams for bundle in english.bundles)
    indexed = {f"/{path.removesuffix('index.html')}"
               for page in pages for bundle in page.bundles for path in bundle.pages}
    assert indexed == set(ITEMS)


def test_a_department_too_large_for_one_bundle_is_split_into_stable_parts(monkeypatch):
    monkeypatch.setattr(bundles_module, "MAX_PAGES", 10)
    market = [bundle for bundle in plan(PORTAL)[0].bundles if bundle.department == "market"]
    assert [bundle.id for bundle in market] == ["market.1", "market.2", "market.3"]
    assert market[0].path == "pagefind/zh-cn/market.1/"
    pages = [page for bundle in market for page in bundle.pages]
    assert sorted(pages) == sorted(f"{url.strip('/')}/index.html" for url, item in ITEMS.items()
                                   if item.department == "market" and item.lang == "zh-CN")
    paths = [f"market/news/item-{number}/index.html" for number in range(25)]
    before = bundles_module._bundles("zh-CN", "market", paths)
    after = bundles_module._bundles("zh-CN", "market", [*paths, "market/news/new/index.html"])
    changed = [old.id for old, new in zip(before, after) if old.pages != new.pages]
    assert len(before) == len(after) == 3 and len(changed) == 1  # one part to index again


def test_search_pages_work_without_javascript_only_as_a_pointer(demo_output):
    page = (demo_output / "search" / "index.html").read_text("utf-8")
    built = read_built_page(demo_output / "search" / "index.html")
    assert '<body data-page-type="search">' in page
    assert '<div id="search-unavailable"' in page and 'id="search-form" class="search-form"' in page
    assert 'role="search"' in page and ' hidden\n' in page.split('id="search-form"')[1][:200]
    assert "/departments/" in built.links and "/library/policies/" in built.links
    item = (demo_output / "market" / "licensing" / "food-business-permit" / "index.html")
    assert 'action="/search/"' in item.read_text("utf-8")
    translation = demo_output / "en" / "market" / "licensing" / "food-business-permit"
    assert 'action="/en/search/"' in (translation / "index.html").read_text("utf-8")


def test_an_unchanged_department_is_taken_from_the_cache(demo_output, tmp_path, monkeypatch):
    output = tmp_path / "output"
    shutil.copytree(demo_output, output, ignore=shutil.ignore_patterns("pagefind"))
    bundles = [bundle for page in plan(PORTAL) for bundle in page.bundles][:3]
    first = index_all(output, bundles, cache=tmp_path / "cache", jobs=1)
    entry = (output / bundles[0].path / "pagefind-entry.json").read_bytes()
    page = output / bundles[1].pages[0]
    page.write_text(page.read_text("utf-8").replace("</h1>", "（修订）</h1>", 1), "utf-8")
    read = []
    monkeypatch.setattr(indexer, "read_bodies", lambda output, bundle: read.append(bundle)
                        or read_bodies(output, bundle))
    second = index_all(output, bundles, cache=tmp_path / "cache", jobs=1)
    assert [result.cached for result in first] == [False, False, False]
    assert [result.cached for result in second] == [True, False, True]
    # The unchanged departments' pages are the files they were indexed from: not read again.
    assert read == [bundles[1]]
    assert (output / bundles[0].path / "pagefind-entry.json").read_bytes() == entry


def test_a_cached_bundle_comes_back_as_links_and_only_while_unchanged(tmp_path):
    written = tmp_path / "written"
    (written / "fragment").mkdir(parents=True)
    (written / "pagefind-entry.json").write_text("{}", "utf-8")
    (written / "fragment" / "a.pf_fragment").write_bytes(b"\x1f\x8b one")
    cache = tmp_path / "cache"
    bundle_cache.keep(cache, "pagefind/demo-zh", "k1", written)
    restored = tmp_path / "out" / "pagefind" / "demo-zh"
    size = bundle_cache.restore(cache, "pagefind/demo-zh", "k1", restored)
    assert size == len("{}") + len(b"\x1f\x8b one")  # its bytes, from the record
    fragment = restored / "fragment" / "a.pf_fragment"
    assert fragment.read_bytes() == b"\x1f\x8b one"
    assert fragment.stat().st_ino == (written / "fragment" / "a.pf_fragment").stat().st_ino
    assert bundle_cache.restore(cache, "pagefind/demo-zh", "other key", tmp_path / "x") is None
    # Restored again where its links already are: replaced, never written through.
    assert bundle_cache.restore(cache, "pagefind/demo-zh", "k1", restored) is not None
    assert fragment.read_bytes() == b"\x1f\x8b one"
    # Edited in place under the output's name: the cached file is the same file, so the
    # entry is dropped rather than served again.
    with fragment.open("ab") as handle:
        handle.write(b" edited")
    again = tmp_path / "again"
    assert bundle_cache.restore(cache, "pagefind/demo-zh", "k1", again) is None
    assert not again.exists() and not (cache / "pagefind" / "demo-zh").exists()


def test_a_bundle_key_is_known_from_its_pages_identities_only_while_all_are_the_same(tmp_path):
    written, cache = tmp_path / "written", tmp_path / "cache"
    written.mkdir()
    (written / "pagefind-entry.json").write_text("{}", "utf-8")
    pages = {"demo/news/a/index.html": (1, 2, 3), "demo/news/b/index.html": (4, 5, 6)}
    bundle_cache.keep(cache, "pagefind/demo-zh", "k1", written, ("salt", pages))
    assert bundle_cache.known_key(cache, "pagefind/demo-zh", "salt", dict(pages)) == "k1"
    assert bundle_cache.known_key(cache, "pagefind/demo-zh", "other salt", pages) is None
    changed = {**pages, "demo/news/b/index.html": (4, 5, 7)}
    assert bundle_cache.known_key(cache, "pagefind/demo-zh", "salt", changed) is None
    fewer = {"demo/news/a/index.html": (1, 2, 3)}
    assert bundle_cache.known_key(cache, "pagefind/demo-zh", "salt", fewer) is None
    assert bundle_cache.known_key(None, "pagefind/demo-zh", "salt", pages) is None


def test_a_page_the_index_cannot_read_stops_the_build_with_a_message(tmp_path):
    """A theme whose item pages lose their data-pagefind-body: exit 1, the page named, no
    traceback."""
    site = make_site(tmp_path / "site")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "gongkai", theme)
    item = theme / "templates" / "item.html"
    item.write_text(item.read_text("utf-8").replace("data-pagefind-body", "data-x"), "utf-8")
    result = build_portal(site, tmp_path / "output", f'THEME="{theme}"')
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Search index:" in result.stderr and "data-pagefind-body" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr  # Pelican logs to stdout
