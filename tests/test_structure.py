"""config/columns.yaml: checked with the model; listings grouped, ordered and paginated."""

import dataclasses
import datetime as dt

from conftest import AS_OF, problem_lines
from portal_model.loader import load_portal
from portal_site.listings import build, newest_first, paginate
from portal_site.pages import all_pages


def _edit(site, old, new, file="config/columns.yaml"):
    path = site / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if new in line)


def test_an_item_type_in_no_column_is_an_error(site):
    _edit(site, "types: [service-guide, form]", "types: [service-guide]")
    assert any("columns: item type 'form' is in no column" in line for line in problem_lines(site))


def test_a_type_in_two_columns_is_an_error(site):
    line = _edit(site, "types: [news]", "types: [news, notice]")
    assert (f"config/columns.yaml:{line}: columns[6].types[1]: item type 'notice' is already "
            "listed by column 'notice'; a type belongs to exactly one column") in problem_lines(site)


def test_unknown_update_class_and_type_name_the_choices(site):
    line = _edit(site, "types: [news], update: news}", "types: [newz], update: weekly}")
    lines = problem_lines(site)
    assert (f"config/columns.yaml:{line}: columns[6].update: expected one of: news, "
            "notice_policy, personnel_plan, static; got 'weekly'") in lines
    assert any(entry.startswith(f"config/columns.yaml:{line}: columns[6].types[0]: expected one of:")
               and entry.endswith("got 'newz'") for entry in lines)


def test_a_reason_for_an_unknown_column_is_an_error(site):
    path = site / "config/departments/demo.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + "empty_column_reasons:\n  fees: 本部门无收费项目。\n", "utf-8")
    line = len(text.splitlines()) + 2
    [problem] = problem_lines(site)
    assert problem.startswith(f"config/departments/demo.yaml:{line}: empty_column_reasons.fees: "
                              "expected one of: about, policy,")


def test_a_department_cannot_take_a_path_the_portal_uses(site):
    (site / "config/departments/demo.yaml").rename(site / "config/departments/library.yaml")
    (site / "content/demo").rename(site / "content/library")
    assert any(line.startswith("config/departments/library.yaml:1: department id 'library' is "
                               "a path the portal itself uses") for line in problem_lines(site))


def test_paginate_keeps_every_item_once_and_numbers_pages():
    pages = paginate(list(range(45)), 20, "health/news/")
    assert [len(items) for _, items in pages] == [20, 20, 5]
    assert [p.url(p.number) for p, _ in pages] == ["health/news/", "health/news/page/2/",
                                                   "health/news/page/3/"]
    assert pages[0][0].previous_url is None and pages[0][0].next_url == "health/news/page/2/"
    assert pages[2][0].next_url is None
    assert paginate([], 20, "x/")[0][1] == []


def test_listings_are_newest_first_with_a_stable_tie_break(site):
    portal = load_portal(site, today=AS_OF)
    ordered = newest_first(portal.published_items)
    keys = [(item.published_date, item.index_no) for item in ordered]
    assert keys == sorted(keys, reverse=True)


def test_every_published_original_is_listed_in_its_department_column(site):
    portal = load_portal(site, today=AS_OF)
    listings = build(portal)
    listed = [item for items in listings.by_column.values() for item in items]
    originals = [item for item in portal.published_items if not item.is_translation]
    assert sorted(i.source for i in listed) == sorted(i.source for i in originals)


def test_a_long_column_gets_pages(site):
    portal = load_portal(site, today=AS_OF)
    portal.structure = dataclasses.replace(portal.structure, per_page=1)
    news = [item for item in portal.published_items if item.type == "news"]
    extra = [dataclasses.replace(news[0], slug=f"copy-{n}",
                                 meta={**news[0].meta, "published_date": dt.date(2026, 1, n + 1)})
             for n in range(3)]
    portal.items.extend(extra)
    files = [page.save_as for page in all_pages(portal, build(portal))]
    assert "demo/news/page/4/index.html" in files and "demo/news/page/5/index.html" not in files
    assert len(files) == len(set(files))
