"""The built demo portal: one column structure for every department, item pages, footer, weight."""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import pytest
import yaml
from pelican.cache import FileStampDataCacher
from pelican.settings import DEFAULT_CONFIG

from conftest import AS_OF, ROOT
from pages import html_pages, read
from portal_model.loader import load_portal
from portal_site.plugin import drop_unwritten_groupings, skip_file_stamps

COLUMNS = yaml.safe_load((ROOT / "config" / "columns.yaml").read_text("utf-8"))
COLUMN_IDS = [column["id"] for column in COLUMNS["columns"]]
METADATA_LABELS = ("索引号", "主题分类", "发布机构", "成文日期", "发文字号", "发布日期", "有效性")


@pytest.fixture(scope="module")
def portal():
    return load_portal(ROOT, today=AS_OF)


def test_the_columns_are_the_seventeen_standard_ones():
    assert len(COLUMN_IDS) == 17
    assert COLUMN_IDS[0] == "about" and COLUMN_IDS[-1] == "annual-report"


def test_every_department_has_every_column_at_the_same_paths(portal, demo_output):
    for department in portal.departments:
        present = sorted(path.parent.name for path in (demo_output / department).glob("*/index.html")
                         if path.parent.name in COLUMN_IDS)
        assert present == sorted(COLUMN_IDS), department
        page = read(demo_output / department / "index.html")
        for column in COLUMN_IDS:
            assert f"/{department}/{column}/" in page.links, (department, column)


def test_no_column_page_is_blank(portal, demo_output):
    for department_id, department in portal.departments.items():
        reasons = department.config.get("empty_column_reasons", {})
        for column in COLUMN_IDS[1:]:
            page = read(demo_output / department_id / column / "index.html")
            if "empty-column" in page.classes:
                assert page.lang and reasons.get(column, "本部门尚未") in page.text(), \
                    (department_id, column)
            else:
                assert "item-list" in page.classes, (department_id, column)


def test_a_stated_reason_is_shown_on_the_empty_column(demo_output):
    page = read(demo_output / "health" / "fee" / "index.html").text()
    assert "部门说明" in page and "本委现无行政事业性收费项目" in page


def test_column_listings_are_newest_first(demo_output):
    for path in demo_output.glob("*/*/index.html"):
        dates = re.findall(r'<li>\s*<a [^>]*>[^<]*</a>\s*<span class="item-meta">.*?'
                           r'<time datetime="([\d-]+)">', path.read_text("utf-8"), re.S)
        assert dates == sorted(dates, reverse=True), path


def test_every_item_page_carries_the_metadata_block_and_its_date(portal, demo_output):
    seen_types = set()
    for item in portal.published_items:
        if item.is_translation:
            continue
        page = read(demo_output / item.url / "index.html")
        text = [text for _, text in page.texts]
        for label in METADATA_LABELS:
            assert label in text, (item.source, label)
        assert f'<time datetime="{item.published_date}">' in \
            (demo_output / item.url / "index.html").read_text("utf-8")
        seen_types.add(item.type)
    assert seen_types == set(portal.type_labels)


def test_policies_and_interpretations_link_both_ways(portal, demo_output):
    interpretations = [item for item in portal.published_items
                       if item.type == "interpretation" and not item.is_translation]
    assert interpretations
    for interpretation in interpretations:
        policy = portal.by_index_no[interpretation.meta["interprets"]]
        assert f"/{policy.url}" in read(demo_output / interpretation.url / "index.html").links
        assert f"/{interpretation.url}" in read(demo_output / policy.url / "index.html").links


def test_policies_no_longer_in_force_say_so_at_the_top(portal, demo_output):
    ended = [item for item in portal.published_items
             if item.type == "policy" and item.meta["validity"] != "有效"]
    assert len(ended) >= 2
    for policy in ended:
        html = (demo_output / policy.url / "index.html").read_text("utf-8")
        banner = html.index('class="validity-banner"')
        assert banner < html.index("<h1"), policy.source
        assert policy.meta["validity"] in html[banner:html.index("<h1")]
        successor = policy.meta.get("superseded_by")
        if successor:
            assert f'href="/{portal.by_index_no[successor].url}"' in html[banner:]


def test_legal_bases_on_the_portal_link_to_their_policy(portal, demo_output):
    linked = 0
    for item in portal.published_items:
        for basis in item.meta.get("basis", []) if item.type in ("licensing", "service-guide") else []:
            target = portal.by_index_no.get(basis.get("policy", ""))
            if target is not None and target.published:
                assert f"/{target.url}" in read(demo_output / item.url / "index.html").links
                linked += 1
    assert linked >= 3


def test_materials_table_shows_form_downloads_with_format_and_size(demo_output):
    html = (demo_output / "market/licensing/food-business-permit/index.html").read_text("utf-8")
    assert '<table class="materials">' in html and '<th scope="col">原件/复印件</th>' in html
    assert re.search(r'download>下载表格</a>\s*<span class="file-facts">\((Word|PDF|Excel) '
                     r'\(\w+\), [\d.]+ KB, [^)]+\)</span>', html)


