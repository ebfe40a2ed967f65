"""The annual report's table 二、主动公开政府信息情况 (AR-2, 2021 format), as data and as CSV.

Block (一) — rules and normative documents made, repealed and in force — is counted
from the portal's published ``policy`` items. Blocks (五), (六) and (八) are decisions
and fees the portal cannot see; each department states them once a year in
``config/figures/<year>/<department>.yaml`` (schema ``config/schemas/_figures.yaml``).

Counting, for year Y and each of 规章 and 行政规范性文件:

- made(Y): ``written_date`` (成文日期) in Y — 制发 is the act of issuing the document.
- repealed(Y): ``validity`` is 已废止, 已失效 or 已修订 and ``validity_changed_date`` is in Y.
  已修订 counts: an amended document leaves the stock of documents in force and its
  successor, a separate item, is counted as made. Not counting it would add the
  successor without removing the predecessor, and the check below could never balance.
- valid at the end of Y (现行有效): written by 31 December Y and not yet repealed by then.
  The basis is ``written_date``, not ``effective_date``, on purpose: the three columns
  must share one basis for valid(Y) = valid(Y−1) + made(Y) − repealed(Y) to hold. A
  document made in December and in force from January is 制发 in its own year; on an
  effective-date basis it would be missing from that year's stock and appear in the
  next year's without ever being "made" there, so every such document (the demo has
  two) would break the balance although nothing is wrong. ``validity`` alone decides
  repeal; an ``expiry_date`` that passed without 已失效 being set is POL-4's finding.

The check compares valid(Y) with the stock the previous year's report published
(``reported_valid_previous_year`` in the figures file) when given: that catches
documents missing from the portal and wrong dates or validity. Without it, valid(Y−1)
is computed from the same items, so the identity holds by construction and the check
only confirms the portal's own data is coherent; ``previous_source`` says which it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portal_model.errors import Problem, problem
from portal_model.frontmatter import Parsed, load_config_yaml
from portal_model.model import Item
from portal_model.schemas import SchemaSet, validate

from .profiles import StandardsConfigError

if TYPE_CHECKING:
    from .audit import Audit

FIGURES_FOLDER = "config/figures"
SCHEMA_FILE = "_figures.yaml"
DOC_TYPES = ("规章", "行政规范性文件")
IN_FORCE = "有效"
REPEALED = ("已废止", "已失效", "已修订")
DOC_CAPTION = "第二十条第（一）项"
DOC_COLUMNS = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
FIGURE_BLOCKS = (  # caption, value column, ((row label, figures-file key), ...)
    ("第二十条第（五）项", "本年处理决定数量", (("行政许可", "licensing_decisions"),)),
    ("第二十条第（六）项", "本年处理决定数量",
     (("行政处罚", "penalty_decisions"), ("行政强制", "compulsory_measures"))),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", (("行政事业性收费", "fees_10k_yuan"),)),
)
FIGURE_KEYS = tuple(key for _, _, rows in FIGURE_BLOCKS for _, key in rows)
PREVIOUS_KEY = "reported_valid_previous_year"
REPORTED, COMPUTED, MIXED = "reported", "computed", "mixed"
"""Where a check's previous-year stock came from; MIXED only in the portal-wide sum."""


@dataclass(frozen=True)
class Figures:
    """One department's figures file for one year, with the lines of its fields."""

    file: str
    """Project-relative path, e.g. ``config/figures/2025/health.yaml``."""
    data: Mapping[str, Any]
    parsed: Parsed = field(compare=False, repr=False)

    def line_of(self, path: tuple[str | int, ...]) -> int:
        return self.parsed.line_of(path)


def report_year(year: int, as_of: dt.date) -> int:
    """The year to report on: ``year``, or the year before ``as_of`` when it is 0."""
    return year or as_of.year - 1


def figures_path(year: int, department: str) -> str:
    return f"{FIGURES_FOLDER}/{year}/{department}.yaml"


