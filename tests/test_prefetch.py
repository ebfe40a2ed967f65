"""Files read ahead by worker processes are exactly what the loader reads itself."""

from __future__ import annotations

import shutil

import pytest

from conftest import AS_OF, FIXTURES, ROOT, make_site, problem_lines
from portal_model import prefetch
from portal_model.loader import load_portal
from portal_model.memo import file_key, unpack
from portal_model.schemas import SchemaSet
from test_invalid_corpus import CASES


@pytest.fixture
def parallel(monkeypatch):
    """Read ahead however few files there are (the demo has fewer than the threshold)."""
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 0)
    monkeypatch.setattr(prefetch, "CHUNK", 7)


def test_every_file_read_ahead_equals_its_own_reading(parallel):
    schemas = SchemaSet(ROOT / "config" / "schemas")
    sources = [path.relative_to(ROOT).as_posix()
               for path in sorted((ROOT / "content").glob("*/*/*.md"))]
    ahead = prefetch.read_ahead(schemas, ROOT, sources, jobs=2)
    try:
        for source in sources:
            data = (ROOT / source).read_bytes()
            parsed, found, derived = prefetch.read_item(schemas, source.split("/")[2], source,
                                                        data)
            valid = ahead.take(source)
            assert isinstance(valid, prefetch.Valid) and found == [], source  # the demo is valid
            assert valid.key == file_key(f"{source.split('/')[2]}.yaml", data)
            again, derived_again = unpack(valid.entry, data)
            assert (again.data, again.body, again.body_line, dict(again.lines)) == \
                (parsed.data, parsed.body, parsed.body_line, parsed.lines), source
            assert valid.body == parsed.body and derived_again == derived, source
            assert ahead.take(source) is None  # each result is taken once
    finally:
        ahead.close()


def test_the_model_and_every_problem_are_the_same_read_ahead(monkeypatch, tmp_path):
    """The demo's model, and every invalid fixture's messages all at once in one site."""
    site = make_site(tmp_path / "site")
    for case in CASES:
        target = site / case["place_at"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / "invalid" / case["file"], target)
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 10 ** 9)  # nothing read ahead
    serial, serial_problems = load_portal(ROOT, today=AS_OF), problem_lines(site)
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 0)  # everything read ahead
    monkeypatch.setattr(prefetch, "CHUNK", 3)
    ahead, ahead_problems = load_portal(ROOT, today=AS_OF), problem_lines(site)

    def model(portal):
        return [(i.source, i.meta, i.body, dict(i.lines), i.references, i.attachment_fields,
                 i.meta_digest, i.body_digest) for i in portal.items]

    assert model(ahead) == model(serial)
    expected = [line for case in CASES for line in case["expect"]]
    assert len(serial_problems) >= len(CASES) and ahead_problems == serial_problems
    assert set(expected) <= set(serial_problems)


def test_files_read_ahead_are_remembered_as_if_read_here(monkeypatch, tmp_path):
    """A cold build with a cache: the memo it leaves is the one a serial read leaves."""
    memos = {}
    for name, threshold in (("serial", 10 ** 9), ("ahead", 0)):
        monkeypatch.setattr(prefetch, "PARALLEL_FROM", threshold)
        load_portal(ROOT, today=AS_OF, cache=tmp_path / name)
        memos[name] = (tmp_path / name / "parsed.marshal").read_bytes()
    assert memos["ahead"] == memos["serial"]
