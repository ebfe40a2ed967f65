"""Disclosure guide and catalogue rules: OGI-12b, OGI-12c."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import audit_findings, write

GUIDE = "content/demo/guide/example.md"
NEWS = "content/demo/news/example.md"


def edit(site: Path, relative: str, old: str, new: str) -> None:
    text = (site / relative).read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    write(site, relative, text.replace(old, new, 1))


def drop_lines(site: Path, relative: str, *prefixes: str) -> None:
    lines = (site / relative).read_text("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(prefixes)]
    assert len(kept) == len(lines) - len(prefixes)
    write(site, relative, "".join(kept))


def set_summary(site: Path, relative: str, summary: str) -> None:
    lines = (site / relative).read_text("utf-8").splitlines(keepends=True)
    write(site, relative, "".join(f"summary: {summary}\n" if line.startswith("summary:") else line
                                  for line in lines))


def title_of(site: Path, relative: str) -> str:
    text = (site / relative).read_text("utf-8")
    return next(line for line in text.splitlines() if line.startswith("title:"))[7:]


# --- OGI-12b -------------------------------------------------------------------------------

def test_12b_complete_guide_passes(site):
    assert audit_findings(site, "OGI-12b") == []


def test_12b_missing_items_listed_in_one_finding(site):
    drop_lines(site, GUIDE, "office_fax:", "office_web:")
    findings = audit_findings(site, "OGI-12b")
    assert [(f.code, f.file, f.weight) for f in findings] == [("missing_items", GUIDE, 2)]
    assert findings[0].severity == "blocking"
    assert findings[0].message["zh"] == "政府信息公开指南缺少 2 项内容：传真号码、互联网联系方式"
    assert findings[0].message["en"].endswith("office_fax, office_web")
    assert "office_fax, office_web" in findings[0].fix["zh"]


def test_12b_all_nine_missing(site):
    drop_lines(site, GUIDE, "info_classification:", "arrangement_system:", "access_methods:",
               "office_name:", "office_address:", "office_hours:", "office_phone:", "office_fax:",
               "office_web:")
    findings = audit_findings(site, "OGI-12b")
    assert [f.weight for f in findings] == [9]
    assert findings[0].message["zh"].startswith("政府信息公开指南缺少 9 项内容：政府信息的分类、编排体系")


def test_12b_required_fields_parameter(site):
    drop_lines(site, GUIDE, "office_fax:")
    assert audit_findings(site, "OGI-12b", required_fields=["office_name", "office_phone"]) == []


def test_12b_department_without_guide(site):
    edit(site, GUIDE, "classification: public", "classification: public\ndraft: true")
    findings = audit_findings(site, "OGI-12b")
    assert [(f.code, f.file, f.line, f.department) for f in findings] == [
        ("no_guide", "config/departments/demo.yaml", 1, "demo")]
    assert findings[0].message["zh"] == "测试市示范局没有发布政府信息公开指南"
    assert "content/demo/guide/" in findings[0].fix["en"]


def test_12b_withheld_guide_is_not_judged(site):
    drop_lines(site, GUIDE, "office_fax:")
    edit(site, GUIDE, "classification: public", "classification: on-request")
    assert [f.code for f in audit_findings(site, "OGI-12b")] == ["no_guide"]


# --- OGI-12c -------------------------------------------------------------------------------

def test_12c_real_summaries_pass(site):
    assert audit_findings(site, "OGI-12c") == []


@pytest.mark.parametrize("decorate", [
    lambda title: title,
    lambda title: f"{title}。",
    lambda title: f"“{title}”",
    lambda title: " ".join(title),
])
def test_12c_summary_repeating_the_title(site, decorate):
    set_summary(site, NEWS, decorate(title_of(site, NEWS)))
    findings = audit_findings(site, "OGI-12c")
    assert [(f.code, f.file, f.field) for f in findings] == [("summary_is_title", NEWS, "summary")]
    assert findings[0].line == 5  # the summary line


def test_12c_summary_longer_than_the_title_passes(site):
    set_summary(site, NEWS, title_of(site, NEWS) + "，自即日起施行。")
    assert audit_findings(site, "OGI-12c") == []


def test_12c_length_is_off_by_default(site):
    set_summary(site, NEWS, "长" * 400)
    assert audit_findings(site, "OGI-12c") == []


def test_12c_length_limit_from_a_local_profile(site):
    set_summary(site, NEWS, "长" * 101)
    findings = audit_findings(site, "OGI-12c", summary_max_chars=1000)
    assert findings == []
    findings = [f for f in audit_findings(site, "OGI-12c", summary_max_chars=100) if f.file == NEWS]
    assert [(f.code, f.field) for f in findings] == [("summary_too_long", "summary")]
    assert findings[0].message["en"] == "the summary is 101 characters long, over the limit of 100"
    set_summary(site, NEWS, "长" * 100)
    assert [f for f in audit_findings(site, "OGI-12c", summary_max_chars=100)
            if f.file == NEWS] == []


def test_12c_translations_are_not_catalogue_entries(site):
    translation = "content/demo/licensing/example.en.md"
    set_summary(site, translation, title_of(site, translation))
    assert audit_findings(site, "OGI-12c") == []
