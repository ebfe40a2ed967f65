"""The build cache never changes a byte: cached, parallel and incremental builds of the demo
equal a clean serial build (``PORTAL_CACHE=false``), after every kind of change."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT

BASIS_POLICY = "content/market/policy/business-registration-measures-2026.md"
GUIDE = "content/market/service-guide/individual-business-registration.md"
"""A service guide whose legal bases include BASIS_POLICY, by 索引号."""
SERIAL = "PORTAL_CACHE=false"
NO_SEARCH = "PORTAL_SEARCH_INDEX=false"
POLICY = "content/health/policy/medical-institution-registration-measures.md"
"""A demo policy with an interpretation that links it (and is linked back)."""
INTERPRETATION = ("content/health/interpretation/"
                  "medical-institution-registration-measures-interpretation.md")
NEWS = "content/health/news/2026-tuberculosis-day.md"
NEW_ITEM = "content/health/news/2026-cache-test-briefing.md"
NEW_ITEM_WITH_FILE = "content/health/news/2026-cache-test-notice.md"
OTHER_DEPARTMENTS = {"finance", "hrss", "market", "transport"}
"""The demo's departments but health, whose profile edit_department_profile changes."""
EMBARGOED = Path("finance/procurement/vehicle-maintenance-framework-2027/index.html")
"""The page of a demo item under embargo until 2026-12-15."""


def start_build(root: Path, output: Path, *settings: str, theme: Path | None = None
                ) -> subprocess.Popen:
    """Start building the portal at ``root`` (its cache in ``root/.cache``)."""
    extra = [f'THEME="{theme}"'] if theme else []
    return subprocess.Popen(
        [sys.executable, "-m", "pelican", str(root / "content"), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
         "-e", f'PORTAL_AS_OF="{AS_OF}"', *settings, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def finished(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def run_build(root: Path, output: Path, *settings: str, theme: Path | None = None
              ) -> subprocess.CompletedProcess:
    return finished(start_build(root, output, *settings, theme=theme))


def succeeded(result: subprocess.CompletedProcess) -> str:
    """What a build printed, which must have succeeded."""
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def build(root: Path, output: Path, *settings: str, theme: Path | None = None) -> str:
    """Build as :func:`run_build`, which must succeed; return what it printed."""
    return succeeded(run_build(root, output, *settings, theme=theme))


def differences(one: Path, other: Path) -> list[str]:
    """Files that are not byte-identical in the two trees (or are in only one)."""
    def files(folder: Path) -> dict[str, Path]:
        return {path.relative_to(folder).as_posix(): path
                for path in folder.rglob("*") if path.is_file()}

    left, right = files(one), files(other)
    found = sorted(set(left) ^ set(right))
    found += [name for name in sorted(set(left) & set(right))
              if left[name].read_bytes() != right[name].read_bytes()]
    return found


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """A copy of the demo portal (content and config) whose cache starts empty."""
    root = tmp_path / "portal"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "config", root / "config")
    return root


def test_parallel_cached_and_warm_builds_equal_a_clean_serial_build(portal, tmp_path):
    printed = build(portal, tmp_path / "serial", SERIAL)
    assert "Build cache" not in printed and not (portal / ".cache").exists()
    # Empty cache: every body is rendered by the worker processes.
    printed = build(portal, tmp_path / "cold")
    assert re.search(r"Build cache: (\d+) of \1 bodies rendered", printed)
    assert differences(tmp_path / "serial", tmp_path / "cold") == []
    printed = build(portal, tmp_path / "warm")
    assert "bodies rendered" not in printed  # every body, page and bundle from the cache
    assert re.search(r"Build cache: 0 of (\d+) pages rendered, \1 kept", printed)
    assert "(10 unchanged)" in printed
    assert differences(tmp_path / "serial", tmp_path / "warm") == []


def edit_body(root: Path) -> None:
    path = root / POLICY
    path.write_text(path.read_text("utf-8") + "\n本条由缓存测试追加：检验增量构建。\n", "utf-8")


def edit_title(root: Path) -> None:
    path = root / POLICY
    text = path.read_text("utf-8")
    title = re.search(r"^title: (.*)$", text, re.M)
    assert title, "the demo item has a title line"
    path.write_text(text.replace(title.group(0), f"title: {title.group(1)}（修订本）", 1), "utf-8")


def edit_basis_title(root: Path) -> None:
    """A policy that a service guide names as its legal basis (by 索引号)."""
    path = root / BASIS_POLICY
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^title: (.*)$", r"title: \1（修订）", text, count=1, flags=re.M),
                    "utf-8")


def edit_department(root: Path) -> None:
    path = root / "config" / "departments" / "health.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^(name: .*?)卫生健康委员会", r"\1卫生健康委", text, count=1,
                           flags=re.M), "utf-8")
    assert path.read_text("utf-8") != text


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file at ``path``, which must hold it."""
    text = path.read_text("utf-8")
    assert old in text, f"{path} holds {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def edit_department_profile(root: Path) -> None:
    """What a department edits most in config/: its lists, its telephone numbers."""
    replace_once(root / "config" / "departments" / "health.yaml", "phone: 0599-88625001",
                 "phone: 0599-88625002")


def edit_figures(root: Path) -> None:
    """A department's figures for the annual report: the report shows them, no page does."""
    replace_once(root / "config" / "figures" / "2025" / "health.yaml",
                 "licensing_decisions: 1284", "licensing_decisions: 1285")