def load_figures(root: Path, year: int, departments: Iterable[str],
                 schemas: SchemaSet | None = None) -> dict[str, Figures]:
    """Department id -> its figures for ``year``; raises :class:`StandardsConfigError`
    listing every problem (bad YAML, schema, a file for no known department).

    ``schemas`` are the portal's own when the caller has them; otherwise they are read
    only when there is a file to check."""
    folder = root / FIGURES_FOLDER / str(year)
    known = list(departments)
    problems: list[Problem] = []
    found: dict[str, Figures] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = figures_path(year, path.stem)
        if path.stem not in known:
            problems.append(problem(shown, 1, "", "unknown_name",
                                    expected=", ".join(known) or "-", value=path.stem))
            continue
        parsed = load_config_yaml(path.read_bytes(), shown)
        if parsed.data is None:
            problems += parsed.problems
            continue
        schemas = schemas or SchemaSet(root / "config" / "schemas")
        found_here = [*parsed.problems, *validate(schemas, SCHEMA_FILE, parsed, shown)]
        problems += found_here
        if not found_here:
            found[path.stem] = Figures(shown, parsed.data, parsed)
    if problems:
        raise StandardsConfigError(problems)
    return found


# --- counting policy items ---------------------------------------------------------------

def _in_year(day: dt.date | None, year: int) -> bool:
    return day is not None and day.year == year


def _repealed_by(meta: Mapping[str, Any], day: dt.date) -> bool:
    if meta["validity"] == IN_FORCE:
        return False
    changed = meta.get("validity_changed_date")
    return changed is None or changed <= day  # the schema requires the date; None = long ago


def valid_at_end_of(items: Iterable[Item], year: int, doc_type: str) -> int:
    """How many ``doc_type`` documents were 现行有效 on 31 December ``year``."""
    end = dt.date(year, 12, 31)
    return sum(1 for item in items if item.meta.get("doc_type") == doc_type
               and item.meta["written_date"] <= end and not _repealed_by(item.meta, end))


def made_in(items: Iterable[Item], year: int, doc_type: str) -> int:
    return sum(1 for item in items if item.meta.get("doc_type") == doc_type
               and _in_year(item.meta["written_date"], year))


def repealed_in(items: Iterable[Item], year: int, doc_type: str) -> int:
    return sum(1 for item in items if item.meta.get("doc_type") == doc_type
               and item.meta["validity"] in REPEALED
               and _in_year(item.meta.get("validity_changed_date"), year))


def _check(label: str, previous: int, source: str, made: int, repealed: int, valid: int
           ) -> dict[str, Any]:
    return {"label": label, "previous_valid": previous, "previous_source": source,
            "made": made, "repealed": repealed, "valid": valid,
            "consistent": previous + made - repealed == valid}


def document_checks(items: list[Item], year: int, figures: Figures | None
                    ) -> list[dict[str, Any]]:
    """One check dict per document type: the block (一) numbers and the balance."""
    reported = (figures.data.get(PREVIOUS_KEY) if figures else None) or {}
    checks = []
    for label in DOC_TYPES:
        if label in reported:
            previous, source = reported[label], REPORTED
        else:
            previous, source = valid_at_end_of(items, year - 1, label), COMPUTED
        checks.append(_check(label, previous, source, made_in(items, year, label),
                             repealed_in(items, year, label), valid_at_end_of(items, year, label)))
    return checks


# --- the TABLE dict (see the report format) ------------------------------------------------

def _table(checks: list[dict[str, Any]], values: Mapping[str, Any], figures_file: str | None,
           figures_missing: list[str]) -> dict[str, Any]:
    blocks = [{"caption": DOC_CAPTION, "columns": list(DOC_COLUMNS),
               "rows": [{"label": check["label"],
                         "values": [check["made"], check["repealed"], check["valid"]]}
                        for check in checks]}]
    blocks += [{"caption": caption, "columns": ["信息内容", column],
                "rows": [{"label": label, "values": [values.get(key)]} for label, key in rows]}
               for caption, column, rows in FIGURE_BLOCKS]
    return {"blocks": blocks, "checks": checks, "figures_file": figures_file,
            "figures_missing": figures_missing}


def department_table(department: str, items: list[Item], year: int, figures: Figures | None
                     ) -> dict[str, Any]:
    """One department's TABLE; ``figures_missing`` is ``[department]`` when it has no file."""
    values = {key: figures.data[key] for key in FIGURE_KEYS} if figures else {}
    return _table(document_checks(items, year, figures), values,
                  figures.file if figures else None, [] if figures else [department])


