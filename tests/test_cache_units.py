"""The build cache's pieces: what each digest covers, the store, and the memo of valid files."""

from __future__ import annotations

import os
import re
import shutil
from types import SimpleNamespace
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import AS_OF, ROOT, make_site
from portal_cache.bodies import prerender
from portal_cache.folders import FoldersAhead
from portal_cache.files import kept_files, write_output
from portal_cache.plugin import FOLDERS_SETTING, active, close_cache, open_cache
from portal_cache.keys import (body_key, build_keys, code_digest, item_page_key, listing_key,
                               meta_text)
from portal_cache.reuse import LINK_FROM_ENV, PreviousPortal
from portal_cache.store import BuildCache
from portal_model.errors import PortalConfigError
from portal_model.fingerprint import digest
from portal_model.frontmatter import StoredLines
from portal_model.loader import load_portal, load_portal_config
from portal_model.memo import FILE_NAME, ValidatedFiles
from portal_model.plugin import MODEL_SETTING
from portal_model.schemas import SchemaSet
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
    assert phone.code != before.code and phone.item_code == before.item_code
    assert page_key(phone, other) == page_key(before, other)
    assert page_key(phone, own) != page_key(before, own)
    profile.write_text(text.replace("short_name: 市卫生健康委", "short_name: 市卫健委"), "utf-8")
    _, name = keys_of(root)  # any page may name the department
    assert name.item_code != before.item_code
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


