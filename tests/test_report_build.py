"""The report as ``make html`` publishes it: on a fixture build and on the demo portal."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import ROOT, build_portal
from portal_standards.report import SCHEMA_FILE

WITHHELD = ("content/health/notice/2026-municipal-hospital-bed-quota.md",
            "content/finance/procurement/vehicle-maintenance-framework-2027.md")


def findings(output):
    return json.loads((output / "report" / "report.json").read_text("utf-8"))["findings"]


def test_build_scans_the_written_site_for_broken_links(site, tmp_path):
    guide = site / "content/demo/licensing/example.md"
    guide.write_text(guide.read_text("utf-8").replace(
        "online_url: https://zwfw.ceshi.gov.cn/demo/000199001000",
        "online_url: https://www.ceshi.gov.cn/demo/nowhere/"), "utf-8")
    result = build_portal(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr  # findings never stop the build
    broken = [f for f in findings(tmp_path / "out") if f["rule"] == "WEB-D4.3"]
    assert [(f["code"], f["file"]) for f in broken] == [
        ("broken_link", "content/demo/licensing/example.md")]
    assert "/demo/nowhere/" in broken[0]["message"]["en"]
    for name in ("index.html", "report.json", "report.schema.json", "findings.csv"):
        assert (tmp_path / "out" / "report" / name).is_file(), name


def test_demo_report_validates_and_finds_every_planted_gap(demo_output):
    report = json.loads((demo_output / "report" / "report.json").read_text("utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(report)
    found = {(f["rule"], f["code"], f["file"], f["field"]) for f in report["findings"]}
    planted = {
        ("SG-11", "licensing_unpublished", "config/departments/market.yaml",
         "licensing_items[1]"),
        ("WEB-D1.4", "stale", "config/departments/transport.yaml", ""),
        ("WEB-D2.4", "missing_elements",
         "content/health/service-guide/maternal-infant-service-permit.md"),
        ("OGI-26", "late", "content/finance/notice/2026-accountant-continuing-education.md",
         "published_date"),
        ("WEB-D1.7", "not_interpreted", "content/health/policy/family-doctor-contract-service.md"),
    }
    for gap in planted:
        assert any(f[:len(gap)] == gap for f in found), gap
    ratios = {r["key"]: (r["published"], r["required"]) for r in report["five_100"]}
    licensing = next(d for d in report["departments"] if d["id"] == "market")["five_100"][2]
    assert (licensing["published"], licensing["required"]) == (2, 3)
    assert ratios["licensing_items"][0] == ratios["licensing_items"][1] - 1
    assert report["summary"]["withheld"] == 2


def test_withheld_items_are_counted_never_named(demo_output):
    report_folder = demo_output / "report"
    texts = "".join(path.read_text("utf-8") for path in report_folder.iterdir())
    for source in WITHHELD:
        item = (ROOT / source).read_text("utf-8")
        title = re.search(r"^title: (.*)$", item, re.M).group(1)
        assert source not in texts and title not in texts, source


@pytest.mark.parametrize("beside", [False, True], ids=["rules-here", "rules-forked"])
def test_a_broken_figures_file_stops_the_build_naming_the_line(site, tmp_path, beside):
    # Forked (PORTAL_RULES_BESIDE_FROM=0 on this small site), the rules fail in the child,
    # which sends nothing back; the build runs them again itself and prints every problem.
    figures = site / "config/figures/2025/demo.yaml"
    figures.parent.mkdir(parents=True, exist_ok=True)
    figures.write_text("licensing_decisions: many\n", "utf-8")
    result = build_portal(site, tmp_path / "out", *(["PORTAL_RULES_BESIDE_FROM=0"]
                                                     if beside else []))
    assert result.returncode == 3, result.stderr
    assert "config/figures/2025/demo.yaml:1: licensing_decisions: " in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_run_beside_the_rendering_give_the_same_report(site, tmp_path):
    guide = site / "content/demo/licensing/example.md"  # a finding the report must carry
    guide.write_text(guide.read_text("utf-8").replace(
        "online_url: https://zwfw.ceshi.gov.cn/demo/000199001000",
        "online_url: https://www.ceshi.gov.cn/demo/nowhere/"), "utf-8")
    here, forked = tmp_path / "here", tmp_path / "forked"
    assert build_portal(site, here).returncode == 0
    result = build_portal(site, forked, "PORTAL_RULES_BESIDE_FROM=0")
    assert result.returncode == 0, result.stderr
    assert findings(forked) and findings(forked) == findings(here)
    for name in ("index.html", "report.json", "findings.csv"):
        assert (forked / "report" / name).read_bytes() == (here / "report" / name).read_bytes()
