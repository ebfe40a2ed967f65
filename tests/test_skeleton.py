"""`scripts/new-item`: every type's skeleton is valid as written, with the next free 索引号."""

import datetime as dt
import re

import pytest

from conftest import ROOT, problem_lines
from portal_model.cli import new_item
from portal_model.schemas import SchemaSet

TYPES = sorted(SchemaSet(ROOT / "config" / "schemas").types)


@pytest.mark.parametrize("type_name", TYPES)
def test_skeleton_of_every_type_validates(site, type_name, capsys):
    assert new_item([type_name, "demo", "brand-new", "--root", str(site),
                     "--as-of", "2026-11-21"]) == 0
    created = site / "content" / "demo" / type_name / "brand-new.md"
    text = created.read_text("utf-8")
    assert "draft: true" in text
    for attachment in re.findall(r"\.\./files/[\w.-]+", text):
        (created.parent / attachment).write_bytes(b"placeholder")
    problems = [line for line in problem_lines(site) if "brand-new" in line]
    if type_name == "interpretation":
        # The policy an interpretation names cannot be guessed: the only problem says so.
        assert len(problems) == 1 and "interprets: expected an 索引号" in problems[0]
    else:
        assert problems == []
    assert "created content/demo/" in capsys.readouterr().out


def test_next_index_number_follows_the_highest_of_that_year(site):
    new_item(["news", "demo", "first", "--root", str(site), "--as-of", "2026-11-21"])
    new_item(["news", "demo", "second", "--root", str(site), "--as-of", "2026-11-21"])
    first = (site / "content/demo/news/first.md").read_text("utf-8")
    second = (site / "content/demo/news/second.md").read_text("utf-8")
    number = re.search(r"index_no: (\S+)", first).group(1)
    serial = int(number.rsplit("-", 1)[1])
    assert f"-{serial + 1:05d}" in re.search(r"index_no: (\S+)", second).group(1)


def test_bad_arguments_are_all_reported(site, capsys):
    assert new_item(["nosuchtype", "nosuchdept", "Bad Slug", "--root", str(site)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("new-item: type: expected one of annual-report, emergency,")
    assert err[1].startswith("new-item: department: expected one of demo, got 'nosuchdept'")
    assert err[2] == ("new-item: slug: expected lowercase letters, digits and hyphens, "
                      "got 'Bad Slug'")


def test_dates_are_written_as_editors_type_them(site):
    new_item(["notice", "demo", "dated", "--root", str(site), "--as-of", "2026-03-04"])
    text = (site / "content/demo/notice/dated.md").read_text("utf-8")
    assert "published_date: 2026-03-04\n" in text
    assert dt.date(2026, 3, 4).isoformat() in text
