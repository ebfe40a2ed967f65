"""The build cache's keys: what each digest covers, so that a page is rendered again exactly
when something it shows has changed (portal_cache.keys)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import AS_OF, ROOT, make_site
from portal_cache.bodies import prerender
from portal_cache.keys import body_key, build_keys, code_digest, item_page_key, listing_key
from portal_cache.store import BuildCache
from portal_model.loader import load_portal
from portal_model.render import body_renderer

ITEM = "content/demo/licensing/example.md"
INTERPRETATION = "content/demo/interpretation/example.md"
LINKED_POLICY = "content/demo/policy/example.md"
"""The policy the interpretation's body links to."""


def keys_of(root: Path, plugin_folders: tuple[Path, ...] = ()):
    """The model and build keys of the portal at ``root`` (with an empty theme)."""
    portal = load_portal(root, today=AS_OF)
    theme = root / "theme"
    theme.mkdir(exist_ok=True)
    return portal, build_keys(portal, root, {"SITEURL": ""}, plugin_folders, theme,
                              root / "config")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_a_body_edit_leaves_the_front_matter_digest_alone(tmp_path):
    root = make_site(tmp_path / "site")
    items = sorted((root / "content").rglob("*.md"))
    source = items[0].relative_to(root).as_posix()
    old, before = keys_of(root)
    append(items[0], "\n追加的正文。\n")
    new, after = keys_of(root)
    assert after.structure == before.structure and after.code == before.code
    assert body_key(after, new.by_source[source], ()) != body_key(before, old.by_source[source], ())


def test_a_title_edit_changes_the_front_matter_digest(tmp_path):
    root = make_site(tmp_path / "site")
    item = sorted((root / "content").rglob("*.md"))[0]
    _, before = keys_of(root)
    text = item.read_text("utf-8")
    item.write_text(re.sub(r"^title: (.*)$", r"title: \1（修订）", text, count=1, flags=re.M),
                    "utf-8")
    _, after = keys_of(root)
    assert after.structure != before.structure
    assert listing_key(after, "index.html", "index") != listing_key(before, "index.html", "index")


def body_keys_of(root: Path, folder: Path, site_url: str = "") -> tuple[dict[str, str], int]:
    """The bodies' keys and how many were rendered, by a build with its cache in ``folder``."""
    portal, keys = keys_of(root)
    cache = BuildCache(folder)
    try:
        return prerender(portal, site_url, cache, keys, jobs=1)
    finally:
        cache.close()


def test_a_body_is_keyed_on_the_addresses_of_the_files_it_links_and_no_others(tmp_path):
    root = make_site(tmp_path / "site")
    portal = load_portal(root, today=AS_OF)
    html, linked = body_renderer(portal, "").render_traced(
        INTERPRETATION, portal.by_source[INTERPRETATION].body)
    assert LINKED_POLICY in linked and 'href="/demo/policy/example/"' in html
    cache = tmp_path / "cache"
    first, rendered = body_keys_of(root, cache)
    assert rendered == len(first)
    # A new item: every other body stays in the cache under the same key.
    news = root / "content" / "demo" / "news" / "example.md"
    (news.parent / "another.md").write_text(news.read_text("utf-8").replace(
        "/2026-00002", "/2026-00902").replace("title: ", "title: 又一则", 1), "utf-8")
    second, rendered = body_keys_of(root, cache)
    assert rendered == 1 and {source: second[source] for source in first} == first
    # Addresses change (here all of them, by the site's URL): only bodies with links change.
    linking = {source for source, item in portal.by_source.items() if item.published
               and body_renderer(portal, "").render_traced(source, item.body)[1]}
    third, rendered = body_keys_of(root, cache, "https://www.example.gov.cn")
    assert INTERPRETATION in linking and rendered == len(linking)
    assert {source for source in second if third[source] != second[source]} == linking


def test_bodies_are_kept_through_a_theme_or_configuration_change_but_not_a_plugin_change(
        tmp_path):
    root = make_site(tmp_path / "site")
    plugin = tmp_path / "plugins"
    plugin.mkdir()
    (plugin / "render.py").write_text("EXTENSIONS = []\n", "utf-8")
    portal, before = keys_of(root, (plugin,))
    item = portal.by_source[ITEM]
    profile = root / "config" / "departments" / "demo.yaml"
    profile.write_text(profile.read_text("utf-8").replace("phone: 0599-86000001",
                                                          "phone: 0599-86000002"), "utf-8")
    _, config_changed = keys_of(root, (plugin,))
    assert config_changed.code != before.code  # the department's profile page shows it
    assert body_key(config_changed, item, ()) == body_key(before, item, ())
    append(plugin / "render.py", "# the renderer changed\n")
    _, plugin_changed = keys_of(root, (plugin,))
    assert plugin_changed.code != config_changed.code
    assert body_key(plugin_changed, item, ()) != body_key(config_changed, item, ())


def test_of_the_settings_only_the_site_address_reaches_a_body_key(tmp_path):
    root = make_site(tmp_path / "site")
    portal = load_portal(root, today=AS_OF)
    item = portal.by_source[ITEM]

    theme = tmp_path / "theme"
    theme.mkdir()

    def keys(**settings):
        return build_keys(portal, root, {"SITEURL": "", **settings}, (), theme, root / "config")

    before = keys()
    for changed in (keys(SITENAME="另一个名称"), keys(PORTAL={"name_en": "Another"})):
        assert changed.code != before.code
        assert body_key(changed, item, ()) == body_key(before, item, ())
    assert body_key(keys(SITEURL="https://www.example.gov.cn"), item, ()) != body_key(
        before, item, ())


def test_a_department_profile_reaches_other_departments_item_pages_by_its_names_alone(
        tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "config", root / "config")
    profile = root / "config" / "departments" / "health.yaml"
    text = profile.read_text("utf-8")
    portal, before = keys_of(root)
    own, other = (next(item for item in portal.published_items if item.department == name)
                  for name in ("health", "market"))

    def page_key(keys, item):
        return item_page_key(keys, "page.html", "item", item, "body", (), ())

    profile.write_text(text.replace("phone: 0599-88625001", "phone: 0599-88625002"), "utf-8")
    _, phone = keys_of(root)
    assert phone.code != before.code and phone.page_code == before.page_code
    assert page_key(phone, other) == page_key(before, other)
    assert page_key(phone, own) != page_key(before, own)
    profile.write_text(text.replace("short_name: 市卫生健康委", "short_name: 市卫健委"), "utf-8")
    _, name = keys_of(root)  # any page may name the department
    assert name.page_code != before.page_code
    assert page_key(name, other) != page_key(before, other)


def test_code_digest_covers_every_file_of_its_folders_and_the_settings(tmp_path):
    folder = tmp_path / "theme"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "base.html").write_text("<p>one</p>", "utf-8")
    first = code_digest([folder], {"SITEURL": ""})
    assert code_digest([folder], {"SITEURL": ""}) == first
    assert code_digest([folder], {"SITEURL": "https://x"}) != first
    # The staging folder a build writes to differs every time and is not an input.
    assert code_digest([folder], {"SITEURL": "", "OUTPUT_PATH": "/tmp/a"}) == first
    # Nor is the as-of date: keys take it from the items it withholds.
    assert code_digest([folder], {"SITEURL": "", "PORTAL_AS_OF": "2027-01-01"}) == first
    (folder / "templates" / "base.html").write_text("<p>two</p>", "utf-8")
    assert code_digest([folder], {"SITEURL": ""}) != first
