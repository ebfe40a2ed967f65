"""The inspectors' report as data: ``report.json`` (format version 1.0) and ``findings.csv``.

The dict built here is what the JSON file holds and what the HTML dashboard
renders; its shape is pinned by ``report.schema.json`` beside this module, which
is published with the report.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from .audit import AuditResult
from .findings import Finding
from .registry import SEVERITIES
from .rules.coverage import measure, portal_totals
from .scoring import inspection

REPORT_VERSION = "1.0"
SCHEMA_FILE = Path(__file__).with_name("report.schema.json")
CSV_COLUMNS = ("rule", "severity", "department", "file", "line", "field", "code",
               "message_zh", "fix_zh", "message_en", "fix_en")


def build_report(result: AuditResult) -> dict[str, Any]:
    """Everything the report says, as plain JSON-ready data."""
    audit = result.audit
    portal = audit.portal
    enabled = list(audit.profile.rules)
    ratios = audit.fact("five_100", measure)
    by_department: dict[str | None, list[Finding]] = {}
    for finding in result.findings:
        by_department.setdefault(finding.department, []).append(finding)
    departments = []
    for department in audit.departments:
        own = by_department.get(department, [])
        counts = Counter(finding.severity for finding in own)
        profile = portal.departments[department]
        departments.append({
            "id": department, "name": profile.name, "name_en": profile.config["name_en"],
            "url": f"{department}/",
            "items_published": len(audit.by_department.get(department, [])),
            "withheld": audit.withheld.get(department, 0),
            "findings": {severity: counts.get(severity, 0) for severity in SEVERITIES},
            "five_100": [ratio.as_dict() for ratio in ratios[department].values()],
            "inspection_2019": inspection(own, enabled),
        })
    counts = Counter(finding.severity for finding in result.findings)
    report = {
        "report_version": REPORT_VERSION,
        "generator": "Gongkai",
        "portal": {"name": portal.config["name"], "name_en": portal.config["name_en"],
                   "site_url": portal.config["site_url"]},
        "as_of": audit.as_of.isoformat(),
        "profile": {"name": audit.profile.name, "chain": list(audit.profile.chain),
                    "title": audit.profile.title},
        "summary": {
            "findings": len(result.findings),
            **{severity: counts.get(severity, 0) for severity in SEVERITIES},
            "items_published": len(audit.originals),
            "withheld": sum(audit.withheld.values()),
            "departments": len(departments),
            "passing_departments": sum(d["inspection_2019"]["verdict"] == "pass"
                                       for d in departments),
        },
        "five_100": [ratio.as_dict() for ratio in portal_totals(ratios)],
        "inspection_2019": inspection(result.findings, enabled),
        "departments": departments,
        "rules": [_rule(settings, result.findings) for settings in audit.profile.rules.values()],
        "findings": [_finding(finding) for finding in result.findings],
        "annual_report": _annual(result),
    }
    return report


def _rule(settings: Any, findings: list[Finding]) -> dict[str, Any]:
    rule = settings.rule
    return {"id": rule.id, "title": rule.title, "severity": settings.severity,
            "source": rule.source, "params": dict(settings.params),
            "findings": sum(finding.rule == rule.id for finding in findings)}


def _finding(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "severity": finding.severity,
            "department": finding.department, "file": finding.file, "line": finding.line,
            "field": finding.field, "code": finding.code, "message": finding.message,
            "fix": finding.fix}


def _annual(result: AuditResult) -> dict[str, Any]:
    """The AR-2 table for the year AR-2 is configured for (the year before ``as_of``)."""
    from .annual import annual_report, report_year  # noqa: PLC0415

    settings = result.audit.profile.rules.get("AR-2")
    year = settings.params["year"] if settings else 0
    return annual_report(result.audit, report_year(year, result.audit.as_of))


def to_json(report: dict[str, Any]) -> str:
    """Stable text: sorted keys, fixed indentation, Chinese kept readable."""
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_csv(findings: list[dict[str, Any]]) -> str:
    """One row per finding, both languages, for spreadsheets (UTF-8 with BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for finding in findings:
        writer.writerow([finding["rule"], finding["severity"], finding["department"] or "",
                         finding["file"], finding["line"], finding["field"], finding["code"],
                         finding["message"]["zh"], finding["fix"]["zh"],
                         finding["message"]["en"], finding["fix"]["en"]])
    return "\ufeff" + buffer.getvalue()


def write_data_files(report: dict[str, Any], folder: Path) -> list[Path]:
    """``report.json``, ``report.schema.json``, ``findings.csv`` and the AR-2 CSV into ``folder``."""
    from .annual import annual_csv  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "report.json": to_json(report),
        "report.schema.json": SCHEMA_FILE.read_text("utf-8"),
        "findings.csv": to_csv(report["findings"]),
    }
    annual = report.get("annual_report")
    if annual:
        files[f"annual-{annual['year']}.csv"] = "\ufeff" + annual_csv(annual)
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, "utf-8", newline="")
        written.append(path)
    return written
