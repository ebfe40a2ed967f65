"""Files parsed ahead by worker processes are exactly what the loader parses itself."""

from __future__ import annotations

import shutil

import pytest

from conftest import AS_OF, FIXTURES, ROOT, make_site, problem_lines
from portal_model import prefetch
from portal_model.frontmatter import parse
from portal_model.loader import load_portal


@pytest.fixture
def parallel(monkeypatch):
    """Parse ahead however few files there are (the demo has fewer than the threshold)."""
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 0)
    monkeypatch.setattr(prefetch, "CHUNK", 7)


def test_every_file_parsed_ahead_equals_its_own_parse(parallel):
    sources = [path.relative_to(ROOT).as_posix()
               for path in sorted((ROOT / "content").glob("*/*/*.md"))]
    ahead = prefetch.parse_ahead(ROOT, sources, jobs=2)
    assert sorted(ahead) == sources
    for source in sources:
        data = (ROOT / source).read_bytes()
        assert prefetch.restore_body(ahead[source], data) == parse(data, source), source


def test_the_model_and_every_problem_are_the_same_parsed_ahead(monkeypatch, tmp_path):
    site = make_site(tmp_path / "site")
    for name in ("yaml-syntax.md", "yaml-tab.md", "no-front-matter.md"):
        shutil.copy(FIXTURES / "invalid" / name, site / "content" / "demo" / "notice" / name)
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 10 ** 9)  # nothing parsed ahead
    serial, serial_problems = load_portal(ROOT, today=AS_OF), problem_lines(site)
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 0)  # everything parsed ahead
    ahead, ahead_problems = load_portal(ROOT, today=AS_OF), problem_lines(site)
    assert [(i.source, i.meta, i.body, i.lines) for i in ahead.items] == \
        [(i.source, i.meta, i.body, i.lines) for i in serial.items]
    assert len(serial_problems) >= 3 and ahead_problems == serial_problems
