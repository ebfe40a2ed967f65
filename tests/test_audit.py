"""``make audit`` end to end on the fixture site, and the report's published format."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema
import pytest

from conftest import AS_OF, ROOT, write
from portal_standards.report import SCHEMA_FILE

GOLDEN = ROOT / "tests" / "golden" / "fixture-report.json"


def audit(site, *args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "audit"), "--root", str(site),
                           "--as-of", AS_OF.isoformat(), *args],
                          capture_output=True, text=True, timeout=120, check=False)


def validate(report):
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(report)


def test_blocking_findings_fail_the_audit_with_a_summary(site, tmp_path):
    result = audit(site, "--output", str(tmp_path / "report"))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert ("config/departments/demo.yaml:31: licensing_items[1]: [SG-11] 行政许可事项清单中的 "
            "000199002000（示范设备使用登记）没有发布行政许可事项") in out
    assert "    → 在 licensing 栏目发布该事项，item_code 填 000199002000" in out
    assert "测试市示范局" in out and "规范性文件" in out  # the summary table
    assert "Traceback" not in result.stderr
    report = json.loads((tmp_path / "report" / "report.json").read_text("utf-8"))
    validate(report)
    csv_text = (tmp_path / "report" / "findings.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.count("\r\n") == len(report["findings"]) + 1


def test_the_fixture_report_matches_the_golden_file(site, tmp_path):
    """Pins report.json's format. After an intended change: GONGKAI_UPDATE_GOLDEN=1 pytest."""
    audit(site, "--output", str(tmp_path))
    produced = (tmp_path / "report.json").read_text("utf-8")
    if os.environ.get("GONGKAI_UPDATE_GOLDEN"):
        GOLDEN.write_text(produced, "utf-8")
    assert json.loads(produced) == json.loads(GOLDEN.read_text("utf-8"))
    assert produced == GOLDEN.read_text("utf-8")  # byte for byte: sorted keys, no clock


def test_summary_in_english(site):
    result = audit(site, "--lang", "en")
    assert result.returncode == 1
    assert "findings (" in result.stdout and "blocking" in result.stdout


def test_department_filter_and_unknown_department(site):
    assert audit(site, "--department", "nowhere").returncode == 2


def test_broken_profile_exits_3_with_its_location(site):
    write(site, "config/standards/national.yaml", "title: x\ntitle_en: x\nrules:\n  OGI-999:\n")
    result = audit(site, "--lang", "en")
    assert result.returncode == 3
    assert "config/standards/national.yaml:4: rules.OGI-999: expected one of:" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_content_exits_2_like_make_check(site):
    write(site, "content/demo/news/broken.md", "---\ntitle: [unclosed\n---\n")
    result = audit(site)
    assert result.returncode == 2
    assert "content/demo/news/broken.md:2:" in result.stderr


def test_rules_are_listed(site):
    result = audit(site, "--rules", "--lang", "en")
    assert result.returncode == 0
    assert "OGI-26" in result.stdout and "working_days" in result.stdout


@pytest.mark.parametrize("as_of", ["2026-02-30", "soon"])
def test_bad_as_of_is_a_clear_error(site, as_of):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit"), "--root", str(site),
                             "--as-of", as_of], capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
