"""An estimate of the 2019 website inspection (国办秘函〔2019〕19号), from the findings.

Single-veto items fail a site outright; otherwise the score is 100 minus the
deductions, each indicator capped at its points (WEB-0.2). Only indicators a
build can judge are scored; the others are listed as not assessed, with why, so
nobody mistakes the estimate for the inspection itself. Departments are scored as
the sites they stand for; the portal as one site over all findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .findings import Finding
from .registry import all_rules

SINGLE_VETO = ("WEB-SV3", "WEB-SV4", "WEB-SV6")
PASS_MARK = 60

DEDUCTIONS: dict[str, dict[str, Any]] = {
    # rule -> the indicator's cap and the points each finding code costs (per unit of weight)
    "WEB-D1.4": {"cap": 5, "points": {"stale": 5, "blank": 5}},
    "WEB-D1.5": {"cap": 5, "points": {"stale": 5, "blank": 5}},
    "WEB-D1.6": {"cap": 5, "points": {"stale": 5, "blank": 5}},
    "WEB-D1.7": {"cap": 3, "points": {"not_interpreted": 1}},
    "WEB-D1.8": {"cap": 3, "points": {"no_link_to_policy": 0.5, "no_link_back": 0.5}},
    "WEB-D1.9": {"cap": 4, "points": {"blank": 2, "stale": 1}},
    "WEB-D2.4": {"cap": 8, "points": {"no_guide": 4, "missing_elements": 0.5, "catch_all": 2}},
    "WEB-D2.6": {"cap": 2, "points": {"form_missing": 1}},
    "WEB-D4.3": {"cap": 1, "points": {"broken_link_home": 0.2, "broken_link": 0.1}},
}

NOT_ASSESSED = {
    # rule -> (title zh, title en, why zh, why en)
    "WEB-SV1": ("安全、泄密事故等严重问题", "Security incidents and serious errors",
                "需人工审读和安全监测", "needs human review and security monitoring"),
    "WEB-SV2": ("站点无法访问", "Site unreachable",
                "属运行监测，构建时无法判断", "measured by operations monitoring, not at build"),
    "WEB-SV5": ("互动回应差", "Poor interaction",
                "本门户不承载互动交流栏目", "the portal hosts no interaction columns"),
    "WEB-D2.2": ("在线申请", "Online application",
                 "静态门户不提供在线申请", "a static portal offers no online application"),
    "WEB-D4.5": ("站内搜索", "Site search",
                 "检索在浏览器端运行，须在浏览器中检验", "search runs in the browser and is "
                 "tested there"),
}


def inspection(findings: Iterable[Finding], enabled: Iterable[str]) -> dict[str, Any]:
    """The simulated inspection over ``findings`` for the rules the profile ``enabled``."""
    findings = list(findings)
    enabled = set(enabled)
    rules = all_rules()
    vetoes = []
    for rule_id in SINGLE_VETO:
        if rule_id not in enabled:
            continue
        reasons = [f.message for f in findings if f.rule == rule_id]
        vetoes.append({"rule": rule_id, "title": rules[rule_id].title,
                       "passed": not reasons, "reasons": reasons})
    deductions, total = [], 0.0
    for rule_id, table in DEDUCTIONS.items():
        if rule_id not in enabled:
            continue
        hits = [f for f in findings if f.rule == rule_id]
        points = sum(table["points"].get(f.code, 0) * f.weight for f in hits)
        deducted = round(min(table["cap"], points), 2)
        total += deducted
        deductions.append({"rule": rule_id, "title": rules[rule_id].title, "cap": table["cap"],
                           "deducted": deducted, "findings": len(hits)})
    score = round(100 - total, 2)
    vetoed = any(not veto["passed"] for veto in vetoes)
    return {
        "verdict": "fail" if vetoed or score < PASS_MARK else "pass",
        "score": score,
        "single_veto": vetoes,
        "deductions": deductions,
        "not_assessed": [{"rule": rule_id, "title": {"zh": zh, "en": en},
                          "why": {"zh": why_zh, "en": why_en}}
                         for rule_id, (zh, en, why_zh, why_en) in NOT_ASSESSED.items()],
    }
