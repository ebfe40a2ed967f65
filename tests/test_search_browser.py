"""Searching the built demo in headless Chromium.

These tests serve the built demo over HTTP and run queries through
``theme/js/search-engine.js``, the code behind the search page, which calls Pagefind's
JavaScript API (``pagefind.js``: ``options``, ``mergeIndex``, ``filters``, ``search``).
They need Chromium, chromedriver and selenium (``make a11y-setup``) and are skipped
without them.
"""

from __future__ import annotations

import functools
import importlib.util
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from conftest import AS_OF, ROOT
from portal_model.loader import load_portal
from portal_search.grams import query_tokens

QUERIES = yaml.safe_load((ROOT / "tests" / "search" / "queries.yaml").read_text("utf-8"))
PORTAL = load_portal(ROOT, today=AS_OF)
ITEMS = {f"/{item.url}": item for item in PORTAL.published_items}
FIRST_PAGE = 10
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
HAVE_BROWSER = (CHROMIUM.is_file() and CHROMEDRIVER.is_file()
                and importlib.util.find_spec("selenium") is not None)
needs_browser = pytest.mark.skipif(not HAVE_BROWSER, reason="Chromium, chromedriver and "
                                   "selenium are needed: run `make a11y-setup`")

# Runs a list of searches on the search page it is given; each search is {query, filters,
# sort, limit}; answers [{total, facets, results: [{url, date, type, department}]}].
RUN = """
const [searches, done] = arguments;
(async () => {
  const form = document.getElementById("search-form");
  const engine = await (await import("/theme/js/search-engine.js")).openIndex(
    JSON.parse(form.dataset.bundles), {chinese: form.dataset.chinese === "true"});
  const answers = [];
  for (const s of searches) {
    const found = await engine.search(s.query || "",
      {filters: s.filters || {}, sort: s.sort || ""});
    const results = await found.next(s.limit || 10);
    answers.push({total: found.total, facets: found.facets, results: results.map(
      (r) => ({url: r.url, date: r.date, type: r.type, department: r.department}))});
  }
  done(answers);
})().catch((error) => done({error: String(error.stack || error)}));
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver  # noqa: PLC0415
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="search-chromium-") as profile:
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        driver.set_script_timeout(120)
        try:
            yield driver
        finally:
            driver.quit()


def _serve(folder: Path):
    """``folder`` on a free localhost port: its address, with a trailing slash."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(demo_output):
    yield from _serve(demo_output)


@pytest.fixture(scope="module")
def site_en(demo_output_en):
    yield from _serve(demo_output_en)


def run(browser, page: str, searches: list[dict]) -> list[dict]:
    if browser.current_url != page:
        browser.get(page)
    answers = browser.execute_async_script(RUN, searches)
    assert not (isinstance(answers, dict) and "error" in answers), answers
    return answers


def urls(answer: dict) -> list[str]:
    return [result["url"] for result in answer["results"]]


@needs_browser
@pytest.mark.parametrize("language", ["chinese", "english"])
def test_the_query_set_finds_its_items_on_the_first_page(browser, site, language):
    page = site + ("search/" if language == "chinese" else "en/search/")
    cases = QUERIES[language]
    answers = run(browser, page, [{"query": case["query"]} for case in cases])
    missed = [f"{case['query']}: {sorted(set(case['expect']) - set(urls(answer)))}"
              for case, answer in zip(cases, answers)
              if not set(case["expect"]) <= set(urls(answer))]
    assert not missed, "\n".join(missed)
    extra = [f"{case['query']}: {urls(answer)}" for case, answer in zip(cases, answers)
             if case.get("exactly") and answer["total"] != len(case["expect"])]
    assert not extra, "\n".join(extra)
    lang = "zh-CN" if language == "chinese" else "en"
    found = {url for answer in answers for url in urls(answer)}
    assert all(ITEMS[url].lang == lang for url in found)  # each page searches its own language


@needs_browser
def test_every_full_title_finds_its_item_on_the_first_page(browser, site):
    for lang, page in (("zh-CN", "search/"), ("en", "en/search/")):
        items = [(url, item.title) for url, item in ITEMS.items() if item.lang == lang]
        answers = run(browser, site + page, [{"query": title} for _, title in items])
        missed = [f"{url} {title!r}" for (url, title), answer in zip(items, answers)
                  if url not in urls(answer)[:FIRST_PAGE]]
        assert not missed, "\n".join(missed)


@needs_browser
def test_the_page_encodes_chinese_as_the_index_does(browser, site):
    run(browser, site + "search/", [])
    samples = ["专", "专项", "专项资金", "示例市市级财政专项资金管理办法", "公交IC卡 2026年"]
    encoded = browser.execute_async_script(
        "const [samples, done] = arguments; import('/theme/js/search-engine.js').then("
        "(m) => done(samples.map((s) => m.encodeQuery(s).grams)));", samples)
    assert encoded == [query_tokens(sample) for sample in samples]


