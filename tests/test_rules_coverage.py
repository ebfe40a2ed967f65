"""SG-11 (the five 100%) and OGI-20/OGI-21 (categories) on the fixture site."""

from __future__ import annotations

from conftest import AS_OF, audit_findings, delete_items
from portal_model.loader import load_portal
from portal_standards.audit import evaluate, single_rules
from portal_standards.calendar import WorkingCalendar
from portal_standards.rules.coverage import measure

DEPARTMENT = "config/departments/demo.yaml"


def ratios(site):
    portal = load_portal(site, today=AS_OF)
    result = evaluate(portal, single_rules("SG-11"), AS_OF, WorkingCalendar(), site)
    return {key: (r.published, r.required) for key, r in
            result.audit.facts["five_100"]["demo"].items()}, result.findings


def replace(site, relative, old, new):
    path = site / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), "utf-8")


def drop_line(site, relative, start):
    path = site / relative
    lines = path.read_text("utf-8").split("\n")
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, (relative, start)
    path.write_text("\n".join(kept), "utf-8")


def test_fixture_ratios_are_exact(site):
    counted, findings = ratios(site)
    # Item (十三) is declared and has no item (OGI-20 reports it), hence 11 of 12.
    assert counted == {"catalogue": (11, 12), "normative_documents": (2, 2),
                       "licensing_items": (1, 2), "forms": (2, 2), "service_guides": (1, 1)}
    assert [(f.code, f.file, f.line, f.field) for f in findings] == [
        ("licensing_unpublished", DEPARTMENT, 31, "licensing_items[1]")]


def test_removed_and_blanked_items_lower_each_ratio(site):
    (site / "content/demo/policy/repealed.md").unlink()  # 测示规〔2025〕1号
    drop_line(site, "content/demo/service-guide/example.md", "place:")
    replace(site, "content/demo/licensing/example.md",
            "    form: ../files/permit-application.docx\n", "")
    delete_items(site, "content/demo/statistics/example.md")  # the only category 4 item
    counted, findings = ratios(site)
    assert counted == {"catalogue": (10, 12), "normative_documents": (1, 2),
                       "licensing_items": (1, 2), "forms": (1, 2), "service_guides": (0, 1)}
    assert sorted((f.code, f.file) for f in findings) == [
        ("form_missing", "content/demo/licensing/example.md"),
        ("guide_incomplete", "content/demo/service-guide/example.md"),
        ("licensing_unpublished", DEPARTMENT),
        ("normative_unpublished", DEPARTMENT)]
    incomplete = next(f for f in findings if f.code == "guide_incomplete")
    assert incomplete.message["zh"] == "办事指南缺少要素：办理地点"


def test_unpublished_withheld_items_do_not_count(site):
    replace(site, "content/demo/licensing/example.md", "classification: public",
            "classification: on-request")
    (site / "content/demo/licensing/example.en.md").unlink()
    replace(site, "content/demo/form/example.md", "[示范场所经营许可](../licensing/example.md)",
            "示范场所经营许可")
    counted, findings = ratios(site)
    assert counted["licensing_items"] == (0, 2)
    # The report never names a withheld item: the gap is located in the department's list.
    assert all(f.file == DEPARTMENT for f in findings if f.code == "licensing_unpublished")


def test_categories_need_items_or_a_reason(site):
    found = audit_findings(site, "OGI-20", "OGI-21")
    assert [(f.rule, f.code, f.field) for f in found if f.file == DEPARTMENT] == [
        ("OGI-20", "category_empty", "disclosure_categories[10]")]
    assert found[0].message["zh"] == "声明适用第二十条第（十三）项，但没有已发布的信息，也没有说明原因"
    replace(site, DEPARTMENT, "licensing_items:", "empty_category_reasons:\n  \"13\": 本局不承担"
            "监督检查职能。\nlicensing_items:")
    found = audit_findings(site, "OGI-20")
    assert not [f for f in found if f.code == "category_empty"]


def test_undeclared_and_wrong_level_categories(site):
    found = audit_findings(site, "OGI-20")
    undeclared = sorted(f.file for f in found if f.code == "undeclared_category")
    assert "content/demo/news/example.md" in undeclared  # category 15 is not declared
    replace(site, DEPARTMENT, "disclosure_categories: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14]",
            "disclosure_categories: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 筹资筹劳]")
    found = audit_findings(site, "OGI-20", "OGI-21")
    assert not [f for f in found if f.code == "undeclared_category"]
    wrong = [f for f in found if f.code == "wrong_level"]
    assert [(f.rule, f.field) for f in wrong] == [("OGI-21", "disclosure_categories[13]")]
    assert "city" in wrong[0].message["en"]


def test_category_two_is_covered_by_the_profile_page(site):
    # With nothing filed under item (二), the department profile still publishes it.
    replace(site, "content/demo/personnel/example.md", "disclosure_category: 2",
            "disclosure_category: 14")
    portal = load_portal(site, today=AS_OF)
    assert not [item for item in portal.items if item.meta["disclosure_category"] == 2]
    assert not [f for f in audit_findings(site, "OGI-20") if "（二）" in f.message["zh"]]


def test_measure_without_the_rule_reports_nothing(site):
    portal = load_portal(site, today=AS_OF)
    result = evaluate(portal, single_rules("OGI-26"), AS_OF, WorkingCalendar(), site)
    assert measure(result.audit)["demo"]["licensing_items"].ratio == 0.5
    assert all(f.rule == "OGI-26" for f in result.findings)