def test_store_keeps_only_what_the_last_build_used(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    cache.put("page", "a", b"A")
    cache.put("page", "b", b"B")
    cache.close()
    cache = BuildCache(tmp_path / "cache")
    assert cache.get("page", "a") == b"A"
    cache.close()
    cache = BuildCache(tmp_path / "cache")
    assert (cache.get("page", "a"), cache.get("page", "b")) == (b"A", None)
    assert cache.counts == {"page": [1, 1]}
    cache.close()


def test_the_store_is_asked_only_for_keys_it_holds(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    cache.put("page", "a", b"A")
    cache.close()
    cache = BuildCache(tmp_path / "cache")
    queries = []

    class Counting:  # sqlite3.Connection's methods cannot be replaced on the instance
        def __init__(self, db):
            self.db = db

        def execute(self, sql, *args):
            queries.append(sql.split()[0])
            return self.db.execute(sql, *args)

    cache.db = Counting(cache.db)
    assert [cache.get("page", key) for key in ("x", "a", "y", "z")] == [None, b"A", None, None]
    assert queries == ["SELECT", "SELECT"]  # the keys once, then the one value held
    assert cache.counts == {"page": [1, 3]}
    cache.db = cache.db.db
    cache.close()


def test_a_store_that_cannot_be_opened_says_so_and_keeps_nothing(tmp_path, capsys):
    (tmp_path / "cache").write_text("a file where the folder should be", "utf-8")
    cache = BuildCache(tmp_path / "cache")
    assert not cache.enabled
    cache.put("page", "a", b"A")
    assert cache.get("page", "a") is None
    assert "building without it" in capsys.readouterr().err


def test_valid_files_are_remembered_and_a_schema_change_forgets_them(tmp_path):
    root = make_site(tmp_path / "site")
    cache = root / ".cache"
    load_portal(root, today=AS_OF, cache=cache)
    memo = ValidatedFiles(cache, root / "config" / "schemas")
    data = (root / ITEM).read_bytes()
    assert memo.parsed(memo.key("licensing.yaml", data), data) is not None
    schema = root / "config" / "schemas" / "licensing.yaml"
    append(schema, "\n# a comment changes the schema set's digest\n")
    memo = ValidatedFiles(cache, root / "config" / "schemas")
    assert memo.parsed(memo.key("licensing.yaml", data), data) is None

    assert not memo.vouches_for_schemas  # so the changed schemas are checked again


def test_a_schema_made_invalid_after_a_remembered_load_is_still_refused(tmp_path):
    root = make_site(tmp_path / "site")
    cache = root / ".cache"
    load_portal(root, today=AS_OF, cache=cache)
    assert ValidatedFiles(cache, root / "config" / "schemas").vouches_for_schemas
    schema = root / "config" / "schemas" / "licensing.yaml"
    append(schema, "\nminProperties: many\n")  # not a valid JSON Schema
    with pytest.raises(PortalConfigError, match="licensing.yaml: invalid schema"):
        load_portal(root, today=AS_OF, cache=cache)


def test_the_settings_check_the_schemas_portal_yaml_uses_and_the_model_checks_all(tmp_path):
    root = make_site(tmp_path / "site")
    schemas = root / "config" / "schemas"
    append(schemas / "licensing.yaml", "\nminProperties: many\n")
    load_portal_config(root)  # portal.yaml does not use licensing.yaml
    with pytest.raises(PortalConfigError, match="licensing.yaml: invalid schema"):
        load_portal(root, today=AS_OF)
    append(schemas / "_common.yaml", "\nminProperties: many\n")  # _portal.yaml refers to it
    with pytest.raises(PortalConfigError, match="_common.yaml: invalid schema"):
        load_portal_config(root)


def test_a_remembered_file_gives_the_field_lines_a_fresh_read_gives(tmp_path):
    root = make_site(tmp_path / "site")
    fresh = load_portal(root, today=AS_OF, cache=root / ".cache")
    again = load_portal(root, today=AS_OF, cache=root / ".cache")
    # Kept packed until a message asks (the loader and its checks asked for none here).
    assert all(isinstance(item.lines, StoredLines) and item.lines._lines is None
               for item in again.items)
    for old, new in zip(fresh.items, again.items, strict=True):
        assert new.source == old.source and dict(new.lines) == dict(old.lines)
        assert new.line_of(("title",)) == old.line_of(("title",)) > 1


def test_a_remembered_file_is_placed_in_the_model_without_walking_its_schema(tmp_path,
                                                                            monkeypatch):
    """Its dates, attachment fields and references come from the memo, as found then."""
    root = make_site(tmp_path / "site")
    fresh = load_portal(root, today=AS_OF, cache=root / ".cache")
    assert any(item.attachment_fields for item in fresh.items)
    assert any(item.references for item in fresh.items)

    def walked(*args, **kwargs):
        raise AssertionError("a remembered file's schema was walked again")

    monkeypatch.setattr(SchemaSet, "annotated", walked)
    again = load_portal(root, today=AS_OF, cache=root / ".cache")
    for old, new in zip(fresh.items, again.items, strict=True):
        assert (new.meta, new.attachment_fields, new.references) == \
            (old.meta, old.attachment_fields, old.references), new.source
        # The digests the cache keys by, made from the file as read (dates still text),
        # are those of the front matter the model holds (dates as dates) and of the body.
        assert new.meta_digest == old.meta_digest == digest("meta", meta_text(new))
        assert new.body_digest == old.body_digest == digest("body", new.body)


def test_the_model_says_which_item_files_it_read_anew(tmp_path):
    root = make_site(tmp_path / "site")
    first = load_portal(root, today=AS_OF, cache=root / ".cache")
    assert first.read_anew == {item.source for item in first.items}
    assert load_portal(root, today=AS_OF, cache=root / ".cache").read_anew == frozenset()
    append(root / ITEM, "\n追加一句。\n")
    assert load_portal(root, today=AS_OF, cache=root / ".cache").read_anew == {ITEM}


def test_an_invalid_file_is_never_remembered(tmp_path):
    root = make_site(tmp_path / "site")
    path = root / ITEM
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^title: .*$", "title: 123", text, count=1, flags=re.M), "utf-8")
    try:
        load_portal(root, today=AS_OF, cache=root / ".cache")
    except Exception:  # noqa: BLE001 - the problem itself is tested elsewhere
        pass
    memo = ValidatedFiles(root / ".cache", root / "config" / "schemas")
    data = path.read_bytes()
    assert memo.parsed(memo.key("licensing.yaml", data), data) is None
    assert (root / ".cache" / FILE_NAME).is_file()  # the valid ones were kept


def test_a_live_page_is_linked_only_while_it_is_the_one_recorded(tmp_path):
    live, staging = tmp_path / "output", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    staging.joinpath("a").mkdir(parents=True)
    page = live / "a" / "index.html"
    page.write_text("<p>live</p>", "utf-8")
    cache = BuildCache(tmp_path / "cache")
    first = PreviousPortal(cache, str(live))
    first.record("a/index.html", "key-1", str(page))
    first.save()
    cache.close()
    cache = BuildCache(tmp_path / "cache")
    previous = PreviousPortal(cache, str(live))
    target = str(staging / "a" / "index.html")
    assert not previous.link("a/index.html", "key-2", target)  # another key: written anew
    assert previous.link("a/index.html", "key-1", target)
    assert os.path.samefile(target, page)
    previous.release(target)  # what the writer does before writing to a path
    Path(target).write_text("<p>new</p>", "utf-8")
    assert page.read_text("utf-8") == "<p>live</p>"  # never written through
    os.unlink(target)
    page.write_text("<p>by hand</p>", "utf-8")  # edited on the server: not linked again
    assert not previous.link("a/index.html", "key-1", target)
    cache.close()


def test_folders_are_made_ahead_and_a_failure_leaves_them_to_the_writer(tmp_path,
                                                                          monkeypatch):
    wanted = [str(tmp_path / "out" / "dept" / "policy" / slug) for slug in ("a", "b", "a")]
    ahead = FoldersAhead(wanted)
    assert ahead.made() == set(wanted) and all(os.path.isdir(folder) for folder in wanted)
    (tmp_path / "file").write_text("not a folder")
    blocked = FoldersAhead([str(tmp_path / "file" / "page"), str(tmp_path / "fine")])
    assert blocked.made() == set()  # not one of them is taken as made
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert FoldersAhead([str(tmp_path / "other")]).made() == set()
    assert not (tmp_path / "other").exists()


def test_a_run_never_takes_the_folders_a_failed_run_made_ahead():
    # `make devserver` runs Pelican again in one process; Pelican empties the output
    # folder first, so folders a failed run made ahead are gone.
    settings = {FOLDERS_SETTING: FoldersAhead([])}
    open_cache(SimpleNamespace(settings=settings))  # no PORTAL_CACHE: nothing else happens
    assert FOLDERS_SETTING not in settings


def test_the_reader_takes_every_body_the_build_rendered_from_the_store_once(tmp_path):
    # Bodies rendered before Pelican reads are written to the store at once: still pending
    # in a batch, they were rendered a second time by the reader.
    root = make_site(tmp_path / "site")
    portal = load_portal(root, today=AS_OF)
    settings = {"PATH": str(root / "content"), "PORTAL_CACHE": ".cache", MODEL_SETTING: portal,
                "THEME": str(ROOT / "themes" / "gongkai"),
                "PLUGIN_PATHS": [str(ROOT / "plugins")], "SITEURL": ""}
    open_cache(SimpleNamespace(settings=settings))
    cache, render = active(settings), body_renderer(portal, "")
    for item in portal.published_items:
        assert cache.bodies.take(item.source) == render.render(item.source, item.body)
        assert cache.bodies.take(item.source) is None  # handed out once
    cache.store.close()


def test_production_and_preview_builds_keep_separate_caches():
    """Every page of `make publish` differs from `make html`'s (absolute addresses): sharing a
    cache, each build would drop the other's entries and render everything again."""
    preview, production = (read_settings(str(ROOT / name))["PORTAL_CACHE"]
                           for name in ("pelicanconf.py", "publishconf.py"))
    assert preview and production and preview != production


def test_files_kept_by_their_inputs_are_linked_without_being_made_or_fetched(tmp_path,
                                                                              monkeypatch):
    root, live = make_site(tmp_path / "site"), tmp_path / "live"
    portal = load_portal(root, today=AS_OF)
    made = []

    def build(output, inputs):
        monkeypatch.setenv(LINK_FROM_ENV, str(live))
        settings = {"PATH": str(root / "content"), "PORTAL_CACHE": ".cache",
                    MODEL_SETTING: portal, "THEME": str(ROOT / "themes" / "gongkai"),
                    "PLUGIN_PATHS": [str(ROOT / "plugins")], "SITEURL": "",
                    "OUTPUT_PATH": str(output)}
        open_cache(SimpleNamespace(settings=settings))
        fetched = []
        store = active(settings).store
        monkeypatch.setattr(store, "get", lambda kind, key: fetched.append(kind)
                            or BuildCache.get(store, kind, key))
        files = kept_files(settings, "feed demo", inputs,
                           lambda: made.append(inputs) or (b"atom", b"rss"), 2)
        for name, content in zip(("demo/feed.atom.xml", "demo/feed.rss.xml"), files):
            write_output(settings, name, content)
        close_cache(SimpleNamespace(settings=settings))
        return fetched

    build(tmp_path / "first", {"entries": ["a"]})
    (tmp_path / "first").rename(live)  # as scripts/build publishes it
    assert build(tmp_path / "second", {"entries": ["a"]}) == [] and len(made) == 1
    for name in ("demo/feed.atom.xml", "demo/feed.rss.xml"):
        assert (tmp_path / "second" / name).stat().st_ino == (live / name).stat().st_ino
    build(tmp_path / "third", {"entries": ["a", "b"]})  # other inputs: made again
    assert len(made) == 2 and (tmp_path / "third" / "demo/feed.rss.xml").read_bytes() == b"rss"


def test_installed_packages_name_each_distribution_with_its_version(tmp_path, monkeypatch):
    """What the cache keys and the up-to-date check take of the installed packages."""
    from importlib.metadata import version  # noqa: PLC0415

    from portal_model.fingerprint import installed_packages  # noqa: PLC0415

    listed = installed_packages().splitlines()
    for name in ("pelican", "Jinja2", "feedgen"):
        assert any(line.lower() == f"{name}-{version(name)}.dist-info".lower()
                   for line in listed), name
    (tmp_path / "somepackage-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed_packages().splitlines() == sorted([*listed, "somepackage-1.0.dist-info"])
