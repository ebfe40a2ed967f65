"""Every invalid fixture produces exactly the messages paired with it, and nothing else.

tests/fixtures/invalid/cases.yaml pairs each file with where it is placed in a copy of
the valid fixture site and the exact lines `make check --lang en` must print.
"""

import shutil

import pytest
import yaml

from conftest import FIXTURES, problem_lines

CASES = yaml.safe_load((FIXTURES / "invalid" / "cases.yaml").read_text("utf-8"))


def test_the_fixture_site_itself_is_valid(site):
    assert problem_lines(site) == []


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_invalid_file_gets_exactly_its_messages(site, case):
    target = site / case["place_at"]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "invalid" / case["file"], target)
    assert problem_lines(site) == case["expect"]


def test_corpus_is_broad():
    assert len(CASES) >= 25
