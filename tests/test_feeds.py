"""Feeds: what each one lists, how it is written, and the built demo's feeds, lists and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import xml.etree.ElementTree as ET
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml

from conftest import AS_OF, ROOT, build_portal, problem_lines
from pages import read
from portal_feeds.feeds import FEED_ENTRIES, FeedSet, entry_limit, plan
from portal_feeds.opml import Outline, opml
from portal_feeds.render import FeedText, Site, entry_id, entry_updated, render
from portal_model.loader import load_portal
from portal_site.listings import build, newest_first
from portal_site.pages import all_pages
from test_a11y import needs_browser_tools, run_a11y

SITE_URL = "https://www.shili.gov.cn"
ATOM = "{http://www.w3.org/2005/Atom}"
LISTING_TEMPLATES = {"index", "department", "column", "library", "services"}


@pytest.fixture(scope="module")
def demo():
    """The demo's model, listings and feed plan, as the build makes them."""
    portal = load_portal(ROOT, today=AS_OF)
    listings = build(portal)
    columns = yaml.safe_load((ROOT / "config" / "columns.yaml").read_text("utf-8"))
    return portal, listings, plan(portal, listings, entry_limit(columns))


def _site(portal, lang="zh-CN") -> Site:
    return Site(portal, SITE_URL, zoneinfo.ZoneInfo("Asia/Shanghai"), lang, "示例市")


def _feed_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.xml") if p.name.endswith((".atom.xml", ".rss.xml")))


def _local(output: Path, url: str) -> Path:
    """The built file an absolute portal address is served from (fragment checked too)."""
    assert url.startswith(f"{SITE_URL}/"), url
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    target = output / (path + "index.html" if path == "" or path.endswith("/") else path)
    assert target.is_file(), url
    if parts.fragment:
        assert f'id="{parts.fragment}"' in target.read_text("utf-8"), url
    return target


# The plan: which feeds, and what each lists

def test_every_listing_has_a_feed_at_its_own_address(demo):
    portal, _, feeds = demo
    listed = [c for c in portal.structure.columns if not c.profile]
    counts = {kind: len(feeds.group(kind)) for kind in
              ("portal", "department", "column", "department-column", "audience", "library")}
    assert counts == {"portal": 1, "department": 5, "column": len(listed),
                      "department-column": 5 * len(listed), "audience": 4,
                      "library": len(portal.structure.libraries)}
    urls = [url for feed in feeds.feeds for url in (feed.atom_url, feed.rss_url)]
    assert len(set(urls)) == len(urls) == 2 * len(feeds.feeds)
    assert feeds.portal.atom_url == "feed.atom.xml"
    health_policy = feeds.for_page("health/policy/index.html")
    assert (health_policy.atom_url, health_policy.rss_url) == (
        "health/policy/feed.atom.xml", "health/policy/feed.rss.xml")
    assert feeds.group("column")[0].atom_url == "feeds/policy.atom.xml"


def test_a_page_finds_its_own_feed_on_every_one_of_its_pages(demo):
    _, _, feeds = demo
    assert feeds.for_page("index.html") is feeds.portal
    assert feeds.for_page("health/policy/page/2/index.html").keys == ("health", "policy")
    assert feeds.for_page("services/residents/index.html").audience == "residents"
    for not_a_listing in ("health/about/index.html", "404.html", "departments/index.html",
                          "health/policy/food-rules/index.html", "zfxxgk/index.html"):
        assert feeds.for_page(not_a_listing) is None, not_a_listing


def test_a_feed_lists_exactly_its_pages_items_in_the_same_order(demo):
    portal, listings, feeds = demo
    shown: dict[str, list] = {}
    for page in all_pages(portal, listings):
        if page.template in ("column", "library", "services"):
            base = page.variables["pagination"].base_url
            shown.setdefault(base, []).extend(page.variables["items"])
        elif page.template in ("index", "department"):
            latest = page.variables["latest"]
            assert list(feeds.for_page(page.save_as).items[:len(latest)]) == latest
    assert shown
    for base, items in shown.items():
        assert list(feeds.for_page(f"{base}index.html").items) == items, base
    # The listings' own lists, not re-sorted copies.
    assert feeds.portal.items is listings.latest
    assert feeds.for_page("health/index.html").items is listings.by_department["health"]
    assert feeds.for_page("health/policy/index.html").items is \
        listings.by_column[("health", "policy")]


