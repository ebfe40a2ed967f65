"""The message catalogue: complete in both languages, same placeholders, chosen by locale."""

import string

import pytest

from portal_model.errors import ContentValidationError, problem
from portal_model.messages import MESSAGES, language_of, localized, render


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(code):
    fields = {lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
              for lang, text in MESSAGES[code].items()}
    assert set(fields) == {"en", "zh"}
    assert fields["en"] == fields["zh"]


def test_locale_picks_the_language():
    assert language_of("zh-CN") == language_of("zh_CN") == "zh"
    assert language_of("en") == language_of("en-GB") == "en"


def test_localized_parameters_follow_the_message_language():
    params = {"expected": localized("a date", "日期"), "got": "'x'"}
    assert render("expected", "en", params) == "expected a date, got 'x'"
    assert render("expected", "zh-CN", params) == "应为日期，实为 'x'"


def test_report_sorts_by_file_then_line_and_ends_with_a_summary():
    error = ContentValidationError([
        problem("b.md", 1, "", "empty_file"),
        problem("a.md", 9, "title", "missing", description="名称"),
        problem("a.md", 2, "", "bom"),
    ])
    assert error.report("en").splitlines() == [
        "a.md:2: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        "a.md:9: title: required field is missing (名称)",
        "b.md:1: the file is empty; expected '---', YAML front matter, '---', then the body",
        "3 problem(s) in 2 file(s); nothing was published. Fix them and run `make check` again.",
    ]
    assert error.exitcode == 2
