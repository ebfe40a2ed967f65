"""Service-guide and licensing rules: WEB-SV6, WEB-D2.4, WEB-D2.6, SG-1, SG-1c, SG-1d."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import AS_OF, audit_findings, delete_items, write

from portal_model.loader import load_portal
from portal_standards.audit import evaluate, single_rules
from portal_standards.calendar import WorkingCalendar
from portal_standards.registry import all_rules
from portal_standards.rules.guide_elements import (
    DEFAULT_KEY_ELEMENTS,
    catch_all_materials,
    forms_without_download,
    missing_key_elements,
)
from portal_standards.rules.guides import missing_key_elements as exported_for_report

LICENSING = "content/demo/licensing/example.md"
GUIDE = "content/demo/service-guide/example.md"
DEPARTMENT = "config/departments/demo.yaml"
# Fields a service guide may drop (its schema requires none of them) and the class each states.
FOUR_CLASSES = ("place", "fee", "office_hours", "phone_consult", "phone_complaint")
"""Dropping these leaves 4 classes missing: 办理地点, 收费标准, 办理时间, 联系电话."""


# --- editing front matter in the writable fixture copy -------------------------------------

def _front_matter(site: Path, relative: str) -> tuple[list[str], list[str]]:
    text = (site / relative).read_text("utf-8")
    _, head, body = text.split("---\n", 2)
    return head.splitlines(), body.splitlines()


def _save(site: Path, relative: str, head: list[str], body: list[str]) -> None:
    write(site, relative, "---\n" + "\n".join(head) + "\n---\n" + "\n".join(body) + "\n")


def drop(site: Path, relative: str, *names: str) -> None:
    """Remove top-level fields (with their indented continuation lines)."""
    head, body = _front_matter(site, relative)
    kept, skipping = [], False
    for line in head:
        if not line.startswith((" ", "-")):
            skipping = line.split(":", 1)[0] in names
        if not skipping:
            kept.append(line)
    assert len(kept) < len(head), f"none of {names} in {relative}"
    _save(site, relative, kept, body)


def put(site: Path, relative: str, name: str, value: str) -> None:
    """Set a one-line top-level field, replacing it or adding it."""
    head, body = _front_matter(site, relative)
    head = [line for line in head if not line.startswith(f"{name}:")] + [f"{name}: {value}"]
    _save(site, relative, head, body)


def replace(site: Path, relative: str, old: str, new: str) -> None:
    text = (site / relative).read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    write(site, relative, text.replace(old, new, 1))


def copy_guide(site: Path, number: int) -> str:
    """Another published service guide for the same service item, with its own 索引号."""
    relative = f"content/demo/service-guide/copy-{number}.md"
    text = (site / GUIDE).read_text("utf-8")
    write(site, relative, text.replace("2025-00005", f"2025-{100 + number:05d}")
          .replace("title: 示范服务证明开具", f"title: 示范服务证明开具（副本{number}）"))
    return relative


def unlink_form_from_licensing(site: Path) -> None:
    """The fixture's form page links the licensing item: unlink it before withholding that."""
    replace(site, "content/demo/form/example.md", "[示范场所经营许可](../licensing/example.md)",
            "示范场所经营许可")


def codes(findings) -> list[tuple[str, str]]:
    return [(finding.rule, finding.code) for finding in findings]


def run_audit(site: Path, *rule_ids: str):
    portal = load_portal(site, today=AS_OF)
    return evaluate(portal, single_rules(*rule_ids), AS_OF, WorkingCalendar(), site)


# --- the fixture is clean ------------------------------------------------------------------

def test_the_fixture_has_only_its_unguided_licensing_entry(site):
    found = audit_findings(site, "WEB-SV6", "WEB-D2.4", "WEB-D2.6", "SG-1", "SG-1c", "SG-1d")
    assert [(f.rule, f.code, f.file, f.field) for f in found] == [
        ("WEB-D2.4", "no_guide", DEPARTMENT, "licensing_items[1]")]


def test_the_report_can_import_missing_key_elements_from_guides():
    assert exported_for_report is missing_key_elements


# --- WEB-SV6 ---------------------------------------------------------------------------------