def test_every_page_has_breadcrumbs_footer_identifiers_and_error_link(demo_output):
    identifiers = {
        "zh-CN": ("主办单位", "联系方式", "网站标识码", "ICP备案编号", "公安机关备案", "党政机关网站标识"),
        "en": ("Sponsor", "Contact", "Website identification code", "ICP filing number",
               "Public security filing", "Party and government website mark"),
    }
    for path in html_pages(demo_output):
        page = read(path)
        text = [text for _, text in page.texts]
        for label in identifiers[page.lang]:
            assert label in text, (path, label)
        assert any(link.startswith("https://zfwzzc.www.gov.cn/") for link in page.links), path
        if path.parent != demo_output:
            assert "breadcrumbs" in page.classes, path


def test_the_error_report_link_names_its_page(demo_output):
    html = (demo_output / "health" / "fee" / "index.html").read_text("utf-8")
    assert "sitecode=3399000001&amp;url=https%3A%2F%2Fwww.shili.gov.cn%2Fhealth%2Ffee%2F" in html


def test_portal_wide_pages_exist(demo_output):
    for path in ("index.html", "departments/index.html", "library/policies/index.html",
                 "library/licensing/index.html", "library/service-guides/index.html",
                 "library/forms/index.html", "services/residents/index.html",
                 "services/enterprises/index.html", "services/investors/index.html",
                 "services/visitors/index.html", "zfxxgk/index.html", "404.html"):
        assert (demo_output / path).is_file(), path


def test_the_platform_has_exactly_the_four_standard_sections(demo_output):
    sections = sorted(path.name for path in (demo_output / "zfxxgk").iterdir() if path.is_dir())
    assert sections == sorted(["zfxxgkzn", "zfxxgkzd", "fdzdgknr", "zfxxgknb"])
    text = read(demo_output / "zfxxgk" / "index.html").text()
    for title in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"):
        assert title in text


def test_home_page_groups_services_by_audience_and_links_the_libraries(demo_output):
    page = read(demo_output / "index.html")
    for label in ("居民", "企业", "投资者", "旅游者"):
        assert label in [text for _, text in page.texts]
    assert "/library/policies/" in page.links and "/zfxxgk/" in page.links


def test_the_policy_library_lists_every_policy_with_its_validity(portal, demo_output):
    policies = [item for item in portal.published_items
                if item.type == "policy" and not item.is_translation]
    html = "".join(path.read_text("utf-8") for path in (demo_output / "library/policies").rglob("*.html"))
    for policy in policies:
        assert f'href="/{policy.url}"' in html
    assert html.count('class="validity validity-') == len(policies)


def test_translations_are_offered_as_a_language_switch(portal, demo_output):
    translations = [item for item in portal.published_items if item.is_translation]
    assert translations
    for translation in translations:
        original = portal.by_index_no[translation.index_no]
        english = read(demo_output / translation.url / "index.html")
        chinese = read(demo_output / original.url / "index.html")
        assert english.lang == "en" and chinese.lang == "zh-CN"
        assert f"/{original.url}" in english.links and f"/{translation.url}" in chinese.links


def test_no_javascript_but_search_and_no_external_resources(demo_output):
    """Pages work without JavaScript; only the search page runs a script, from the site."""
    for path in html_pages(demo_output):
        page = read(path)
        search_page = 'data-page-type="search"' in path.read_text("utf-8")
        for tag, attrs in page.tags:
            assert tag not in ("iframe", "object", "embed"), path
            if tag == "script":
                assert search_page, path
                source = attrs.get("src", "")
                assert attrs.get("type") in ("module", "application/json"), path
                assert not source.startswith(("http:", "https:", "//")), path
            if tag in ("link", "img", "source", "audio", "video", "script"):
                for name in ("href", "src", "srcset"):
                    assert not attrs.get(name, "").startswith(("http:", "https:", "//")), path


def test_home_page_weighs_under_100_kb(demo_output):
    weight = (demo_output / "index.html").stat().st_size
    weight += (demo_output / "theme" / "css" / "portal.css").stat().st_size
    assert weight < 100 * 1024


def test_groupings_whose_pages_are_not_written_are_not_listed():
    # Pelican lists a category's articles in O(n) per category before writing its page;
    # with no such page, the grouping is dropped so that work is never done.
    generator = SimpleNamespace(settings={"CATEGORY_SAVE_AS": "", "TAG_SAVE_AS": "",
                                          "AUTHOR_SAVE_AS": "author/{slug}/"},
                                categories=[("agri", ["a"])], tags={"t": ["a"]},
                                authors=[("x", ["a"])])
    drop_unwritten_groupings(generator)
    assert generator.categories == [] and generator.tags == {}
    assert generator.authors == [("x", ["a"])]


def test_items_are_not_stamped_while_pelicans_content_cache_is_off(tmp_path):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path)}
    missing = str(tmp_path / "missing.md")  # a stamp would stat it, and fail

    def generator(**cache: bool) -> SimpleNamespace:
        options = {**settings, **cache}
        return SimpleNamespace(settings=options, readers=FileStampDataCacher(
            options, "readers", False, False), _filestamp_func=os.path.getmtime)

    off = generator(CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    skip_file_stamps(off)
    assert off.readers.get_cached_data(missing, "default") == "default"
    assert off.readers._get_file_stamp(missing) == b"" and off._filestamp_func(missing) == b""
    on = generator(CACHE_CONTENT=True)
    skip_file_stamps(on)
    (tmp_path / "present.md").write_text("x")
    assert on.readers._get_file_stamp(str(tmp_path / "present.md")) > 0  # the file's mtime
