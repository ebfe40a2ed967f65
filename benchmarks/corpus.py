#!/usr/bin/env python3
"""Write a deterministic benchmark portal: ``python benchmarks/corpus.py N OUTDIR``.

OUTDIR gets ``config/`` (the repository's portal settings, columns, schemas and standards,
plus one generated profile per department with lists that match its items, and the yearly
figures) and ``content/<dept>/<type>/<slug>.md`` for N items over every item type, about a
tenth of them with an English translation beside them. The same N, department count and
seed always give a byte-identical tree: every choice comes from ``random.Random``, seeded
per department, and nothing reads the clock. Items are written as they are made, one
department at a time, so memory stays flat from a hundred items to a hundred thousand.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_files import attachment_bytes, dump_yaml, schema_defaults  # noqa: E402
from corpus_items import BUILDERS, Built, Entry  # noqa: E402
from corpus_plan import AS_OF, Department, departments, plan  # noqa: E402
from corpus_text import Prose  # noqa: E402
from corpus_vocab import GENERAL, GIVEN, SURNAMES, VERBS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CONFIG_FILES = ("portal.yaml", "columns.yaml")
CONFIG_DIRS = ("schemas", "standards")
FIGURES_YEAR = 2025
"""The year whose annual reports the report's AR-2 table checks as of AS_OF."""
TOPICS = {"personnel": "劳动、人事、监察", "recruitment": "劳动、人事、监察", "guide": "综合政务",
          "annual-report": "综合政务", "finance": "财政、金融、审计"}


class Context:
    """What a builder needs about the item it builds and the department around it."""

    def __init__(self, rng: random.Random, dept: Department) -> None:
        self.rng, self.dept, self.as_of = rng, dept, AS_OF
        self.prose = Prose(rng, dept.subjects, AS_OF.year)
        self.state: dict = {"numbers": {}, "normative": []}
        self.entry: Entry | None = None

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)


def generate(count: int, out: Path, department_count: int | None = None, seed: int = 0) -> dict:
    """Write the corpus; returns counts of what was written."""
    department_count = department_count or max(5, count // 250)
    if count < department_count:
        raise SystemExit(f"N ({count}) must be at least the number of departments "
                         f"({department_count}): each publishes at least its disclosure guide")
    _copy_config(out)
    defaults = schema_defaults(REPO / "config" / "schemas")
    columns = yaml.safe_load((REPO / "config" / "columns.yaml").read_text("utf-8"))["columns"]
    totals = {"items": 0, "translations": 0, "files": 0, "by_type": {}}
    for dept, entries in plan(departments(department_count), count, seed):
        ctx = Context(random.Random(f"{seed}:{dept.id}:text"), dept)
        categories, used_types = _write_items(ctx, entries, out, defaults, totals)
        empty = [c["id"] for c in columns if c.get("types") and not used_types & set(c["types"])]
        _write_profile(ctx, out, categories, defaults, empty)
        _write_figures(ctx, out)
    return totals


def _copy_config(out: Path) -> None:
    config = out / "config"
    (config / "departments").mkdir(parents=True, exist_ok=True)
    for name in CONFIG_FILES:
        shutil.copyfile(REPO / "config" / name, config / name)
    for name in CONFIG_DIRS:
        shutil.copytree(REPO / "config" / name, config / name, copy_function=shutil.copyfile,
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))


def _write_items(ctx: Context, entries: list[Entry], out: Path, defaults: dict[str, object],
                 totals: dict) -> tuple[set, set[str]]:
    """Write a department's items, translations and attachments; return the disclosure
    categories and the item types it published."""
    dept = ctx.dept
    root = out / "content" / dept.id
    files = root / "files"
    files.mkdir(parents=True, exist_ok=True)
    categories: set = set()
    used_types: set[str] = set()
    for entry in entries:
        ctx.entry = entry
        ctx.prose.year, ctx.prose.subject = entry.published.year, entry.subject
        built = BUILDERS[entry.type](ctx)
        category = defaults[entry.type]
        if entry.type == "service-guide" and entry.ref[3] == "公共服务":
            category = "公共服务"  # Art. 21 category of city and county departments
        categories.add(category)
        meta = _front_matter(ctx, built, category)
        folder = root / entry.type
        if entry.type not in used_types:
            folder.mkdir(exist_ok=True)
            used_types.add(entry.type)
        _write_item(folder / f"{entry.slug}.md", meta, built.body)
        if entry.translated:
            english = {"type": entry.type, "lang": "en", **meta, "title": built.title_en,
                       "summary": ctx.prose.en_sentence() + " " + ctx.prose.en_sentence(),
                       "keywords": [entry.subject[1], dept.name_en]}
            _write_item(folder / f"{entry.slug}.en.md", english,
                        ctx.prose.en_body(built.length_en, list(built.headings_en)))
            totals["translations"] += 1
        for name in built.files:
            (files / name).write_bytes(attachment_bytes(name, built.title))
        totals["files"] += len(built.files)
        if entry.type == "policy" and entry.extra.get("normative"):
            ctx.state["normative"].append(entry)
        totals["items"] += 1
        totals["by_type"][entry.type] = totals["by_type"].get(entry.type, 0) + 1
    return categories, used_types


def _front_matter(ctx: Context, built: Built, category: object) -> dict:
    entry, dept = ctx.entry, ctx.dept
    meta = {"type": entry.type, "index_no": entry.index_no, "title": built.title,
            "summary": built.summary, "published_date": entry.published,
            "formed_date": entry.formed, "topic": TOPICS.get(entry.type, dept.topic),
            "disclosure_category": category, "classification": "public"}
    if entry.type == "policy":
        meta["issuer"] = dept.name
    meta["keywords"] = built.keywords
    if built.attachments:
        meta["attachments"] = built.attachments
    meta.update(built.fields)
    return meta