def test_sv6_vetoes_when_every_one_of_fewer_than_five_guides_misses_four(site):
    drop(site, GUIDE, *FOUR_CLASSES)
    drop(site, LICENSING, *FOUR_CLASSES)
    [veto] = audit_findings(site, "WEB-SV6")
    assert (veto.code, veto.severity, veto.file, veto.field) == ("veto", "blocking", DEPARTMENT, "")
    assert "《示范场所经营许可》（缺 4 类）" in veto.message["zh"]
    assert "《示范服务证明开具》（缺 4 类）" in veto.message["zh"]
    assert veto.message["en"].startswith("2 of the department's 2 service guides")


def test_sv6_passes_when_one_of_few_guides_is_good_enough(site):
    drop(site, GUIDE, *FOUR_CLASSES)
    assert audit_findings(site, "WEB-SV6") == []


def test_sv6_counts_three_missing_classes_as_below_the_threshold(site):
    drop(site, LICENSING, *FOUR_CLASSES)
    drop(site, GUIDE, "place", "fee", "office_hours")
    assert audit_findings(site, "WEB-SV6") == []
    assert codes(audit_findings(site, "WEB-SV6", missing_threshold=3)) == [("WEB-SV6", "veto")]


def test_sv6_vetoes_five_bad_guides_even_among_good_ones(site):
    for number in range(5):
        drop(site, copy_guide(site, number), *FOUR_CLASSES)
    [veto] = audit_findings(site, "WEB-SV6")
    assert veto.message["en"].startswith("5 of the department's 7 service guides")
    assert "副本4" in veto.message["zh"] and "示范场所经营许可" not in veto.message["zh"]


def test_sv6_passes_four_bad_guides_among_good_ones(site):
    for number in range(4):
        drop(site, copy_guide(site, number), *FOUR_CLASSES)
    assert audit_findings(site, "WEB-SV6") == []
    assert codes(audit_findings(site, "WEB-SV6", guides_threshold=4)) == [("WEB-SV6", "veto")]


def test_sv6_reports_a_department_with_services_but_no_published_guide(site):
    put(site, GUIDE, "draft", "true")
    put(site, LICENSING, "classification", "on-request")
    unlink_form_from_licensing(site)
    [finding] = audit_findings(site, "WEB-SV6")
    assert (finding.code, finding.file) == ("no_services", DEPARTMENT)
    assert "3 个" in finding.message["zh"]


def test_sv6_exempts_a_department_without_service_lists(site):
    delete_items(site, GUIDE, LICENSING, "content/demo/licensing/example.en.md")
    unlink_form_from_licensing(site)
    text = (site / DEPARTMENT).read_text("utf-8")
    write(site, DEPARTMENT, re.sub(r"licensing_items:.*?(?=normative_documents:)",
                                   "licensing_items: []\nservice_items: []\n", text, flags=re.S))
    assert audit_findings(site, "WEB-SV6", "WEB-D2.4") == []


def test_sv6_and_d24_share_one_key_element_count(site):
    drop(site, GUIDE, "place")
    result = run_audit(site, "WEB-SV6", "WEB-D2.4")
    gaps = result.audit.facts["key_elements"]
    assert {item.title: missing for item, missing in gaps["demo"]} == {
        "示范场所经营许可": [], "示范服务证明开具": ["办理地点"]}


# --- WEB-D2.4 --------------------------------------------------------------------------------

def test_d24_reports_each_missing_class_with_its_weight(site):
    drop(site, GUIDE, "office_hours", "place")
    [finding] = [f for f in audit_findings(site, "WEB-D2.4") if f.code == "missing_elements"]
    assert (finding.file, finding.field, finding.weight) == (GUIDE, "place", 2)
    assert finding.message["zh"] == "办事指南缺少 2 类重点要素：办理地点、办理时间"
    assert "place、office_hours" in finding.fix["zh"]


@pytest.mark.parametrize(("dropped", "missing"), [
    (("phone_consult",), []),
    (("phone_consult", "phone_complaint"), ["联系电话"]),
    (("handling_body",), []),
    (("handling_body", "implementing_body"), ["办理机构"]),
])
def test_d24_accepts_any_one_field_of_a_class(site, dropped, missing):
    drop(site, GUIDE, *dropped)
    found = [f for f in audit_findings(site, "WEB-D2.4") if f.code == "missing_elements"]
    assert [f.message["zh"].rsplit("：", 1)[1] for f in found] == (["、".join(missing)]
                                                                 if missing else [])


