"""AR-2: the annual report's table 二、主动公开政府信息情况 can be filled in and balances.

The tables themselves come from :mod:`portal_standards.annual`; this rule reports what
stands in the way of a correct table: a department without its yearly figures file,
and a stock of documents in force that does not follow from last year's stock plus the
documents made and minus those repealed this year.
"""

from __future__ import annotations

from portal_model.frontmatter import dotted

from ..annual import (
    COMPUTED,
    EN,
    PREVIOUS_KEY,
    annual_report,
    figures_for,
    figures_path,
    report_year,
)
from ..audit import RuleRun
from ..registry import WARNING, Message, rule

SOURCE = {"reported": ("{previous_year} 年年报公布", "as published in the {previous_year} report"),
          "computed": ("按门户数据计算", "computed from the portal's documents")}
HINT = {"reported": ("若 {previous_year} 年年报公布的件数有误，请在本年度年报中说明，"
                     "并将 {figures_file} 中的 reported_valid_previous_year 改为核实后的数",
                     "if the {previous_year} report's figure was wrong, explain it in this year's "
                     "report and correct reported_valid_previous_year in {figures_file}"),
        "computed": ("按门户数据计算时等式应恒成立，"
                     "请检查各文件是否填写了有效性变更日期、日期先后是否正确",
                     "on the portal's own data the balance should always hold, so check that "
                     "each document has validity_changed_date and its dates are in order")}


@rule("AR-2", title=("年度报告“主动公开政府信息情况”表（2021年格式）",
                     "Annual report table: proactive disclosure (2021 format)"),
      severity=WARNING,
      source="国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》",
      params={"year": 0},
      messages={
          "figures_missing": Message(
              zh="缺少 {year} 年度报告数据文件 {figures_file}：年报表“二、主动公开政府信息情况”中"
                 "行政许可、行政处罚、行政强制的处理决定数量和行政事业性收费金额无法填写",
              en="no {year} figures file {figures_file}: the annual report's table on proactive "
                 "disclosure cannot show licensing, penalty and compulsory-measure decisions "
                 "or administrative fees",
              fix_zh="新建 {figures_file}，填写 licensing_decisions（行政许可处理决定数）、"
                     "penalty_decisions（行政处罚处理决定数）、compulsory_measures（行政强制处理"
                     "决定数）和 fees_10k_yuan（行政事业性收费金额，万元）；可选填 "
                     "reported_valid_previous_year（{previous_year} 年年报公布的规章和行政规范性"
                     "文件现行有效件数）",
              fix_en="create {figures_file} with licensing_decisions, penalty_decisions, "
                     "compulsory_measures (numbers of decisions in {year}) and fees_10k_yuan "
                     "(fees collected, in 10,000 yuan); optionally reported_valid_previous_year "
                     "(规章 and 行政规范性文件 in force as published in the {previous_year} "
                     "report)"),
          "inconsistent": Message(
              zh="{year} 年{label}现行有效 {valid} 件，不符合勾稽关系：上年现行有效 {previous} 件"
                 "（{source_zh}）+ 本年制发 {made} 件 − 本年废止 {repealed} 件 = {expected} 件",
              en="{year}: {valid} {label_en} ({label}) in force at year end, but the balance "
                 "gives {expected}: {previous} in force a year before ({source_en}) + {made} "
                 "made − {repealed} repealed",
              fix_zh="核对门户上的{label}是否齐全，其成文日期、有效性和有效性变更日期是否准确；"
                     "{hint_zh}",
              fix_en="check that every {label_en} document is on the portal with the right "
                     "written_date, validity and validity_changed_date; {hint_en}")})
def annual_table_balances(run: RuleRun) -> None:
    """Figures present for every department; valid(Y) = valid(Y−1) + made(Y) − repealed(Y)."""
    year = report_year(run.params["year"], run.audit.as_of)
    years = {"year": year, "previous_year": year - 1}
    figures = figures_for(run.audit, year)
    for entry in annual_report(run.audit, year)["departments"]:
        department, table = entry["id"], entry["table"]
        if table["figures_file"] is None:
            run.department("figures_missing", department,
                           figures_file=figures_path(year, department), **years)
        for check in table["checks"]:
            if check["consistent"] is not False:
                continue
            source = check["previous_source"]
            params = {**years, "label": check["label"], "label_en": EN[check["label"]],
                      "valid": check["valid"], "previous": check["previous_valid"],
                      "made": check["made"], "repealed": check["repealed"],
                      "expected": check["previous_valid"] + check["made"] - check["repealed"],
                      **_texts(source, years, table)}
            if source == COMPUTED:
                run.department("inconsistent", department, **params)
            else:
                at = (PREVIOUS_KEY, check["label"])
                run.at("inconsistent", table["figures_file"], figures[department].line_of(at),
                       dotted(at), department,
                       department_name=run.audit.portal.departments[department].name, **params)


def _texts(source: str, years: dict[str, int], table: dict) -> dict[str, str]:
    values = {**years, "figures_file": table["figures_file"] or ""}
    return {"source_zh": SOURCE[source][0].format(**values),
            "source_en": SOURCE[source][1].format(**values),
            "hint_zh": HINT[source][0].format(**values),
            "hint_en": HINT[source][1].format(**values)}