def portal_table(tables: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The sum of the departments' TABLEs (department id -> TABLE).

    A figure is the sum over the departments that gave it, null when none did;
    ``figures_missing`` lists the others, so a partial sum is never mistaken for a
    total. The portal's check balances the summed numbers; its ``previous_source`` is
    ``mixed`` when some departments reported their previous stock and others did not.
    """
    given = [_figure_values(table) for table in tables.values() if table["figures_file"]]
    values: dict[str, Any] = {}
    for key in FIGURE_KEYS:
        found = [figures[key] for figures in given]
        values[key] = round(sum(found), 4) if found else None  # 4 places: 1 yuan in 万元
    checks = []
    for index, label in enumerate(DOC_TYPES):
        parts = [table["checks"][index] for table in tables.values()]
        sources = {part["previous_source"] for part in parts} or {COMPUTED}
        checks.append(_check(label, sum(part["previous_valid"] for part in parts),
                             sources.pop() if len(sources) == 1 else MIXED,
                             sum(part["made"] for part in parts),
                             sum(part["repealed"] for part in parts),
                             sum(part["valid"] for part in parts)))
    missing = [department for department, table in tables.items() if not table["figures_file"]]
    return _table(checks, values, None, missing)


def _figure_values(table: dict[str, Any]) -> dict[str, Any]:
    """Figures-file key -> value, read back from a TABLE's blocks (五), (六) and (八)."""
    return {key: block["rows"][index]["values"][0]
            for block, (_, _, rows) in zip(table["blocks"][1:], FIGURE_BLOCKS, strict=True)
            for index, (_, key) in enumerate(rows)}


def annual_tables(audit: Audit, year: int, figures: Mapping[str, Figures]) -> dict[str, Any]:
    """The report's ``annual_report`` part: every department's TABLE and the portal's."""
    tables = {department: department_table(department, audit.items_of(department, "policy"),
                                           year, figures.get(department))
              for department in audit.departments}
    profiles = audit.portal.departments
    return {"year": year, "portal": portal_table(tables),
            "departments": [{"id": department, "name": profiles[department].name,
                             "name_en": profiles[department].config["name_en"], "table": table}
                            for department, table in tables.items()]}


def figures_for(audit: Audit, year: int) -> dict[str, Figures]:
    """The figures files for ``year``, read once per audit (none when ``audit.root`` is None)."""
    by_year = audit.fact("annual_figures", lambda _: {})
    if year not in by_year:
        by_year[year] = (load_figures(audit.root, year, audit.portal.departments,
                                      audit.portal.schemas)
                         if audit.root is not None else {})
    return by_year[year]


def annual_report(audit: Audit, year: int) -> dict[str, Any]:
    """The ``annual_report`` part for ``year``, computed once per audit and kept as a fact."""
    report = audit.fact("annual_report",
                        lambda _: annual_tables(audit, year, figures_for(audit, year)))
    if report["year"] != year:  # asked for another year than the one kept: do not cache it
        return annual_tables(audit, year, figures_for(audit, year))
    return report


# --- CSV ------------------------------------------------------------------------------------

HEADER = {"zh": ["年度", "部门标识", "部门", "栏目", "信息内容", "指标", "数值", "说明"],
          "en": ["year", "department_id", "department", "block", "content", "measure", "value",
                 "note"]}
ALL = "all"
EN = {
    "第二十条第（一）项": "Art. 20 item (1): rules and normative documents",
    "第二十条第（五）项": "Art. 20 item (5): administrative licensing",
    "第二十条第（六）项": "Art. 20 item (6): penalties and compulsory measures",
    "第二十条第（八）项": "Art. 20 item (8): administrative fees",
    "本年制发件数": "made this year", "本年废止件数": "repealed this year",
    "现行有效件数": "in force at year end", "本年处理决定数量": "decisions this year",
    "本年收费金额（单位：万元）": "fees collected this year (10,000 yuan)",
    "规章": "rules", "行政规范性文件": "normative documents", "行政许可": "licensing",
    "行政处罚": "penalties", "行政强制": "compulsory measures",
    "行政事业性收费": "administrative fees",
}
TEXT = {
    "portal": ("全部部门合计", "all departments (total)"),
    "counted": ("按门户已发布的政策文件统计",
                "counted from the policy documents published on the portal"),
    "from_file": ("来自 {file}", "from {file}"),
    "no_file": ("未提供：缺少 {file}", "not given: {file} does not exist"),
    "partial": ("仅为已提供数据部门之和，未提供：{missing}",
                "sum of the departments that gave it; missing: {missing}"),
    "none_given": ("各部门均未提供", "no department gave it"),
    "check": ("勾稽关系：现行有效 = 上年现行有效 + 本年制发 − 本年废止",
              "check: in force = in force last year + made − repealed"),
    "previous": ("上年现行有效件数", "in force at the end of last year"),
    "balance": ("勾稽关系", "balance"),
    "holds": ("成立", "holds"), "fails": ("不成立", "fails"),
    "arithmetic": ("{previous_valid} + {made} − {repealed} = {expected}，现行有效 {valid}",
                   "{previous_valid} + {made} − {repealed} = {expected}; in force: {valid}"),
    REPORTED: ("上年年报公布的数", "as published in last year's report"),
    COMPUTED: ("按门户数据计算", "computed from the portal's documents"),
    MIXED: ("部分部门为上年年报数，其余按门户数据计算",
            "last year's report where given, else computed from the portal"),
}


def annual_csv(report: Mapping[str, Any], lang: str = "zh") -> str:
    """``report``'s ``annual_report`` part as CSV: a header row, then for each department and
    last for the portal total, one row per table cell and two per balance check, each with a
    note saying where the number comes from; a value is blank when it is unknown (null).
    No byte-order mark: whoever writes the file adds one for spreadsheet programs."""
    english = lang.startswith("en")
    year = report["year"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER["en" if english else "zh"])
    scopes = [(entry["id"], entry["name_en" if english else "name"], entry["table"])
              for entry in report["departments"]]
    scopes.append((ALL, _text(english, "portal"), report["portal"]))
    for scope_id, name, table in scopes:
        for cells in _table_rows(table, year, english, portal=scope_id == ALL):
            writer.writerow([year, scope_id, name, *cells])
    return out.getvalue()


def _table_rows(table: dict[str, Any], year: int, english: bool, portal: bool
                ) -> Iterator[list[str]]:
    """[block, content, measure, value, note] for every cell of ``table``, then its checks."""
    for block in table["blocks"]:
        note = _note(block, table, portal, year, english)
        for line in block["rows"]:
            for column, value in zip(block["columns"][1:], line["values"], strict=True):
                yield [_term(english, block["caption"]), _term(english, line["label"]),
                       _term(english, column), _cell(value), note]
    for check in table["checks"]:
        heading, label = _text(english, "check"), _term(english, check["label"])
        yield [heading, label, _text(english, "previous"), _cell(check["previous_valid"]),
               _text(english, check["previous_source"])]
        expected = check["previous_valid"] + check["made"] - check["repealed"]
        yield [heading, label, _text(english, "balance"),
               _text(english, "holds" if check["consistent"] else "fails"),
               _text(english, "arithmetic", expected=expected, **check)]


def _text(english: bool, key: str, **params: Any) -> str:
    return TEXT[key][english].format(**params)


def _term(english: bool, label: str) -> str:
    """A statutory label; in English with the Chinese kept, as the report itself is Chinese."""
    return f"{EN[label]} ({label})" if english else label


def _note(block: dict[str, Any], table: dict[str, Any], portal: bool, year: int, english: bool
          ) -> str:
    if block["caption"] == DOC_CAPTION:
        return _text(english, "counted")
    if portal:
        missing = table["figures_missing"]
        if not missing:
            return ""
        given = any(value is not None for line in block["rows"] for value in line["values"])
        return _text(english, "partial", missing=", ".join(missing)) if given \
            else _text(english, "none_given")
    if table["figures_file"]:
        return _text(english, "from_file", file=table["figures_file"])
    return _text(english, "no_file", file=figures_path(year, table["figures_missing"][0]))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)