def test_d24_reports_each_list_entry_without_a_published_guide(site):
    put(site, GUIDE, "draft", "true")
    found = [f for f in audit_findings(site, "WEB-D2.4") if f.code == "no_guide"]
    lines = (site / DEPARTMENT).read_text("utf-8").splitlines()
    assert [(f.field, lines[f.line - 1]) for f in found] == [
        ("licensing_items[1]", '  - code: "000199002000"'),
        ("service_items[0]", '  - code: "CS-SFJ-GG-001"')]
    assert "政务服务事项清单第 1 项「示范服务证明开具」（编码 CS-SFJ-GG-001）" in found[1].message["zh"]


def test_d24_lets_a_service_guide_answer_a_licensing_entry(site):
    replace(site, GUIDE, "item_code: CS-SFJ-GG-001", 'item_code: "000199002000"')
    found = [f.field for f in audit_findings(site, "WEB-D2.4") if f.code == "no_guide"]
    assert found == ["service_items[0]"]


@pytest.mark.parametrize("name", [
    "根据有关法律法规规定应提交的其他材料",
    "其他相关材料",
    "其他材料",
    "相关材料",
    "营业执照等材料",
    "审批机关认为需要提供的其他材料",
])
def test_d24_flags_catch_all_material_names(site, name):
    replace(site, LICENSING, "name: 经营场地平面图", f"name: {name}")
    [finding] = [f for f in audit_findings(site, "WEB-D2.4") if f.code == "catch_all"]
    assert (finding.file, finding.field) == (LICENSING, "materials[2].name")
    assert name in finding.message["zh"]


@pytest.mark.parametrize("name", [
    "劳动合同或其他能证明劳动关系的材料",
    "与投诉事项相关的证明材料",
    "购物凭证、服务单据、合同、聊天记录等证据材料",
    "与食品经营相适应的主要设备设施、经营布局、操作流程等文件",
    "随行家属相关证明材料",
])
def test_d24_leaves_specific_material_names_alone(name):
    patterns = all_rules()["WEB-D2.4"].params["catch_all_patterns"]
    assert list(catch_all_materials(SimpleNamespace(meta={"materials": [{"name": name}]}),
                                    patterns)) == []


# --- WEB-D2.6 --------------------------------------------------------------------------------

def test_d26_reports_a_form_without_a_download(site):
    replace(site, LICENSING, "    form: ../files/permit-application.docx\n", "")
    [finding] = audit_findings(site, "WEB-D2.6")
    assert (finding.code, finding.file, finding.field) == ("form_missing", LICENSING,
                                                           "materials[0].name")
    assert "示范场所经营许可申请书" in finding.message["zh"]


def test_d26_exempts_a_form_the_online_system_fills_in(site):
    replace(site, LICENSING, "    form: ../files/permit-application.docx\n",
            "    note: 在政务服务网在线填写。\n")
    assert audit_findings(site, "WEB-D2.6") == []


@pytest.mark.parametrize(("name", "is_form"), [
    ("食品经营许可申请书", True),
    ("社会保障卡申领登记表", True),
    ("公共场所卫生许可告知承诺书", True),
    ("母婴保健技术服务执业许可申请登记书", True),
    ("法定代表人身份证明", False),
    ("医疗机构法定代表人或者主要负责人名录", False),
    ("放射诊疗设备清单", False),
    ("授权委托书及被授权人身份证明", False),
    ("计量标准履历书和管理制度文件", False),
    ("企业名称自主申报承诺书（系统在线生成）", False),
])
def test_d26_recognises_forms_by_name(name, is_form):
    params = all_rules()["WEB-D2.6"].params
    item = SimpleNamespace(meta={"materials": [{"name": name}]})
    found = list(forms_without_download(item, params["form_name_pattern"],
                                        params["no_download_needed_pattern"]))
    assert found == ([(0, name)] if is_form else [])


# --- SG-1 ------------------------------------------------------------------------------------

