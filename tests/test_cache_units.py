"""The build cache's pieces: the store, the memo of valid files, the live portal's pages,
folders made ahead and files kept by their inputs (its keys: test_cache_keys.py)."""

from __future__ import annotations

import os
import re
from types import SimpleNamespace
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import AS_OF, ROOT, make_site
from portal_cache.folders import FoldersAhead
from portal_cache.files import kept_files, write_output
from portal_cache.plugin import FOLDERS_SETTING, active, close_cache, open_cache
from portal_cache.keys import meta_text
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


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


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