def test_columns_across_departments_keep_the_listings_order_without_sorting(demo):
    portal, listings, feeds = demo
    for feed in feeds.group("column"):
        merged = [item for dept in sorted(portal.departments)
                  for item in listings.by_column.get((dept, feed.column.id), [])]
        assert list(feed.items) == newest_first(merged), feed.column.id
    assert sum(len(feed.items) for feed in feeds.group("column")) == len(listings.latest)


def test_feed_entries_come_from_columns_yaml_and_are_validated(site):
    assert entry_limit({}) == FEED_ENTRIES
    assert entry_limit({"feed_entries": 7}) == 7
    columns = site / "config" / "columns.yaml"
    columns.write_text(columns.read_text("utf-8").replace("feed_entries: 50", "feed_entries: 0"),
                       "utf-8")
    [line] = problem_lines(site)
    assert line.startswith("config/columns.yaml:") and "feed_entries" in line


# One feed written: dates, ids, links, order

def test_an_entry_is_updated_when_it_changed_never_before_it_was_published(demo):
    item = demo[0].published_items[0]
    published = item.published_date
    next_year = published.replace(year=published.year + 1)
    last_year = published.replace(year=published.year - 1)

    def changed(day):
        meta = {key: value for key, value in item.meta.items() if key != "changed_date"}
        if day is not None:
            meta["changed_date"] = day
        return dataclasses.replace(item, meta=meta)

    assert entry_updated(changed(next_year)) == next_year
    assert entry_updated(changed(last_year)) == entry_updated(changed(None)) == published


def test_an_entry_id_is_a_tag_from_the_index_number_whatever_the_slug(demo):
    item = next(i for i in demo[0].published_items if i.index_no.endswith("2026-00071"))
    assert entry_id(item, SITE_URL) == f"tag:www.shili.gov.cn,2026:{item.index_no}"
    assert entry_id(dataclasses.replace(item, slug="renamed"), SITE_URL) == entry_id(item, SITE_URL)


def test_a_feed_is_written_in_listing_order_with_complete_links_and_its_newest_date(demo):
    portal, _, feeds = demo
    feed = feeds.portal
    entries = feeds.entries(feed)
    translated = next(item for item in entries if portal.translations_of(item))
    atom, rss = render(feed, entries, FeedText("T", "D"), _site(portal), dt.date(2000, 1, 1))
    assert (atom, rss) == render(feed, entries, FeedText("T", "D"), _site(portal),
                                 dt.date(2000, 1, 1))
    root = ET.fromstring(atom)
    assert root.findtext(f"{ATOM}updated") == "2000-01-01T00:00:00+08:00"
    written = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in written] == [entry_id(i, SITE_URL) for i in entries]
    for element, item in zip(written, entries):
        # feedgen 1.0.0 writes only href (lkiesow/python-feedgen#135); these must survive.
        first = element.find(f"{ATOM}link").attrib
        assert first == {"href": f"{SITE_URL}/{item.url}", "rel": "alternate",
                         "type": "text/html", "hreflang": "zh-CN"}
        assert element.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
        terms = [(c.get("term"), c.get("label")) for c in element.findall(f"{ATOM}category")]
        assert terms == [(item.department, portal.departments[item.department].name),
                         (item.type, portal.type_labels[item.type][0])]
    parsed = feedparser.parse(atom).entries[entries.index(translated)]
    assert parsed.link == f"{SITE_URL}/{translated.url}"  # the original, not the translation
    assert [(link.rel, link.hreflang) for link in parsed.links] == [
        ("alternate", "zh-CN")] + [("related", "en")] * len(portal.translations_of(translated))
    # No feedgen version that an upgrade would change.
    assert root.find(f"{ATOM}generator").attrib == {} and b"feedgen" not in atom + rss
    assert root.findtext(f"{ATOM}generator") == "Gongkai"
    channel = feedparser.parse(rss)
    assert channel.feed.link == f"{SITE_URL}/"
    assert channel.feed.updated == "Sat, 01 Jan 2000 00:00:00 +0800"


def test_an_empty_feed_still_parses_and_takes_the_date_it_is_given(demo):
    portal, _, feeds = demo
    atom, rss = render(feeds.portal, [], FeedText("T", "D"), _site(portal, "en"),
                       dt.date(2026, 3, 1))
    for content in (atom, rss):
        parsed = feedparser.parse(content)
        assert not parsed.bozo and parsed.entries == []
    assert b"2026-03-01T00:00:00+08:00" in atom and b'xml:lang="en"' in atom