@needs_browser
def test_filters_narrow_the_results_to_matching_items(browser, site):
    searches = [{"query": "许可", "limit": 100},
                {"query": "许可", "filters": {"type": "行政许可"}, "limit": 100},
                {"query": "许可", "filters": {"department": "示例市卫生健康委员会"}, "limit": 100},
                {"query": "", "filters": {"validity": "已废止"}, "limit": 100},
                {"query": "", "filters": {"audience": "企业", "year": "2026"}, "limit": 100},
                {"query": "", "filters": {"topic": "卫生、体育"}, "limit": 100}]
    answers = run(browser, site + "search/", searches)
    every, licensing, health, repealed, enterprises, topic = answers
    assert every["total"] > licensing["total"] > 0 and every["total"] > health["total"] > 0
    assert every["facets"]["type"]["行政许可"] == licensing["total"]
    assert set(urls(licensing)) < set(urls(every)) and set(urls(health)) < set(urls(every))
    assert {ITEMS[url].type for url in urls(licensing)} == {"licensing"}
    assert {ITEMS[url].department for url in urls(health)} == {"health"}
    assert set(urls(repealed)) == {url for url, item in ITEMS.items()
                                   if item.lang == "zh-CN" and item.meta.get("validity") == "已废止"}
    assert set(urls(enterprises)) == {
        url for url, item in ITEMS.items() if item.lang == "zh-CN"
        and "enterprises" in item.meta.get("audience", []) and item.published_date.year == 2026}
    assert set(urls(topic)) == {url for url, item in ITEMS.items()
                                if item.lang == "zh-CN" and item.meta.get("topic") == "卫生、体育"}
    assert min(len(answer["results"]) for answer in (repealed, enterprises, topic)) > 0


@needs_browser
def test_results_sort_by_date_across_departments(browser, site):
    newest, oldest, query, ranked = run(browser, site + "search/", [
        {"query": "", "filters": {"year": "2026"}, "sort": "desc", "limit": 500},
        {"query": "", "filters": {"year": "2026"}, "sort": "asc", "limit": 500},
        {"query": "通知", "sort": "desc", "limit": 500},
        {"query": "通知", "limit": 500}])
    dates = [result["date"] for result in newest["results"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == newest["total"]
    assert [result["date"] for result in oldest["results"]] == sorted(dates)
    assert len({result["department"] for result in newest["results"]}) == len(PORTAL.departments)
    assert set(urls(newest)) == {url for url, item in ITEMS.items()
                                 if item.lang == "zh-CN" and item.published_date.year == 2026}
    dates = [result["date"] for result in query["results"]]
    assert dates == sorted(dates, reverse=True)
    assert set(urls(query)) == set(urls(ranked)) and query["total"] == ranked["total"] > 10


@needs_browser
def test_the_search_page_shows_results_for_its_address(browser, site):
    browser.get(site + "search/?q=%E6%98%A5%E8%BF%90&sort=desc")  # 春运
    browser.execute_async_script(
        "const done = arguments[0]; const wait = () => document.querySelector("
        "'#search-results li') ? done() : setTimeout(wait, 50); wait();")
    assert browser.find_element("id", "search-unavailable").get_attribute("hidden") is not None
    links = browser.find_elements("css selector", "#search-results h2 a")
    assert [link.get_attribute("pathname") for link in links] == [
        "/transport/emergency/spring-festival-transport-2026/"]
    assert "1" in browser.find_element("id", "search-status").text
    types = browser.find_elements("css selector", "#filter-type option")
    assert len(types) > 5 and types[0].get_attribute("value") == ""
    assert browser.find_element("id", "search-sort").get_attribute("value") == "desc"


@needs_browser
def test_an_english_interface_still_searches_chinese_pages_in_chinese(browser, site_en):
    # <html lang="en"> on every page of this build: Pagefind would index and query the
    # Chinese originals as English, without segmenting them, if the language were not forced.
    items = [(url, item.title) for url, item in ITEMS.items() if item.lang == "zh-CN"][:20]
    answers = run(browser, site_en + "search/", [{"query": title} for _, title in items]
                  + [{"query": "公章刻制"}])
    assert all(url in urls(answer) for (url, _), answer in zip(items, answers))
    assert urls(answers[-1]) == ["/market/policy/business-registration-measures-2026/"]


@needs_browser
@pytest.mark.skipif(not (ROOT / "node_modules" / "axe-core" / "axe.min.js").is_file(),
                    reason="axe-core is needed: run `make a11y-setup`")
@pytest.mark.parametrize("address", [
    "search/?q=%E8%AE%B8%E5%8F%AF&type=%E8%A1%8C%E6%94%BF%E8%AE%B8%E5%8F%AF",  # 许可, 行政许可
    "en/search/?q=permit"])
def test_the_search_page_with_results_passes_axe(browser, site, address):
    # scripts/a11y checks the search page as built, before anything is searched; this
    # checks it with results, filter counts and highlighted excerpts in place.
    browser.get(site + address)
    browser.execute_async_script(
        "const done = arguments[0]; const wait = () => document.querySelector("
        "'#search-results li') ? done() : setTimeout(wait, 50); wait();")
    browser.execute_script((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8"))
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1]; axe.run(document, {runOnly: {type: 'tag',"
        " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then((r) => done(r.violations.map((v) => v.id + ': ' + v.help)));")
    assert violations == []