def test_sg1_lists_every_missing_art30_element_once(site):
    drop(site, LICENSING, "quantity_limit", "sample_form", "rights_obligations")
    [finding] = audit_findings(site, "SG-1")
    assert (finding.code, finding.severity, finding.field, finding.weight) == (
        "missing", "blocking", "quantity_limit", 3)
    assert finding.message["zh"].endswith(
        "数量限制（quantity_limit）、申请书示范文本（sample_form）、申请人权利和义务（rights_obligations）")
    assert "sample_form (申请书示范文本)" in finding.message["en"]


def test_sg1_checks_licensing_items_only(site):
    drop(site, GUIDE, "quantity_limit", "basis")
    assert audit_findings(site, "SG-1") == []


def test_sg1_takes_its_field_list_from_the_profile(site):
    drop(site, LICENSING, "place")
    assert audit_findings(site, "SG-1") == []
    [finding] = audit_findings(site, "SG-1", required_fields=["place"])
    assert "办理地点（place）" in finding.message["zh"]


# --- SG-1c -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "basis", "expected"), [
    (25, False, [("SG-1c", "basis_missing")]),
    (25, True, []),
    (20, False, []),
])
def test_sg1c_needs_a_basis_beyond_twenty_working_days(site, days, basis, expected):
    put(site, GUIDE, "statutory_time_limit", str(days))
    if not basis:
        drop(site, GUIDE, "time_limit_basis")
    found = audit_findings(site, "SG-1c")
    assert codes(found) == expected
    if expected:
        assert (found[0].file, found[0].field) == (GUIDE, "statutory_time_limit")
        assert "25 个工作日，超过 20" in found[0].message["zh"]


def test_sg1c_reports_a_promise_longer_than_the_law(site):
    put(site, LICENSING, "promised_time_limit", "12")
    [finding] = audit_findings(site, "SG-1c")
    assert (finding.code, finding.field) == ("promise_exceeds", "promised_time_limit")
    assert finding.message["en"] == ("the promised time limit (12 working days) is longer than "
                                     "the statutory one (10)")


def test_sg1c_accepts_a_promise_equal_to_the_law_and_guides_without_limits(site):
    put(site, LICENSING, "promised_time_limit", "10")
    drop(site, GUIDE, "statutory_time_limit", "time_limit_basis")
    put(site, GUIDE, "promised_time_limit", "30")
    assert audit_findings(site, "SG-1c") == []


# --- SG-1d -----------------------------------------------------------------------------------

def test_sg1d_reports_a_fee_without_a_basis(site):
    put(site, GUIDE, "fee", "{amount: 50, standard: 每份 50 元}")
    [finding] = audit_findings(site, "SG-1d")
    assert (finding.code, finding.file, finding.field) == ("fee_basis_missing", GUIDE,
                                                           "fee.amount")
    assert finding.message["zh"].startswith("收费 50 元")


@pytest.mark.parametrize("fee", ["{amount: 0, standard: 不收费}",
                                 "{amount: 50, standard: 每份 50 元, basis: 《某收费条例》第三条}"])
def test_sg1d_accepts_free_items_and_fees_with_a_basis(site, fee):
    put(site, GUIDE, "fee", fee)
    assert audit_findings(site, "SG-1d") == []


def test_withheld_guides_are_never_reported(site):
    put(site, GUIDE, "fee", "{amount: 50, standard: 每份 50 元}")
    put(site, GUIDE, "promised_time_limit", "30")
    replace(site, GUIDE, "    form: ../files/certificate-application.docx\n", "")
    drop(site, GUIDE, *FOUR_CLASSES)
    put(site, GUIDE, "draft", "true")
    found = audit_findings(site, "WEB-D2.4", "WEB-D2.6", "SG-1c", "SG-1d")
    assert all(f.file != GUIDE for f in found)


# --- the shared element logic ----------------------------------------------------------------

def test_missing_key_elements_counts_unstated_values_as_missing():
    meta = {"title": "某事项", "basis": [], "conditions": ["x"], "materials": [{"name": "x"}],
            "place": "  ", "handling_body": "某科", "fee": {"amount": 0, "standard": "不收费"},
            "office_hours": "工作日", "phone_complaint": "0599-1", "procedure": [{"step": "x"}]}
    assert missing_key_elements(SimpleNamespace(meta=meta), DEFAULT_KEY_ELEMENTS) == [
        "设定依据", "办理地点"]
