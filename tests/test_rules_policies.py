"""Policy and interpretation rules (WEB-D1.7, WEB-D1.8, WEB-B2, POL-4, POL-9), Zhengzhou profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AS_OF, audit_findings, write

from portal_model.loader import load_portal
from portal_model.schemas import SchemaSet
from portal_standards.audit import evaluate, single_rules
from portal_standards.calendar import WorkingCalendar
from portal_standards.profiles import load_profile
from portal_standards.registry import all_rules

POLICY = "content/demo/policy/example.md"
REPEALED = "content/demo/policy/repealed.md"
INTERPRETATION = "content/demo/interpretation/example.md"
LICENSING = "content/demo/licensing/example.md"
POLICY_NO = "11339900000000001A/2025-00001"


def edit(site: Path, relative: str, old: str, new: str) -> None:
    text = (site / relative).read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    write(site, relative, text.replace(old, new, 1))


def add_policy(site: Path, serial: int, *extra: str, doc_type: str = "行政规范性文件") -> str:
    """Another published policy in force, with no interpretation; returns its path."""
    relative = f"content/demo/policy/extra-{serial}.md"
    head = [f"index_no: 11339900000000001A/2025-{serial:05d}", f"title: 测试市示范局第{serial}号文件",
            f"doc_no: 测示规〔2025〕{serial}号", f"doc_type: {doc_type}", *extra]
    write(site, relative, "---\ntype: policy\n" + "\n".join(head) + """
summary: 一份用于测试的政策文件。
published_date: 2025-06-02
formed_date: 2025-05-28
topic: 综合政务
disclosure_category: 1
classification: public
written_date: 2025-05-28
effective_date: 2025-06-02
validity: 有效
---
正文。
""")
    return relative


def add_interpretation(site: Path, serial: int, interprets: str, published: str,
                       *extra: str) -> str:
    relative = f"content/demo/interpretation/extra-{serial}.md"
    write(site, relative, f"""---
