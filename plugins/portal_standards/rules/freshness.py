"""Dead and empty columns: WEB-SV3, WEB-SV4 (single veto) and WEB-D1.4–D1.6, D1.9 (deductions).

Each column of ``config/columns.yaml`` has an update class (news 14 days, notices and
policies 183, personnel and plans 365, static never). A column is *stale* when its
newest published item is older than that, and *blank* when it has no item and the
department states no reason for it (CAT-3: a stated reason is not a blank).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..audit import Audit, RuleRun
from ..registry import BLOCKING, WARNING, Message, rule

FRESH, STALE, BLANK, EXPLAINED = "fresh", "stale", "blank", "explained"


@dataclass(frozen=True)
class ColumnState:
    column: str
    title_zh: str
    title_en: str
    update: str
    state: str
    newest: dt.date | None
    max_age_days: int | None


def column_states(audit: Audit) -> dict[str, list[ColumnState]]:
    """Department -> the state of each of its columns, in column order."""
    structure = audit.portal.structure
    assert structure is not None
    newest: dict[tuple[str, str], dt.date] = {}
    for item in audit.originals:
        column = structure.column_of(item.type)
        if column is not None:
            key = (item.department, column.id)
            if key not in newest or item.published_date > newest[key]:
                newest[key] = item.published_date
    states = {}
    for department in audit.departments:
        reasons = audit.portal.departments[department].config.get("empty_column_reasons", {})
        rows = []
        for column in structure.columns:
            last = newest.get((department, column.id))
            if last is None:
                state = EXPLAINED if column.id in reasons or column.profile else BLANK
            elif column.max_age_days and (audit.as_of - last).days > column.max_age_days:
                state = STALE
            else:
                state = FRESH
            labels = [audit.portal.type_labels[name] for name in column.types]
            rows.append(ColumnState(column.id, "、".join(zh for zh, _ in labels),
                                    " and ".join(en for _, en in labels), column.update, state,
                                    last, column.max_age_days))
        states[department] = rows
    return states


_COLUMN_MESSAGES = {
    "stale": Message(
        zh="“{column}”栏目最近一次发布是 {newest}，已 {age} 天未更新（应在 {limit} 天内更新）",
        en="column '{column_en}' was last updated on {newest}, {age} days ago (limit: {limit} days)",
        fix_zh="在该栏目发布新信息，或核对栏目最新信息的发布日期",
        fix_en="publish a new item in this column, or check the newest item's publication date"),
    "blank": Message(
        zh="“{column}”栏目没有任何信息，也没有说明原因（空白栏目）",
        en="column '{column_en}' has no item and no stated reason (a blank column)",
        fix_zh="发布该栏目的信息；确无信息的，在部门配置 empty_column_reasons 中写明原因",
        fix_en="publish items in it; if there truly are none, state why under "
               "empty_column_reasons in the department's profile"),
}


def _column_rule(run: RuleRun) -> None:
    chosen = set(run.params["columns"])
    others = run.rule.id == "WEB-D1.9"
    excluded = set(run.params.get("excluded_columns", []))
    for department, rows in run.audit.fact("columns", column_states).items():
        for row in rows:
            if (row.column in excluded) if others else (row.column not in chosen):
                continue
            if row.state == STALE:
                run.department("stale", department, (), column=row.title_zh,
                               column_en=row.title_en, column_id=row.column, newest=row.newest,
                               age=(run.audit.as_of - row.newest).days, limit=row.max_age_days)
            elif row.state == BLANK:
                run.department("blank", department, ("empty_column_reasons",),
                               column=row.title_zh, column_en=row.title_en,
                               column_id=row.column)


def _register_column_rule(rule_id: str, title: tuple[str, str], columns: list[str]) -> None:
    rule(rule_id, title=title, severity=WARNING,
         source="2019年政府网站与政务新媒体检查指标 扣分指标：发布解读",
         params={"columns": columns}, messages=_COLUMN_MESSAGES)(_column_rule)


_register_column_rule("WEB-D1.4", ("动态要闻栏目2周内更新", "News updated within 2 weeks"),
                      ["news"])
_register_column_rule("WEB-D1.5", ("政策文件栏目6个月内更新",
                                   "Policy documents updated within 6 months"), ["policy"])
_register_column_rule("WEB-D1.6", ("政策解读栏目6个月内更新",
                                   "Policy interpretations updated within 6 months"),
                      ["interpretation"])
rule("WEB-D1.9", title=("其他栏目无空白、按期更新", "Other columns: none blank, none stale"),
     severity=WARNING, source="2019年政府网站与政务新媒体检查指标 扣分指标：其他栏目",
     params={"columns": [], "excluded_columns": ["news", "policy", "interpretation"]},
     messages=_COLUMN_MESSAGES)(_column_rule)


@rule("WEB-SV3", title=("首页（部门页）2周内有更新", "Home page updated within 2 weeks"),
      severity=BLOCKING, source="2019年政府网站与政务新媒体检查指标 单项否决：首页不更新",
      params={"max_age_days": 14},
      messages={"stale_home": Message(
          zh="部门页最近一次发布是 {newest}，已 {age} 天没有新信息（单项否决：{limit} 天）",
          en="the department's page last got a new item on {newest}, {age} days ago "
             "(single veto: {limit} days)",
          fix_zh="及时发布本部门的动态、通知或政策信息",
          fix_en="publish the department's news, notices or policies as they happen")})
def home_updated(run: RuleRun) -> None:
    limit = run.params["max_age_days"]
    newest: dict[str, dt.date] = {}
    for item in run.audit.originals:
        if item.published_date > newest.get(item.department, dt.date.min):
            newest[item.department] = item.published_date
    for department in run.audit.departments:
        last = newest.get(department)
        if last is None or (run.audit.as_of - last).days > limit:
            run.department("stale_home", department, (), newest=last or "-",
                           age=(run.audit.as_of - last).days if last else "-", limit=limit)


@rule("WEB-SV4", title=("栏目不更新（单项否决）", "Columns not updated (single veto)"),
      severity=BLOCKING, source="2019年政府网站与政务新媒体检查指标 单项否决：栏目不更新",
      params={"short_classes": ["news", "notice_policy"], "stale_threshold": 5,
              "long_stale_threshold": 10, "blank_threshold": 5},
      messages={
          "veto_stale": Message(
              zh="{count} 个动态类或通知公告、政策文件类栏目未按期更新（达到 {threshold} 个即单项否决）：{columns}",
              en="{count} news, notice or policy columns are stale (single veto at "
                 "{threshold}): {columns_en}",
              fix_zh="逐一更新这些栏目", fix_en="update each of these columns"),
          "veto_long_stale": Message(
              zh="{count} 个应更新栏目长期未更新（达到 {threshold} 个即单项否决）：{columns}",
              en="{count} columns that should be updated are stale (single veto at "
                 "{threshold}): {columns_en}",
              fix_zh="逐一更新这些栏目", fix_en="update each of these columns"),
          "veto_blank": Message(
              zh="{count} 个空白栏目（达到 {threshold} 个即单项否决）：{columns}",
              en="{count} blank columns (single veto at {threshold}): {columns_en}",
              fix_zh="为这些栏目发布信息，或在 empty_column_reasons 中说明原因",
              fix_en="publish items in them or state why under empty_column_reasons")})
def columns_updated(run: RuleRun) -> None:
    short = set(run.params["short_classes"])
    for department, rows in run.audit.fact("columns", column_states).items():
        stale = [row for row in rows if row.state == STALE]
        tests = (
            ("veto_stale", [row for row in stale if row.update in short],
             run.params["stale_threshold"]),
            ("veto_long_stale", stale, run.params["long_stale_threshold"]),
            ("veto_blank", [row for row in rows if row.state == BLANK],
             run.params["blank_threshold"]),
        )
        for code, found, threshold in tests:
            if len(found) >= threshold:
                run.department(code, department, (), count=len(found), threshold=threshold,
                               columns="、".join(row.title_zh for row in found),
                               columns_en=", ".join(row.title_en for row in found))
