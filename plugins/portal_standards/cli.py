"""``scripts/audit`` (``make audit``): run the standards without rendering the portal.

Prints one summary row per department and every blocking finding with its fix,
and exits non-zero when a blocking finding exists, so it can gate a merge request.

Exit status: 0 no blocking finding; 1 blocking findings; 2 content problems (as
``make check``); 3 a configuration problem (profile, calendar, figures, schemas); 4 the
machine stopped the audit (memory, a killed worker), which says nothing of the portal.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from portal_model.cli import _portal_lang, add_cache_option, as_of_date, cache_folder
from portal_model.errors import PortalError
from portal_model.exhaustion import guarded
from portal_model.loader import load_portal
from portal_model.messages import localized

from .audit import audit_config
from .registry import all_rules
from .report import build_report, write_data_files
from .split import evaluate_split

BLOCKED = 1
AUDITING = localized("checking the portal against its standards", "按标准检查门户")
_LABELS = {
    "zh": ("部门", "信息", "阻断", "警告", "提示", "目录", "规范性文件", "许可", "表格", "指南",
           "2019检查", "全部"),
    "en": ("department", "items", "block", "warn", "info", "catal.", "normat.", "licen.",
           "forms", "guides", "2019", "all"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="audit", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="portal folder holding config/ and content/ (default: .)")
    parser.add_argument("--as-of", help="evaluate every rule as of YYYY-MM-DD (default: today)")
    parser.add_argument("--profile", help="standards profile in config/standards/ "
                                          "(default: standards_profile in config/portal.yaml)")
    parser.add_argument("--department", action="append", default=[],
                        help="only these departments' blocking findings decide the exit status")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the output")
    parser.add_argument("--all", action="store_true", help="print every finding, not only "
                                                            "the blocking ones")
    parser.add_argument("--output", type=Path, help="also write report.json, findings.csv "
                                                    "and the AR-2 CSV into this folder")
    parser.add_argument("--rules", action="store_true", help="list every rule and exit")
    add_cache_option(parser)
    args = parser.parse_args(argv)
    lang = args.lang or _portal_lang(args.root)
    key = "en" if lang.startswith("en") else "zh"
    if args.rules:
        for rule in all_rules().values():
            print(f"{rule.id:10} {rule.severity:8} {rule.title[key]}  {dict(rule.params) or ''}")
        return 0
    started = time.perf_counter()
    root = args.root.resolve()
    try:
        with guarded(AUDITING, lang):
            portal = load_portal(root, today=as_of_date(args.as_of), cache=cache_folder(args))
            profile, calendar = audit_config(portal, root, args.profile)
            result = evaluate_split(portal, profile, as_of_date(args.as_of) or portal.today,
                                    calendar, root)
            report = build_report(result)
    except PortalError as exc:
        print(exc.report(lang), file=sys.stderr)
        return exc.exitcode
    unknown = sorted(set(args.department) - set(portal.departments))
    if unknown:
        print(f"audit: --department: expected one of {', '.join(portal.departments)}, "
              f"got {', '.join(unknown)}", file=sys.stderr)
        return 2
    if args.output:
        write_data_files(report, args.output)
    shown = [f for f in result.findings if args.all or f.severity == "blocking"]
    for finding in shown:
        print(finding.format(lang))
        print(f"    → {finding.fix[key]}")
    if shown:
        print()
    print(summary_table(report, key))
    gate = [f for f in result.blocking if not args.department or f.department in args.department]
    elapsed = time.perf_counter() - started
    totals = report["summary"]
    if key == "zh":
        print(f"\n{totals['findings']} 个问题（阻断 {totals['blocking']}，警告 {totals['warning']}，"
              f"提示 {totals['info']}），标准配置 {report['profile']['name']}，"
              f"截至 {report['as_of']}（{elapsed:.1f} 秒）")
    else:
        print(f"\n{totals['findings']} findings ({totals['blocking']} blocking, "
              f"{totals['warning']} warnings, {totals['info']} info), profile "
              f"{report['profile']['name']}, as of {report['as_of']} ({elapsed:.1f} s)")
    return BLOCKED if gate else 0


def summary_table(report: dict[str, Any], key: str) -> str:
    """One row per department and one for the whole portal, aligned for CJK text."""
    rows = [list(_LABELS[key][:11])]
    for department in report["departments"]:
        rows.append(_row(department["name"] if key == "zh" else department["id"],
                         department["items_published"], department["findings"],
                         department["five_100"], department["inspection_2019"]))
    summary = report["summary"]
    rows.append(_row(_LABELS[key][11], summary["items_published"], summary,
                     report["five_100"], report["inspection_2019"]))
    widths = [max(_width(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [_pad(str(cell), widths[i], left=i == 0) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _row(name: str, items: int, findings: dict[str, int], ratios: list[dict[str, Any]],
         inspection: dict[str, Any]) -> list[Any]:
    percentages = ["-" if r["ratio"] is None else f"{r['ratio'] * 100:.0f}%" for r in ratios]
    verdict = f"{inspection['score']:g} {'✓' if inspection['verdict'] == 'pass' else '✗'}"
    return [name, items, findings["blocking"], findings["warning"], findings["info"],
            *percentages, verdict]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, left: bool) -> str:
    gap = " " * (width - _width(text))
    return text + gap if left else gap + text