type: interpretation
index_no: 11339900000000001A/2025-{serial:05d}
title: 第{serial}号解读
summary: 解读一份测试文件的背景和主要内容。
published_date: {published}
formed_date: 2025-03-03
topic: 综合政务
disclosure_category: 1
classification: public
interprets: {interprets}
""" + "".join(f"{line}\n" for line in extra) + "---\n解读正文。\n")
    return relative


def found(findings) -> list[tuple[str, str, str, int, str]]:
    return [(f.rule, f.code, f.file, f.line, f.field) for f in findings]


def line_of(site: Path, relative: str, start: str) -> int:
    lines = (site / relative).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.lstrip().startswith(start))


# --- WEB-D1.7 ------------------------------------------------------------------------------

def test_d17_interpreted_policy_passes(site):
    assert audit_findings(site, "WEB-D1.7") == []


def test_d17_policy_without_interpretation(site):
    relative = add_policy(site, 101)
    findings = audit_findings(site, "WEB-D1.7")
    assert found(findings) == [("WEB-D1.7", "not_interpreted", relative,
                                line_of(site, relative, "doc_type:"), "doc_type")]
    assert "11339900000000001A/2025-00101" in findings[0].fix["zh"]
    assert findings[0].message["en"].startswith("this 行政规范性文件 is in force")


def test_d17_explicit_flag_wins_over_doc_type(site):
    skipped = add_policy(site, 101, "needs_interpretation: false")
    wanted = add_policy(site, 102, "needs_interpretation: true", doc_type="其他文件")
    add_policy(site, 103, doc_type="其他文件")
    findings = audit_findings(site, "WEB-D1.7")
    assert found(findings) == [("WEB-D1.7", "not_interpreted", wanted,
                                line_of(site, wanted, "needs_interpretation:"),
                                "needs_interpretation")]
    assert skipped not in [f.file for f in findings]


def test_d17_doc_types_parameter(site):
    add_policy(site, 101, doc_type="规章")
    add_policy(site, 102)
    findings = audit_findings(site, "WEB-D1.7", interpreted_doc_types=["规章"])
    assert [f.file for f in findings] == ["content/demo/policy/extra-101.md"]


def test_d17_only_documents_in_force(site):
    relative = add_policy(site, 101)
    edit(site, relative, "validity: 有效", "validity: 已失效\nvalidity_changed_date: 2026-01-05")
    assert audit_findings(site, "WEB-D1.7") == []


def test_d17_withheld_interpretation_does_not_count(site):
    relative = add_policy(site, 101)
    add_interpretation(site, 201, "11339900000000001A/2025-00101", "2025-06-03", "draft: true")
    assert [f.file for f in audit_findings(site, "WEB-D1.7")] == [relative]
    edit(site, "content/demo/interpretation/extra-201.md", "draft: true\n", "")
    assert audit_findings(site, "WEB-D1.7") == []


# --- WEB-D1.8 ------------------------------------------------------------------------------

def _run(portal, *rule_ids, **params):
    return evaluate(portal, single_rules(*rule_ids, **params), AS_OF, WorkingCalendar()).findings


def test_d18_linked_both_ways_passes(site):
    assert audit_findings(site, "WEB-D1.8") == []


def test_d18_missing_link_back(site):
    portal = load_portal(site, today=AS_OF)
    portal.referrers[POLICY_NO] = [item for item in portal.referrers[POLICY_NO]
                                   if item.type != "interpretation"]
    findings = _run(portal, "WEB-D1.8")
    assert found(findings) == [("WEB-D1.8", "no_link_back", INTERPRETATION,
                                line_of(site, INTERPRETATION, "interprets:"), "interprets")]
    assert "测试市示范局关于规范示范场所经营管理的若干规定" in findings[0].message["zh"]


def test_d18_interprets_no_published_policy(site):
    portal = load_portal(site, today=AS_OF)
    portal.by_index_no[POLICY_NO].withheld = "draft"  # loading refuses this; the rule guards
    findings = _run(portal, "WEB-D1.8")
    assert [(f.code, f.file) for f in findings] == [("no_link_to_policy", INTERPRETATION)]
    # Nor may it name the withheld policy's title.
    assert "若干规定" not in findings[0].message["zh"]


def test_d18_interprets_something_else(site):
    portal = load_portal(site, today=AS_OF)
    interpretation = portal.by_source[INTERPRETATION]
    interpretation.meta["interprets"] = "11339900000000001A/2025-00004"  # the licensing item
    assert [f.code for f in _run(portal, "WEB-D1.8")] == ["no_link_to_policy"]


def test_d18_the_written_pages_are_scanned_for_both_links(site, tmp_path):
    """The theme writes the links; pages without them are findings, each page named."""
    from portal_standards.sitescan import scan  # noqa: PLC0415

    portal = load_portal(site, today=AS_OF)
    interpretation = portal.by_source[INTERPRETATION]
    policy = portal.by_index_no[POLICY_NO]
    result = evaluate(portal, single_rules("WEB-D1.8"), AS_OF, WorkingCalendar())
    output = tmp_path / "output"
    for item, links in ((interpretation, ""), (policy, "")):
        (output / item.url).mkdir(parents=True)
        (output / item.url / "index.html").write_text(f"<p>{links}</p>", "utf-8")
    findings = scan(result, output, "https://example.gov.cn", tmp_path / "theme")
    assert [(f.code, f.file, f.field) for f in findings] == [
        ("page_no_link_to_policy", INTERPRETATION, "interprets"),
        ("page_no_link_back", INTERPRETATION, "interprets")]
    assert f"/{interpretation.url}" in findings[0].message["en"]
    assert f"/{policy.url}" in findings[1].message["zh"] and policy.title in findings[1].message["zh"]
    (output / interpretation.url / "index.html").write_text(
        f'<a href="/{policy.url}">原文</a>', "utf-8")
    (output / policy.url / "index.html").write_text(f'<a href="/{interpretation.url}">解读</a>',
                                                    "utf-8")
    assert scan(result, output, "https://example.gov.cn", tmp_path / "theme") == []


# --- WEB-B2 --------------------------------------------------------------------------------

def test_b2_linked_and_national_bases_pass(site):
    assert audit_findings(site, "WEB-B2") == []


def test_b2_local_document_not_in_library(site):
    edit(site, LICENSING, "  - {name: 《中华人民共和国行政许可法》",
         "  - {name: 《测试市示范局示范场所巡查办法》}\n  - {name: 《中华人民共和国行政许可法》")
    findings = audit_findings(site, "WEB-B2")
    assert found(findings) == [("WEB-B2", "basis_not_in_library", LICENSING,
                                line_of(site, LICENSING, "- {name: 《测试市示范局示范场所巡查办法》"),
                                "basis[1].name")]
    assert findings[0].severity == "info"
    assert "《测试市示范局示范场所巡查办法》" in findings[0].message["zh"]


@pytest.mark.parametrize("name", [
    "测试市示范局关于规范示范场所经营管理的若干规定",
    "《测试市示范局关于规范示范场所经营管理的若干规定》",
    "《测试市示范局关于规范示范场所经营管理的若干规定》（测示规〔2025〕2号）",
])
def test_b2_cited_by_the_policy_title(site, name):
    edit(site, LICENSING, "  - {name: 测试市示范局关于规范示范场所经营管理的若干规定, "
                          "policy: 11339900000000001A/2025-00001}", f"  - {{name: {name}}}")
    assert audit_findings(site, "WEB-B2") == []


def test_b2_title_of_another_item_type_does_not_count(site):
    # The licensing item's own title is not a policy title.
    edit(site, LICENSING, "  - {name: 测试市示范局关于规范示范场所经营管理的若干规定, "
                          "policy: 11339900000000001A/2025-00001}", "  - {name: 《示范场所经营许可》}")
    assert [f.field for f in audit_findings(site, "WEB-B2")] == ["basis[2].name"]


@pytest.mark.parametrize(("name", "national"), [
    ("《中华人民共和国食品安全法》", True),
    ("《医疗机构管理条例》", True),
    ("《医疗机构管理条例实施细则》", True),
    ("《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）", True),
    ("《道路旅客运输及客运站管理规定》（交通运输部令2020年第17号）", True),
    ("《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）", True),
    ("《国家卫生计生委 公安部关于启用新版〈出生医学证明〉的通知》（国卫妇幼发〔2013〕52号）", True),
    ("《测试市示范局关于示范场所的通知》（测示发〔2025〕3号）", False),
    ("《测试市示范场所巡查办法》", False),  # 办法 is not 法
    ("《测试省示范场所管理规定》", False),
])
def test_b2_national_law_pattern(site, name, national):
    edit(site, LICENSING, "《中华人民共和国行政许可法》", name)
    assert (audit_findings(site, "WEB-B2") == []) is national


def test_b2_pattern_is_a_parameter(site):
    findings = audit_findings(site, "WEB-B2", national_law_pattern="^《中华人民共和国")
    # The local 条例 both guides cite is now reported.
    assert [(f.file, f.field) for f in findings] == [(LICENSING, "basis[0].name"),
                                                     ("content/demo/service-guide/example.md",
                                                      "basis[0].name")]


def test_b2_service_guides_too_and_not_translations(site):
    guide = "content/demo/service-guide/example.md"
    edit(site, guide, "  - {name: 测试市示范局关于规范示范场所经营管理的若干规定, "
                      "policy: 11339900000000001A/2025-00001}", "  - {name: 示范服务工作规范}")
    assert [(f.file, f.field) for f in audit_findings(site, "WEB-B2")] == [(guide, "basis[1].name")]


# --- POL-4 ---------------------------------------------------------------------------------

def test_pol4_valid_dates_pass(site):
    assert audit_findings(site, "POL-4") == []


def test_pol4_expired_but_marked_valid(site):
    edit(site, POLICY, "expiry_date: 2030-03-31", "expiry_date: 2026-11-01")
    findings = audit_findings(site, "POL-4")
    assert found(findings) == [("POL-4", "expired_but_valid", POLICY,
                                line_of(site, POLICY, "expiry_date:"), "expiry_date")]
    assert "2026-11-01" in findings[0].message["zh"] and "20 天" in findings[0].message["zh"]


@pytest.mark.parametrize(("expiry", "codes"), [
    ("2026-11-20", ["expired_but_valid"]),
    ("2026-11-21", ["expiring_soon"]),      # valid through its last day
    ("2027-05-20", ["expiring_soon"]),      # 180 days ahead
    ("2027-05-21", []),
])
def test_pol4_expiry_edges(site, expiry, codes):
    edit(site, POLICY, "expiry_date: 2030-03-31", f"expiry_date: {expiry}")
    assert [f.code for f in audit_findings(site, "POL-4")] == codes


def test_pol4_warn_days_parameter(site):
    edit(site, POLICY, "expiry_date: 2030-03-31", "expiry_date: 2027-01-31")
    assert [f.message["en"] for f in audit_findings(site, "POL-4")] == [
        "it expires on 2027-01-31, in 71 days"]
    assert audit_findings(site, "POL-4", warn_days=30) == []


def test_pol4_expired_document_marked_expired_passes(site):
    edit(site, POLICY, "expiry_date: 2030-03-31\nvalidity: 有效",
         "expiry_date: 2026-03-31\nvalidity: 已失效\nvalidity_changed_date: 2026-04-01")
    assert audit_findings(site, "POL-4") == []


def _amend(site: Path) -> None:
    """The repealed document becomes 已修订, replaced by the example policy."""
    edit(site, REPEALED, "validity: 已废止",
         "validity: 已修订\nsuperseded_by: 11339900000000001A/2025-00001")


def test_pol4_successor_in_force_passes(site):
    _amend(site)
    assert audit_findings(site, "POL-4") == []


def test_pol4_successor_not_in_force(site):
    _amend(site)
    edit(site, POLICY, "validity: 有效", "validity: 已废止\nvalidity_changed_date: 2026-01-05")
    findings = audit_findings(site, "POL-4")
    assert found(findings) == [("POL-4", "successor_not_valid", REPEALED,
                                line_of(site, REPEALED, "superseded_by:"), "superseded_by")]
    assert "已废止" in findings[0].message["zh"] and POLICY_NO in findings[0].message["en"]


def test_pol4_successor_not_published(site):
    _amend(site)
    portal = load_portal(site, today=AS_OF)
    portal.by_index_no[POLICY_NO].withheld = "draft"  # loading refuses this; the rule guards
    findings = _run(portal, "POL-4")
    assert [(f.code, f.file) for f in findings] == [("successor_not_valid", REPEALED)]
    assert "not a published policy" in findings[0].message["en"]


# --- POL-9 ---------------------------------------------------------------------------------

def test_pol9_within_three_working_days_passes(site):
    # Policy published Monday 2025-03-03, interpretation Wednesday 2025-03-05: 2 working days.
    assert audit_findings(site, "POL-9") == []
    edit(site, INTERPRETATION, "published_date: 2025-03-05", "published_date: 2025-03-06")
    assert audit_findings(site, "POL-9") == []  # exactly 3


def test_pol9_late_interpretation(site):
    edit(site, INTERPRETATION, "published_date: 2025-03-05", "published_date: 2025-03-10")
    findings = audit_findings(site, "POL-9")
    assert found(findings) == [("POL-9", "late_interpretation", INTERPRETATION,
                                line_of(site, INTERPRETATION, "published_date:"), "published_date")]
    assert findings[0].message["en"] == (
        "“测试市示范局关于规范示范场所经营管理的若干规定” was published on 2025-03-03 and this "
        "interpretation on 2025-03-10: 5 working days later, over the limit of 3 "
        "(due by 2025-03-06)")


def test_pol9_counts_working_days_not_calendar_days(site):
    # Friday 2025-01-24 to Wednesday 2025-02-05 is 12 days but spans the Spring Festival:
    # the working days after the Friday are 26 Jan (a make-up Sunday), 27 Jan and 5 Feb.
    edit(site, POLICY, "published_date: 2025-03-03", "published_date: 2025-01-24")
    edit(site, POLICY, "formed_date: 2025-02-20", "formed_date: 2025-01-20")
    edit(site, POLICY, "written_date: 2025-02-20", "written_date: 2025-01-20")
    edit(site, INTERPRETATION, "published_date: 2025-03-05", "published_date: 2025-02-05")
    edit(site, INTERPRETATION, "formed_date: 2025-03-03", "formed_date: 2025-02-03")
    assert audit_findings(site, "POL-9") == []


def test_pol9_judges_the_first_interpretation(site):
    add_interpretation(site, 201, POLICY_NO, "2025-09-01")  # a later, extra interpretation
    assert audit_findings(site, "POL-9") == []
    edit(site, INTERPRETATION, "published_date: 2025-03-05", "published_date: 2025-10-09")
    assert [f.file for f in audit_findings(site, "POL-9")] == [
        "content/demo/interpretation/extra-201.md"]


def test_pol9_limit_parameter(site):
    assert [f.code for f in audit_findings(site, "POL-9", working_days=1)] == [
        "late_interpretation"]


# --- the Zhengzhou profile -----------------------------------------------------------------

def _profile(site: Path, name: str):
    return load_profile(site, name, SchemaSet(site / "config" / "schemas"), all_rules())


def test_zhengzhou_profile_adds_pol9_and_blocks_uninterpreted_policies(site):
    national, zhengzhou = _profile(site, "national"), _profile(site, "zhengzhou")
    assert "POL-9" not in national.rules
    assert zhengzhou.chain == ("zhengzhou", "national")
    assert zhengzhou.rules["POL-9"].params == {"working_days": 3}
    assert zhengzhou.rules["POL-9"].severity == "warning"
    assert national.rules["WEB-D1.7"].severity == "warning"
    assert zhengzhou.rules["WEB-D1.7"].severity == "blocking"
    assert set(national.rules) < set(zhengzhou.rules)


def test_zhengzhou_profile_runs(site):
    add_policy(site, 101)
    portal = load_portal(site, today=AS_OF)
    findings = evaluate(portal, _profile(site, "zhengzhou"), AS_OF, WorkingCalendar(),
                        site).findings
    uninterpreted = [f for f in findings if f.rule == "WEB-D1.7"]
    assert [(f.severity, f.file) for f in uninterpreted] == [
        ("blocking", "content/demo/policy/extra-101.md")]