def add_schema_field(root: Path) -> None:
    """An optional field added to a type: checked in every file of it, shown on no page."""
    replace_once(root / "config" / "schemas" / "news.yaml", "\nproperties:\n",
                 "\nproperties:\n  editor_note: {type: string}\n")


def edit_schema(root: Path) -> None:
    replace_once(root / "config" / "schemas" / "policy.yaml", "{zh: 政策文件,", "{zh: 政策性文件,")


def replace_attachment(root: Path) -> None:
    attachment = root / "content" / "health" / "files" / "2026-department-budget.xlsx"
    attachment.write_bytes(attachment.read_bytes() + b"\n" * 5000)


def add_item(root: Path) -> None:
    """What departments do most: publish one more item."""
    (root / NEW_ITEM).write_text((root / NEWS).read_text("utf-8").replace(
        "/2026-00023", "/2026-00990").replace("title: ", "title: 缓存测试：", 1).replace(
        "published_date: 2026-03-24", "published_date: 2026-11-20"), "utf-8")


def add_item_with_attachment(root: Path) -> None:
    """An item published with a file of its own: the portal then publishes one more file."""
    files = root / "content" / "health" / "files"
    (files / "2026-cache-test-notice.docx").write_bytes(
        (files / "disclosure-application-form.docx").read_bytes() + b"cache test")
    text = (root / NEWS).read_text("utf-8")
    front_end = text.index("\n---", 4)
    (root / NEW_ITEM_WITH_FILE).write_text(
        (text[:front_end] + "\nattachments:\n  - {file: ../files/2026-cache-test-notice.docx,"
         " title: 通知原文}" + text[front_end:]).replace("/2026-00023", "/2026-00991").replace(
            "title: ", "title: 缓存测试附件：", 1), "utf-8")


def withhold_interpretation(root: Path) -> None:
    """POLICY's interpretation turns draft: its page goes, and the policy stops linking it."""
    path = root / INTERPRETATION
    path.write_text(path.read_text("utf-8").replace("\ntype:", "\ndraft: true\ntype:", 1),
                    "utf-8")


EDITS = [edit_body, edit_title, edit_basis_title, add_item, add_item_with_attachment,
         withhold_interpretation, edit_department, edit_department_profile, edit_figures,
         add_schema_field, edit_schema, replace_attachment]
FEW_PAGES = {edit_title: 15, add_item: 15, add_item_with_attachment: 15,
             withhold_interpretation: 15, edit_figures: 0, add_schema_field: 0}
NO_BODY = {edit_title, edit_basis_title, withhold_interpretation, edit_department,
           edit_department_profile, edit_figures, add_schema_field, edit_schema,
           replace_attachment}
"""Edits after which a rebuild renders no body again: none reads the front matter, the
theme or config/."""
"""Edits after which a rebuild renders at most this many pages again: the edited item's,
those that show it, the listing pages that list it and the platform's sections (they count
every department's items), not the other ~300 pages of the demo."""


def test_after_each_edit_a_rebuild_equals_a_clean_build(portal, tmp_path):
    """One portal edited step by step; after each edit, the rebuild with the cache kept is
    byte for byte the clean serial build, and shows the edit."""
    guide = portal / GUIDE  # names BASIS_POLICY by title too, so its title decides a link
    guide.write_text(guide.read_text("utf-8").replace(
        "basis:\n", "basis:\n  - {name: 《示例市市场监督管理局关于优化经营主体登记服务的若干措施》}\n", 1),
        "utf-8")
    guide_page = Path("market/service-guide/individual-business-registration/index.html")
    policy_link = 'href="/market/policy/business-registration-measures-2026/"'
    previous = tmp_path / "start"
    build(portal, previous)
    for step, edit in enumerate(EDITS, 1):
        settings = [] if edit is edit_body else [NO_SEARCH]  # the body edit re-indexes too
        edit(portal)
        after, clean = tmp_path / f"{step}", tmp_path / f"{step}-clean"
        # At once: the clean build neither reads nor writes the cache.
        rebuild = start_build(portal, after, *settings)
        succeeded(run_build(portal, clean, SERIAL, *settings))
        printed = succeeded(finished(rebuild))
        assert differences(clean, after) == [], edit.__name__
        shown = [name for name in differences(previous, after) if not name.startswith("pagefind/")]
        assert bool(shown) is (edit is not add_schema_field), f"{edit.__name__} shows: {shown}"
        assert ("bodies rendered" in printed) is (edit not in NO_BODY), edit.__name__
        rendered, total = map(int, re.search(r"Build cache: (\d+) of (\d+) pages rendered",
                                             printed).groups())
        if edit in FEW_PAGES:
            assert rendered <= FEW_PAGES[edit] < total / 10, edit.__name__
        if edit is edit_department_profile:  # other departments' pages are kept
            others = [page for page in clean.glob("*/**/*.html")
                      if page.relative_to(clean).parts[0] in OTHER_DEPARTMENTS]
            assert len(others) > 150 and rendered <= total - len(others)
        if edit is edit_basis_title:
            counts = [(folder / guide_page).read_text("utf-8").count(policy_link)
                      for folder in (previous, after)]
            assert counts[1] == counts[0] - 1
        previous = after