def test_a_subscription_list_is_well_formed_and_the_same_every_time():
    outline = Outline("政策文件", f"{SITE_URL}/health/policy/feed.atom.xml",
                      f"{SITE_URL}/health/policy/", "zh-CN")
    moment = dt.datetime(2026, 11, 20, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    content = opml("订阅", [("部门", [outline])], moment)
    assert content == opml("订阅", [("部门", [outline])], moment)
    root = ET.fromstring(content)
    assert root.get("version") == "2.0"
    assert root.findtext("head/dateModified") == "Fri, 20 Nov 2026 00:00:00 +0800"
    [folder] = root.findall("body/outline")
    assert folder.get("text") == "部门"
    assert [o.attrib for o in folder] == [{
        "type": "rss", "text": "政策文件", "title": "政策文件", "xmlUrl": outline.xml_url,
        "htmlUrl": outline.html_url, "language": "zh-CN"}]


# The built demo

def test_every_feed_of_the_demo_parses_cleanly(demo, demo_output):
    files = _feed_files(demo_output)
    assert len(files) == 2 * len(demo[2].feeds)
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("atom10" if path.name.endswith(".atom.xml") else "rss20"), path


def test_feed_entries_are_the_listings_newest_up_to_the_limit(demo, demo_output):
    _, _, feeds = demo
    assert any(len(feed.items) > feeds.limit for feed in feeds.feeds)
    for feed in feeds.feeds:
        expected = [f"{SITE_URL}/{item.url}" for item in feed.items[:feeds.limit]]
        assert len(expected) == min(feeds.limit, len(feed.items))
        for url in (feed.atom_url, feed.rss_url):
            parsed = feedparser.parse((demo_output / url).read_bytes())
            assert [entry.link for entry in parsed.entries] == expected, url


def test_a_feed_is_as_new_as_its_newest_entry_and_an_empty_one_as_the_portal(demo, demo_output):
    _, _, feeds = demo
    portal_date = max(entry_updated(item) for item in feeds.entries(feeds.portal))
    empty = [feed for feed in feeds.feeds if not feed.items]
    assert empty, "the demo has empty columns"
    for feed in feeds.feeds:
        newest = max((entry_updated(item) for item in feeds.entries(feed)), default=portal_date)
        updated = feedparser.parse((demo_output / feed.atom_url).read_bytes()).feed.updated
        assert updated == f"{newest}T00:00:00+08:00", feed.atom_url


def test_every_link_in_feeds_and_lists_resolves_in_the_build(demo_output):
    for path in _feed_files(demo_output):
        parsed = feedparser.parse(path.read_bytes())
        own = f"{SITE_URL}/{path.relative_to(demo_output).as_posix()}"
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [own]
        _local(demo_output, parsed.feed.link)
        for entry in parsed.entries:
            for link in entry.links:
                _local(demo_output, link.href)
    for path in sorted((demo_output / "feeds").glob("*.opml")):
        outlines = ET.fromstring(path.read_bytes()).findall("body/outline/outline")
        assert outlines, path
        for outline in outlines:
            assert _local(demo_output, outline.get("xmlUrl")).name.endswith(".atom.xml")
            _local(demo_output, outline.get("htmlUrl"))


def test_the_full_list_names_every_feed_and_a_department_list_its_own(demo, demo_output):
    _, _, feeds = demo
    every = ET.fromstring((demo_output / "feeds" / "feeds.opml").read_bytes())
    assert [o.get("xmlUrl") for o in every.iter("outline") if o.get("xmlUrl")] == [
        f"{SITE_URL}/{feed.atom_url}" for feed in feeds.feeds]
    health = ET.fromstring((demo_output / "feeds" / "health.opml").read_bytes())
    assert [o.get("xmlUrl") for o in health.iter("outline") if o.get("xmlUrl")] == [
        f"{SITE_URL}/{feed.atom_url}" for feed in feeds.of_department("health")]


def test_listing_pages_announce_and_offer_their_own_feeds(demo, demo_output):
    portal, listings, feeds = demo
    for page in all_pages(portal, listings):
        built = read(demo_output / page.save_as)
        alternates = {attrs["type"]: attrs["href"] for tag, attrs in built.tags
                      if tag == "link" and attrs.get("rel") == "alternate"}
        if page.template not in LISTING_TEMPLATES:
            assert alternates == {}, page.save_as
            continue
        feed = feeds.for_page(page.save_as)
        assert alternates == {"application/atom+xml": f"/{feed.atom_url}",
                              "application/rss+xml": f"/{feed.rss_url}"}, page.save_as
        assert "subscribe" in built.classes and f"/{feed.atom_url}" in built.links, page.save_as
    item_page = read(demo_output / listings.latest[0].url / "index.html")
    assert "subscribe" not in item_page.classes
    assert not any(tag == "link" and attrs.get("rel") == "alternate" and "xml" in attrs["type"]
                   for tag, attrs in item_page.tags)


def test_withheld_items_and_translations_are_never_entries(demo, demo_output):
    portal, _, _ = demo
    withheld = [item for item in portal.items if not item.published]
    assert withheld, "the demo has withheld items"
    texts = [path.read_text("utf-8") for path in _feed_files(demo_output)]
    texts += [path.read_text("utf-8") for path in (demo_output / "feeds").glob("*.opml")]
    for item in withheld:
        for text in texts:
            assert item.title not in text and item.index_no not in text, item.source
    for path in _feed_files(demo_output):
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert not entry.link.startswith(f"{SITE_URL}/en/"), (path, entry.link)


def test_two_builds_of_the_same_content_write_identical_feeds_and_lists(demo_output, tmp_path):
    again = tmp_path / "again"
    result = build_portal(ROOT, again)
    assert result.returncode == 0, result.stderr
    written = _feed_files(demo_output) + sorted((demo_output / "feeds").glob("*.opml"))
    assert [p.relative_to(demo_output) for p in written] == [
        p.relative_to(again) for p in _feed_files(again) + sorted((again / "feeds").glob("*.opml"))]
    for path in written:
        assert (again / path.relative_to(demo_output)).read_bytes() == path.read_bytes(), path


def test_a_smaller_limit_cuts_every_feed_to_its_newest_entries(site, tmp_path):
    columns = site / "config" / "columns.yaml"
    columns.write_text(columns.read_text("utf-8").replace("feed_entries: 50", "feed_entries: 2"),
                       "utf-8")
    result = build_portal(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    portal = load_portal(site, today=AS_OF)
    feeds: FeedSet = plan(portal, build(portal), 2)
    assert any(len(feed.items) > 2 for feed in feeds.feeds)
    for feed in feeds.feeds:
        parsed = feedparser.parse((tmp_path / "out" / feed.atom_url).read_bytes())
        assert len(parsed.entries) == min(2, len(feed.items)), feed.atom_url


def test_the_feeds_page_lists_every_feed_in_both_languages(demo, demo_output, demo_output_en):
    _, _, feeds = demo
    for output, lang in ((demo_output, "zh-CN"), (demo_output_en, "en")):
        page = read(output / "feeds" / "index.html")
        assert page.lang == lang
        assert any(tag == "body" and attrs.get("data-page-type") == "feeds"
                   for tag, attrs in page.tags)
        for feed in feeds.feeds:
            assert {f"/{feed.atom_url}", f"/{feed.rss_url}"} <= set(page.links), feed.atom_url
        assert "/feeds/feeds.opml" in page.links and "/feeds/health.opml" in page.links


@needs_browser_tools
@pytest.mark.parametrize("interface", ["default", "en"])
def test_the_feeds_page_passes_the_a11y_check(interface, demo_output, demo_output_en, tmp_path):
    output = demo_output if interface == "default" else demo_output_en
    (tmp_path / "feeds").mkdir()
    shutil.copy(output / "feeds" / "index.html", tmp_path / "feeds" / "index.html")
    shutil.copytree(output / "theme", tmp_path / "theme")
    result = run_a11y(tmp_path)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
    assert "1 page type" in result.stdout


def test_the_plugins_import_feedgen_only_when_a_feed_is_made():
    """feedgen and lxml take 50 ms to import, and a rebuild whose feeds are all kept makes
    none (portal_feeds.feedgen_files is imported by render() alone)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from conftest import ROOT  # noqa: PLC0415

    code = ("import sys; from portal_integrity.gated import _import_ahead; _import_ahead();"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('feedgen', 'lxml')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "plugins")}, check=True)
    assert done.stdout.strip() == "[]"
