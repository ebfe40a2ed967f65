"""AR-2: the annual report's table 二、主动公开政府信息情况, its figures files, CSV and rule."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import AS_OF, ROOT, audit_findings, write

from portal_model.frontmatter import Parsed
from portal_model.loader import load_portal
from portal_standards.annual import (
    Figures,
    annual_csv,
    annual_report,
    department_table,
    load_figures,
    made_in,
    portal_table,
    repealed_in,
    valid_at_end_of,
)
from portal_standards.audit import evaluate, single_rules
from portal_standards.calendar import WorkingCalendar
from portal_standards.profiles import StandardsConfigError

NORMATIVE, RULES = "行政规范性文件", "规章"
FIGURES = "config/figures/2025/demo.yaml"
COMPLETE = ("licensing_decisions: 120\npenalty_decisions: 35\ncompulsory_measures: 4\n"
            "fees_10k_yuan: 12.5\n")
# The fixture's department has two 2025 normative documents: example.md (in force) and
# repealed.md (已废止 on 2025-04-01). Nothing before 2025.


def policy(root, slug, number, doc_type=NORMATIVE, written="2025-05-10", effective="2025-06-01",
           validity="有效", changed=None, extra=""):
    """Write a published policy item of the fixture department."""
    published = written if written >= "2025" else "2025-01-02"  # the 索引号 year is 2025
    lines = [f"validity_changed_date: {changed}"] if changed else []
    doc_no = f"测试市人民政府令第{number}号" if doc_type == RULES else f"测示规〔2025〕{number}号"
    write(root, f"content/demo/policy/{slug}.md", "\n".join([
        "---", "type: policy", f"index_no: 11339900000000001A/2025-{number:05d}",
        f"title: 测试政策文件{number}", "summary: 测试用政策文件。", f"published_date: {published}",
        f"formed_date: {written}", "topic: 综合政务", "disclosure_category: 1",
        "classification: public", f"doc_type: {doc_type}", f"doc_no: {doc_no}",
        f"written_date: {written}", f"effective_date: {effective}", f"validity: {validity}",
        *lines, *([extra] if extra else []), "---", "正文。", ""]))


def items(root):
    return [item for item in load_portal(root, today=AS_OF).items
            if item.type == "policy" and item.published and not item.is_translation]


def numbers(root, year, doc_type=NORMATIVE):
    found = items(root)
    return (valid_at_end_of(found, year - 1, doc_type), made_in(found, year, doc_type),
            repealed_in(found, year, doc_type), valid_at_end_of(found, year, doc_type))


def report(root, year=2025):
    portal = load_portal(root, today=AS_OF)
    result = evaluate(portal, single_rules("AR-2", year=year), AS_OF, WorkingCalendar(), root)
    return result.audit.facts["annual_report"], result.findings


# --- counting --------------------------------------------------------------------------------

def test_fixture_counts_made_repealed_and_valid(site):
    assert numbers(site, 2025) == (0, 2, 1, 1)  # previous, made, repealed, valid
    assert numbers(site, 2025, RULES) == (0, 0, 0, 0)
    assert numbers(site, 2026) == (1, 0, 0, 1)


def test_written_in_december_and_effective_in_january_counts_in_its_own_year(site):
    policy(site, "late", 10, written="2025-12-20", effective="2026-01-15")
    assert numbers(site, 2025) == (0, 3, 1, 2)
    assert numbers(site, 2026) == (2, 0, 0, 2)


def test_a_document_repealed_this_year_leaves_the_stock(site):
    policy(site, "old", 11, written="2023-04-01", effective="2023-05-01", validity="已失效",
           changed="2025-09-30")
    assert numbers(site, 2024) == (1, 0, 0, 1)
    assert numbers(site, 2025) == (1, 2, 2, 1)
    assert numbers(site, 2023)[1:] == (1, 0, 1)


def test_an_amended_rule_counts_as_repealed_and_its_successor_as_made(site):
    policy(site, "rule-new", 13, RULES, written="2025-05-22", effective="2025-07-01")
    policy(site, "rule-old", 12, RULES, written="2020-03-01", effective="2020-05-01",
           validity="已修订", changed="2025-07-01",
           extra="superseded_by: 11339900000000001A/2025-00013")
    assert numbers(site, 2025, RULES) == (1, 1, 1, 1)
    assert numbers(site, 2026, RULES) == (1, 0, 0, 1)


def test_withheld_and_other_documents_are_not_counted(site):
    policy(site, "draft", 14, extra="draft: true")
    policy(site, "other", 15, doc_type="其他文件")
    assert numbers(site, 2025) == (0, 2, 1, 1)


# --- the rule ----------------------------------------------------------------------------------

def test_missing_figures_file_is_a_department_finding(site):
    findings = audit_findings(site, "AR-2", year=2025)
    assert [(f.code, f.file, f.line, f.department) for f in findings] == [
        ("figures_missing", "config/departments/demo.yaml", 1, "demo")]
    assert FIGURES in findings[0].message["zh"]
    assert "fees_10k_yuan" in findings[0].fix["en"] and FIGURES in findings[0].fix["zh"]
    tables, _ = report(site)
    table = tables["departments"][0]["table"]
    assert table["figures_file"] is None and table["figures_missing"] == ["demo"]
    assert [row["values"] for block in table["blocks"][1:] for row in block["rows"]] == \
        [[None]] * 4


def test_year_zero_means_the_year_before_as_of(site):
    write(site, FIGURES.replace("2025", "2026"), COMPLETE)
    findings = audit_findings(site, "AR-2", as_of=AS_OF.replace(year=2027))
    assert findings == []
    assert [f.code for f in audit_findings(site, "AR-2")] == ["figures_missing"]


def test_without_a_root_there_are_no_figures(site):
    portal = load_portal(site, today=AS_OF)
    result = evaluate(portal, single_rules("AR-2"), AS_OF, WorkingCalendar(), None)
    assert [f.code for f in result.findings] == ["figures_missing"]


def test_consistent_with_the_previous_report(site):
    write(site, FIGURES, COMPLETE + "reported_valid_previous_year: {规章: 0, 行政规范性文件: 0}\n")
    tables, findings = report(site)
    assert findings == []
    table = tables["departments"][0]["table"]
    assert table["figures_file"] == FIGURES
    assert table["checks"] == [
        {"label": RULES, "previous_valid": 0, "previous_source": "reported", "made": 0,
         "repealed": 0, "valid": 0, "consistent": True},
        {"label": NORMATIVE, "previous_valid": 0, "previous_source": "reported", "made": 2,
         "repealed": 1, "valid": 1, "consistent": True}]
    assert [row["values"] for block in table["blocks"] for row in block["rows"]] == \
        [[0, 0, 0], [2, 1, 1], [120], [35], [4], [12.5]]


def test_inconsistent_with_the_previous_report_points_at_the_figure(site):
    write(site, FIGURES, COMPLETE + "reported_valid_previous_year:\n  规章: 0\n  行政规范性文件: 3\n")
    findings = audit_findings(site, "AR-2", year=2025)
    assert [(f.code, f.file, f.line, f.field) for f in findings] == [
        ("inconsistent", FIGURES, 7, "reported_valid_previous_year.行政规范性文件")]
    assert findings[0].message["zh"] == (
        "2025 年行政规范性文件现行有效 1 件，不符合勾稽关系：上年现行有效 3 件（2024 年年报公布）"
        "+ 本年制发 2 件 − 本年废止 1 件 = 4 件")
    assert "3 in force a year before (as published in the 2024 report)" in findings[0].message["en"]
    assert FIGURES in findings[0].fix["en"]


def test_inconsistent_portal_data_points_at_the_department(site):
    portal = load_portal(site, today=AS_OF)
    repealed = next(item for item in portal.items if item.slug == "repealed")
    del repealed.meta["validity_changed_date"]  # impossible in valid content: the schema needs it
    result = evaluate(portal, single_rules("AR-2", year=2025), AS_OF, WorkingCalendar(), site)
    inconsistent = [f for f in result.findings if f.code == "inconsistent"]
    assert [(f.file, f.line, f.field) for f in inconsistent] == [
        ("config/departments/demo.yaml", 1, "")]
    assert "按门户数据计算" in inconsistent[0].message["zh"]


# --- figures files ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (COMPLETE.replace("35", "many"),
     "config/figures/2025/demo.yaml:2: penalty_decisions: expected a whole number, 0 or more, "
     "got 'many'"),
    (COMPLETE.replace("12.5", "-1"),
     "config/figures/2025/demo.yaml:4: fees_10k_yuan: expected an amount in units of 10,000 "
     "yuan, 0 or more (e.g. 12.5), got -1"),
    (COMPLETE.replace("compulsory_measures: 4\n", ""),
     "config/figures/2025/demo.yaml:1: compulsory_measures: required field is missing "
     "(行政强制本年处理决定数量)"),
    (COMPLETE + "reported_valid_previous_year: {规章: 1}\n",
     "config/figures/2025/demo.yaml:5: reported_valid_previous_year.行政规范性文件: required "
     "field is missing (行政规范性文件现行有效件数)"),
    (COMPLETE + "penalties: 3\n",
     "config/figures/2025/demo.yaml:5: penalties: unknown field for type 'figures'"),
])
def test_bad_figures_file_is_a_located_problem(site, text, expected):
    write(site, FIGURES, text)
    with pytest.raises(StandardsConfigError) as caught:
        audit_findings(site, "AR-2", year=2025)
    assert [problem.format("en") for problem in caught.value.problems] == [expected]


def test_figures_file_of_an_unknown_department(site):
    write(site, FIGURES, COMPLETE)
    write(site, "config/figures/2025/nobody.yaml", COMPLETE)
    with pytest.raises(StandardsConfigError) as caught:
        load_figures(site, 2025, ["demo"])
    assert [problem.format("zh") for problem in caught.value.problems] == [
        "config/figures/2025/nobody.yaml:1: 应为以下之一：demo；实为 'nobody'"]


# --- portal totals and CSV -------------------------------------------------------------------

def figures(department, **values):
    data = {"licensing_decisions": 10, "penalty_decisions": 2, "compulsory_measures": 0,
            "fees_10k_yuan": 0.1, **values}
    return Figures(f"config/figures/2025/{department}.yaml", data, Parsed(data))


def test_portal_sums_the_departments_that_gave_figures(site):
    found = items(site)
    tables = {"a": department_table("a", found, 2025, figures("a")),
              "b": department_table("b", found, 2025, figures("b", fees_10k_yuan=0.2)),
              "c": department_table("c", found, 2025, None)}
    total = portal_table(tables)
    assert [row["values"] for block in total["blocks"] for row in block["rows"]] == \
        [[0, 0, 0], [6, 3, 3], [20], [4], [0], [0.3]]
    assert total["figures_missing"] == ["c"] and total["figures_file"] is None
    assert total["checks"][1]["previous_source"] == "computed"
    assert total["checks"][1]["consistent"] is True
    assert portal_table({"c": tables["c"]})["blocks"][1]["rows"][0]["values"] == [None]
    reported = figures("b", reported_valid_previous_year={RULES: 0, NORMATIVE: 5})
    tables["b"] = department_table("b", found, 2025, reported)
    mixed = portal_table(tables)["checks"][1]
    assert (mixed["previous_source"], mixed["previous_valid"], mixed["consistent"]) == \
        ("mixed", 5, False)


def rows(text):
    assert text.endswith("\r\n") and not text.startswith("\ufeff")  # the writer adds the BOM
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_one_row_per_cell_and_check(site):
    tables, _ = report(site)
    lines = rows(annual_csv(tables))
    assert lines[0] == ["年度", "部门标识", "部门", "栏目", "信息内容", "指标", "数值", "说明"]
    assert len(lines) == 1 + 2 * (6 + 4 + 4)  # the department and the portal total
    assert lines[1] == ["2025", "demo", "测试市示范局", "第二十条第（一）项", "规章", "本年制发件数",
                        "0", "按门户已发布的政策文件统计"]
    licensing = lines[7]
    assert licensing[4:] == ["行政许可", "本年处理决定数量", "",
                             "未提供：缺少 config/figures/2025/demo.yaml"]
    assert lines[14][3:7] == ["勾稽关系：现行有效 = 上年现行有效 + 本年制发 − 本年废止", NORMATIVE,
                              "勾稽关系", "成立"]
    assert lines[14][7] == "0 + 2 − 1 = 1，现行有效 1"
    assert {line[1] for line in lines[15:]} == {"all"}
    assert lines[21][6:] == ["", "各部门均未提供"]


def test_csv_in_english_with_figures(site):
    write(site, FIGURES, COMPLETE)
    tables, _ = report(site)
    lines = rows(annual_csv(tables, lang="en"))
    assert lines[0][:3] == ["year", "department_id", "department"]
    fees = lines[10]
    assert fees[2:] == ["Test City Demonstration Bureau",
                        "Art. 20 item (8): administrative fees (第二十条第（八）项)",
                        "administrative fees (行政事业性收费)",
                        "fees collected this year (10,000 yuan) (本年收费金额（单位：万元）)", "12.5",
                        "from config/figures/2025/demo.yaml"]


# --- the demo ------------------------------------------------------------------------------------

def test_demo_2025_market_table_matches_its_documents():
    """Hand count, content/market/policy/: 示市监规〔2024〕3号 (written 2024-12-05, repealed
    2026-07-15), 示市监规〔2025〕1号 (written 2025-03-10, in force), 示市监规〔2026〕2号
    (written 2026). At the end of 2025: 1 made, 0 repealed, 2 in force, 1 a year before."""
    portal = load_portal(ROOT, today=AS_OF)
    result = evaluate(portal, single_rules("AR-2"), AS_OF, WorkingCalendar(), ROOT)
    assert result.findings == []
    annual = annual_report(result.audit, 2025)
    assert annual is result.audit.facts["annual_report"]
    market = next(entry for entry in annual["departments"] if entry["id"] == "market")["table"]
    assert [row["values"] for block in market["blocks"] for row in block["rows"]] == \
        [[0, 0, 0], [1, 0, 2], [4105], [1318], [74], [0]]
    assert market["checks"][1]["previous_valid"] == 1
    assert market["figures_file"] == "config/figures/2025/market.yaml"
    transport = next(e for e in annual["departments"] if e["id"] == "transport")["table"]
    assert transport["blocks"][0]["rows"][0]["values"] == [0, 0, 1]  # the 2017 rule, amended 2026
    assert annual["portal"]["figures_missing"] == []