def _write_item(path: Path, meta: dict, body: str) -> None:
    path.write_text(f"---\n{dump_yaml(meta)}---\n{body}", "utf-8")


def _write_profile(ctx: Context, out: Path, categories: set, defaults: dict[str, object],
                   empty_columns: list[str]) -> None:
    """The department's profile with lists that match exactly what it published."""
    dept, rng = ctx.dept, ctx.rng
    scope = "全区" if dept.level == "county" else "全市"
    declared = sorted({c for c in defaults.values() if isinstance(c, int)} | {2}
                      | {c for c in categories if isinstance(c, int)})
    declared += sorted(c for c in categories if isinstance(c, str))
    empty = {str(c): f"本{dept.unit}在统计期内无该类政府信息，产生后将在 20 个工作日内主动公开。"
             for c in declared if c not in categories and c != 2}
    profile = {
        "name": dept.name, "name_en": dept.name_en, "short_name": dept.short, "level": dept.level,
        "org_code": dept.org_code,
        "functions": [f"负责{scope}{s[0]}工作，{rng.choice(VERBS)}{rng.choice(GENERAL)[0]}，"
                      "组织实施有关法律法规和政策。" for s in dept.subjects[:6]],
        "leaders": [{"name": ctx.person(), "title": title, "duties": f"分管{s[0]}、{t[0]}工作。"}
                    for title, s, t in zip(_LEADER_TITLES[dept.unit],
                                           dept.subjects[::3], dept.subjects[1::3])],
        "address": dept.address, "postcode": dept.postcode, "office_hours": dept.office_hours,
        "phone": dept.phone, "fax": dept.fax, "email": dept.email,
        "disclosure_office": {"name": dept.office_name, "address": dept.address,
                              "office_hours": dept.office_hours, "phone": dept.phone,
                              "fax": dept.fax, "email": dept.email},
        "disclosure_categories": declared,
    }
    if empty:
        profile["empty_category_reasons"] = empty
    if empty_columns:  # CAT-3: a column the department has nothing for says why
        profile["empty_column_reasons"] = {
            column: f"本{dept.unit}在统计期内未产生该栏目信息，产生后将及时发布。" for column in empty_columns}
    profile["licensing_items"] = [{"code": code, "name": name, "basis": rng.choice(_BASES)}
                                  for code, name, _, _ in dept.licensing]
    profile["service_items"] = [{"code": code, "name": name, "item_type": kind}
                                for code, name, _, kind in dept.services]
    profile["normative_documents"] = [{"doc_no": e.doc_no, "title": e.title,
                                       "written_date": e.formed} for e in ctx.state["normative"]]
    header = f"# {dept.name}: generated by benchmarks/corpus.py (schema: _department.yaml).\n"
    (out / "config" / "departments" / f"{dept.id}.yaml").write_text(
        header + dump_yaml(profile), "utf-8")


def _write_figures(ctx: Context, out: Path) -> None:
    """The AR-2 figures the portal cannot count itself, for the last full year."""
    dept, rng = ctx.dept, ctx.rng
    figures = out / "config" / "figures" / str(FIGURES_YEAR)
    figures.mkdir(parents=True, exist_ok=True)
    (figures / f"{dept.id}.yaml").write_text(dump_yaml({
        "licensing_decisions": rng.randint(0, 5000) if dept.licensing else 0,
        "penalty_decisions": rng.randint(0, 2000), "compulsory_measures": rng.randint(0, 100),
        "fees_10k_yuan": 0,
        "source": f"{dept.name}《{FIGURES_YEAR}年政府信息公开工作年度报告》第二部分"}), "utf-8")


_LEADER_TITLES = {"局": ["党组书记、局长", "党组成员、副局长", "党组成员、副局长"],
                  "委": ["党组书记、主任", "党组成员、副主任", "党组成员、副主任"]}
_BASES = ["《中华人民共和国行政许可法》第十二条", "《国务院对确需保留的行政审批项目设定行政许可的决定》",
          "《优化营商环境条例》第四十条"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", metavar="N", type=int, help="number of items (translations extra)")
    parser.add_argument("outdir", metavar="OUTDIR", type=Path, help="portal folder to create")
    parser.add_argument("--departments", type=int, help="departments (default: max(5, N // 250))")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--force", action="store_true",
                        help="replace OUTDIR/config and OUTDIR/content if they exist")
    args = parser.parse_args(argv)
    if args.count < 1 or (args.departments is not None and args.departments < 1):
        parser.error("N and --departments must be positive")
    out = args.outdir
    if out.is_symlink() and not out.exists():
        parser.error(f"{out} links to {os.readlink(out)}, which does not exist")
    if out.exists() and not out.is_dir():
        parser.error(f"{out} is a file, not a folder")
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} is not empty (use --force to replace its config/ and content/)")
        for name in ("config", "content"):
            _remove(out / name)
    started = time.perf_counter()
    try:
        totals = generate(args.count, out, args.departments, args.seed)
    except OSError as exc:
        print(f"corpus.py: cannot write the portal: {exc}", file=sys.stderr)
        return 1
    print(f"{totals['items']} items, {totals['translations']} translations, {totals['files']} "
          f"attachments in {out} ({time.perf_counter() - started:.1f} s)")
    return 0


def _remove(path: Path) -> None:
    """Remove ``path`` to replace it; a link is removed itself, never what it leads to."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


if __name__ == "__main__":
    sys.exit(main())