def test_pelican_links_resolve_when_the_items_they_name_are_not_read(portal, tmp_path):
    """A rebuild reads only the items whose pages it renders (portal_cache.standins): a
    ``{filename}`` link still finds the kept item it names, and a body with a ``{static}``
    link is read for it, as in a clean build."""
    news, interpretation = portal / NEWS, portal / INTERPRETATION
    news.write_text(news.read_text("utf-8") + "\n参见[登记办法]({filename}/"
                    + POLICY.removeprefix("content/") + ")。\n", "utf-8")
    # A file no item links otherwise: Pelican copies it for the {static} link alone.
    (portal / "content/health/files/cache-test-table.csv").write_text("a,b\n1,2\n", "utf-8")
    interpretation.write_text(interpretation.read_text("utf-8")
                              + "\n[附表]({static}/health/files/cache-test-table.csv)\n", "utf-8")
    build(portal, tmp_path / "first", NO_SEARCH)
    news.write_text(news.read_text("utf-8") + "\n本条由缓存测试追加。\n", "utf-8")
    printed = build(portal, tmp_path / "after", NO_SEARCH)
    assert re.search(r"Build cache: [1-9]\d? of \d+ pages rendered", printed)  # not all
    build(portal, tmp_path / "clean", SERIAL, NO_SEARCH)
    assert differences(tmp_path / "clean", tmp_path / "after") == []
    page = (tmp_path / "after" / "health/news/2026-tuberculosis-day/index.html").read_text("utf-8")
    assert 'href="/health/policy/medical-institution-registration-measures/"' in page
    assert "本条由缓存测试追加" in page
    assert (tmp_path / "after" / "health/files/cache-test-table.csv").is_file()


def test_a_later_day_renders_only_what_the_date_changes(portal, tmp_path):
    """No cache key holds the as-of date: a build on a later day, when an embargo has
    ended, renders the pages that show the item it publishes and equals a clean build."""
    later = f'PORTAL_AS_OF="{AS_OF + dt.timedelta(days=30)}"'
    build(portal, tmp_path / "before", NO_SEARCH)
    rebuild = start_build(portal, tmp_path / "after", NO_SEARCH, later)
    succeeded(run_build(portal, tmp_path / "clean", SERIAL, NO_SEARCH, later))
    printed = succeeded(finished(rebuild))
    assert differences(tmp_path / "clean", tmp_path / "after") == []
    assert not (tmp_path / "before" / EMBARGOED).exists()
    assert (tmp_path / "after" / EMBARGOED).is_file()
    rendered, total = map(int, re.search(r"Build cache: (\d+) of (\d+) pages rendered",
                                         printed).groups())
    assert 0 < rendered < total / 10


def test_a_template_change_reaches_every_page(portal, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "gongkai", theme)
    build(portal, tmp_path / "before", NO_SEARCH, theme=theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text("utf-8").replace("</body>", "<!-- changed -->\n</body>"),
                    "utf-8")
    printed = build(portal, tmp_path / "after", NO_SEARCH, theme=theme)
    assert "bodies rendered" not in printed  # a body's HTML does not depend on the theme
    build(portal, tmp_path / "clean", SERIAL, NO_SEARCH, theme=theme)
    assert differences(tmp_path / "clean", tmp_path / "after") == []
    item = tmp_path / "after" / "health" / "policy" / Path(POLICY).stem / "index.html"
    assert "<!-- changed -->" in item.read_text("utf-8")
    # The theme's static files are copied, never shown in a page: no page is rendered again.
    (theme / "static" / "css" / "portal.css").write_text("/* changed */\n", "utf-8")
    printed = build(portal, tmp_path / "styled", NO_SEARCH, theme=theme)
    assert re.search(r"Build cache: 0 of \d+ pages rendered", printed), printed
    assert differences(tmp_path / "after", tmp_path / "styled") == ["theme/css/portal.css"]


def test_a_broken_cache_is_reported_and_the_build_goes_on(portal, tmp_path):
    (portal / ".cache").mkdir()
    (portal / ".cache" / "build.sqlite3").write_bytes(b"this is not a database" * 100)
    (portal / ".cache" / "parsed.marshal").write_bytes(b"\x00garbage")
    result = run_build(portal, tmp_path / "out", NO_SEARCH)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "build cache:" in result.stderr and "building without it" in result.stderr
    build(portal, tmp_path / "clean", SERIAL, NO_SEARCH)
    assert differences(tmp_path / "clean", tmp_path / "out") == []
