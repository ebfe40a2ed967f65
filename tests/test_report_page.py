"""The inspectors' dashboard (report/index.html) says what report.json says, readably."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pages import Page, read

SEVERITIES = ["blocking", "warning", "info"]


def report_of(output: Path) -> dict:
    return json.loads((output / "report" / "report.json").read_text("utf-8"))


def page_of(output: Path) -> Page:
    return read(output / "report" / "index.html")


def shown_percent(entry: dict) -> str:
    """The five-100% ratio as the page prints it: one decimal, never 100% while incomplete."""
    value = round(entry["ratio"] * 100, 1)
    if value >= 100 and entry["published"] < entry["required"]:
        value = 99.9
    return f"{value:.1f}".removesuffix(".0") + "%"


def test_every_finding_is_on_the_page_with_rule_place_message_and_fix(demo_output):
    report, page = report_of(demo_output), page_of(demo_output)
    assert report["findings"], "the demo has deliberate gaps, so the report must list some"
    texts = Counter(text for _, text in page.texts)
    places = Counter(f"{finding['file']}:{finding['line']}" for finding in report["findings"])
    for place, count in places.items():
        assert texts[place] == count, place
    for finding in report["findings"]:
        assert texts[finding["rule"]], finding["rule"]
        assert texts[finding["message"]["zh"]], finding["message"]["zh"]
        assert texts[finding["fix"]["zh"]], finding["fix"]["zh"]
        if finding["field"]:
            assert texts[finding["field"]], finding["field"]


def test_findings_are_grouped_by_department_with_the_most_severe_first(demo_output):
    report, page = report_of(demo_output), page_of(demo_output)
    groups: list[tuple[str, list[str]]] = []
    for tag, attrs in page.tags:
        if tag == "h3" and attrs.get("id", "").startswith("findings-"):
            groups.append((attrs["id"].removeprefix("findings-"), []))
        elif tag == "h4" and groups:
            groups[-1][1].append(attrs["class"].removeprefix("severity-"))
    departments = [department["id"] for department in report["departments"]]
    has_portal_findings = any(finding["department"] is None for finding in report["findings"])
    assert [group for group, _ in groups] == ["portal"] * has_portal_findings + departments
    for group, severities in groups:
        found = {finding["severity"] for finding in report["findings"]
                 if (finding["department"] or "portal") == group}
        assert severities == [severity for severity in SEVERITIES if severity in found], group


def test_verdict_and_blocking_count_come_before_everything_else(demo_output_en):
    report, page = report_of(demo_output_en), page_of(demo_output_en)
    texts = [text for _, text in page.texts]
    blocking = report["summary"]["blocking"]
    count = f"{blocking} blocking finding" + ("" if blocking == 1 else "s")
    assert texts.index("Verdict") < texts.index(count) < texts.index("Five 100% disclosure")
    verdict = {"pass": "Pass", "fail": "Fail"}[report["inspection_2019"]["verdict"]]
    assert verdict in texts[texts.index("Verdict"):texts.index(count)]


def test_the_five_ratios_are_bars_with_their_numbers_in_words_and_in_text(demo_output_en):
    report, page = report_of(demo_output_en), page_of(demo_output_en)
    texts = {text for _, text in page.texts}
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    title_ids = {attrs.get("id") for tag, attrs in page.tags if tag == "title"}
    measured = [entry for entry in report["five_100"] if entry["ratio"] is not None]
    assert len(svgs) == len(measured) > 0
    for svg in svgs:
        assert svg["role"] == "img"
        assert svg.get("aria-labelledby") in title_ids or svg.get("aria-label")
    for entry in measured:
        numbers = f"{entry['published']} of {entry['required']} published"
        assert f"{entry['title']['en']}: {numbers}, {shown_percent(entry)}" in texts  # the bar's name
        assert shown_percent(entry) in texts and any(numbers in text for text in texts)


def test_pass_and_fail_are_said_in_words_not_only_in_colour(demo_output_en):
    page = page_of(demo_output_en)
    outcomes = [attrs["class"] for tag, attrs in page.tags if "outcome" in attrs.get("class", "")]
    assert outcomes
    words = {text for _, text in page.texts}
    assert words & {"Pass", "Fail"} and words & {"Complete", "Incomplete"}


def test_annual_report_tables_and_data_files(demo_output):
    report, page = report_of(demo_output), page_of(demo_output)
    annual = report["annual_report"]
    tables = 1 + len(annual["departments"])
    captions = [tag for tag, _ in page.tags if tag == "caption"]
    assert len(captions) >= 4 * tables
    assert all("scope" in attrs for tag, attrs in page.tags if tag == "th")
    texts = {text for _, text in page.texts}
    assert "第二十条第（一）项" in texts and "行政规范性文件" in texts
    for name in ("report.json", "report.schema.json", "findings.csv", f"annual-{annual['year']}.csv"):
        assert f"/report/{name}" in page.links, name
        assert (demo_output / "report" / name).is_file(), name
