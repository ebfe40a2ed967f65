"""The 2019 inspection estimate: single veto first, then capped deductions."""

from __future__ import annotations

from portal_standards.findings import Finding
from portal_standards.registry import all_rules
from portal_standards.scoring import DEDUCTIONS, SINGLE_VETO, inspection

ENABLED = [*SINGLE_VETO, *DEDUCTIONS]


def finding(rule, code, weight=1.0):
    all_rules()
    return Finding(rule, "warning", "demo", "f.md", 1, "", code, {"zh": "问题", "en": "problem"},
                   {"zh": "修复", "en": "fix"}, weight)


def test_no_findings_pass_with_full_marks():
    result = inspection([], ENABLED)
    assert (result["verdict"], result["score"]) == ("pass", 100)
    assert all(veto["passed"] for veto in result["single_veto"])
    assert {entry["rule"] for entry in result["not_assessed"]} >= {"WEB-SV1", "WEB-SV2"}


def test_deductions_are_capped_per_indicator():
    found = [finding("WEB-D2.4", "no_guide")] * 3 + [finding("WEB-D4.3", "broken_link")] * 4 \
        + [finding("WEB-D2.4", "missing_elements", weight=5)]
    result = inspection(found, ENABLED)
    by_rule = {entry["rule"]: entry["deducted"] for entry in result["deductions"]}
    assert by_rule["WEB-D2.4"] == 8  # 3 × 4 + 5 × 0.5 = 14.5, capped at 8
    assert by_rule["WEB-D4.3"] == 0.4
    assert result["score"] == 91.6 and result["verdict"] == "pass"


def test_any_single_veto_fails_whatever_the_score():
    result = inspection([finding("WEB-SV4", "veto_blank")], ENABLED)
    assert result["verdict"] == "fail" and result["score"] == 100
    veto = next(v for v in result["single_veto"] if v["rule"] == "WEB-SV4")
    assert veto["passed"] is False and veto["reasons"] == [{"zh": "问题", "en": "problem"}]


def test_every_assessed_indicator_at_its_cap(monkeypatch):
    found = [finding(rule, code) for rule, table in DEDUCTIONS.items()
             for code in table["points"]] * 10
    result = inspection(found, ENABLED)
    # The indicators a build can judge are worth 36 of the 100 points.
    assert result["score"] == 100 - sum(table["cap"] for table in DEDUCTIONS.values()) == 64
    monkeypatch.setitem(DEDUCTIONS["WEB-D2.4"], "cap", 50)
    result = inspection(found, ENABLED)
    assert result["score"] == 22 and result["verdict"] == "fail"


def test_rules_a_profile_turns_off_are_not_scored():
    result = inspection([finding("WEB-D1.4", "stale")], ["WEB-SV3"])
    assert result["deductions"] == [] and result["score"] == 100
    assert [v["rule"] for v in result["single_veto"]] == ["WEB-SV3"]
