"""``make bench``: the harness end to end on a tiny corpus, and the pieces it relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from portal_model.timings import ENV, phase

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bare_corpus import convert  # noqa: E402
from edits import (ADDED_NUMBER, WITH_FILE_NUMBER, added_item, added_with_file,  # noqa: E402
                   edited_profile, retitled)
from curve import fit, per_item_growth  # noqa: E402

GONGKAI_PHASES = ["read+validate", "standards", "render", "feeds", "search index", "report",
                  "total"]
REBUILDS = ["rebuild, nothing changed", "rebuild, one text edited", "rebuild, one title edited",
            "rebuild, one item added", "rebuild, item with a file added",
            "rebuild, department phone edited"]
TOOLS = ["make check (cold)", "make audit (cold)", "make check", "make audit"]


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> tuple[dict, str]:
    """``benchmarks/bench.py 30 --runs 1``: its JSON results and what it printed."""
    folder = tmp_path_factory.mktemp("bench")
    results = folder / "bench-30.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "30",
                          "--runs", "1", "--json", str(results)],
                         capture_output=True, text=True, timeout=400, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return json.loads(results.read_text("utf-8")), run.stdout


def test_results_have_every_phase_with_positive_numbers(bench):
    data, _ = bench
    assert data["phases"] == GONGKAI_PHASES
    assert data["items"] == 30 and data["item_files"] > 30  # translations are extra
    assert len(data["runs"]) == 1
    median = data["median"]
    for name in [*GONGKAI_PHASES, *REBUILDS, "bare pelican", "pagefind", "bare total", *TOOLS]:
        assert median[name]["seconds"] > 0, name
    for name in ["total", *REBUILDS, "bare pelican", "pagefind", *TOOLS]:
        assert median[name]["peak_mb"] > 10, name  # a Python or Pagefind process, measured
        assert median[name]["tree_peak_mb"] >= median[name]["peak_mb"], name
    assert data["versions"]["pelican"] and data["python"] and data["cpus"] >= 1


def test_rebuilds_keep_the_cache_and_edit_one_item(bench):
    data, printed = bench
    run = data["runs"][0]
    unchanged, text_edited, *edited = (run[name] for name in REBUILDS)
    assert unchanged["skipped"] and unchanged["phases"] == {}  # up to date: nothing ran
    assert unchanged["seconds"] < run["total"]["seconds"]
    assert not any(row["skipped"] for row in (text_edited, *edited))
    assert "read+validate" in text_edited["phases"]  # rebuilt, so timed again
    edited = data["corpus"]["edited_item"]
    assert edited.startswith("content/") and "/policy/" in edited
    assert edited.endswith(".md") and not edited.endswith(".en.md")
    lines = printed.splitlines()
    section = lines.index("Rebuilds (same corpus, cache kept)")
    for offset, name in enumerate(REBUILDS, 1):
        assert lines[section + offset].startswith(f"  {name} "), name


def test_render_is_the_rest_of_the_total(bench):
    run = bench[0]["runs"][0]
    parts = sum(run[name]["seconds"] for name in GONGKAI_PHASES[:-1])
    assert parts == pytest.approx(run["total"]["seconds"])
    assert run["bare total"]["seconds"] == pytest.approx(
        run["bare pelican"]["seconds"] + run["pagefind"]["seconds"])


def test_ratios_are_measured_against_their_targets(bench):
    data, printed = bench
    ratios = {row["target"]: row for row in data["ratios"]}
    assert {name: row["limit"] for name, row in ratios.items()} == {
        "full build / (bare Pelican + Pagefind)": 0.6,
        "one text edited / cold build": 0.10, "one title edited / cold build": 0.10,
        "one item added / cold build": 0.10, "nothing changed / cold build": 0.05,
        "make check (s)": 3.0, "make audit (s)": 5.0,
        "make check, cold (s)": 3.0, "make audit, cold (s)": 5.0}
    median = data["median"]
    cold = median["total"]["seconds"]
    assert ratios["full build / (bare Pelican + Pagefind)"]["value"] == pytest.approx(
        cold / median["bare total"]["seconds"])
    assert ratios["one text edited / cold build"]["value"] == pytest.approx(
        median["rebuild, one text edited"]["seconds"] / cold)
    assert ratios["nothing changed / cold build"]["value"] < 1  # skipped, so faster than cold
    assert ratios["make check (s)"]["value"] == median["make check"]["seconds"]
    assert ratios["make audit, cold (s)"]["value"] == median["make audit (cold)"]["seconds"]
    for row in data["ratios"]:
        assert row["pass"] is (row["value"] <= row["limit"])
        verdict = "PASS" if row["pass"] else "FAIL"
        assert any(line.startswith(f"  {row['target']}") and line.endswith(verdict)
                   for line in printed.splitlines()), row["target"]
    for name in [*GONGKAI_PHASES, *TOOLS]:
        assert any(line.startswith(f"  {name} ") for line in printed.splitlines()), name


def test_retitling_keeps_the_front_matter_valid_yaml():
    item = ("---\ntype: policy\ntitle: '关于: 通知'\nsummary: 'title: x'\n---\n"
            "title: in the body\n").encode()
    head, body = retitled(item).decode().split("\n---\n", 1)
    assert yaml.safe_load(head.removeprefix("---\n")) == {
        "type": "policy", "title": "关于: 通知（修订）", "summary": "title: x"}
    assert body == "title: in the body\n"


def test_the_added_item_is_a_renumbered_retitled_copy_of_the_first_news_item(tmp_path):
    news = tmp_path / "content" / "health" / "news"
    news.mkdir(parents=True)
    for name, number in (("b.md", "00007"), ("a.md", "00003"), ("a.en.md", "00003")):
        (news / name).write_text(f"---\ntype: news\nindex_no: X/2026-{number}\ntitle: 通知\n"
                                 "---\n正文\n", "utf-8")
    path, data = added_item(tmp_path)
    assert path == news / "bench-added-a.md" and not path.exists()
    head, body = data.decode().split("\n---\n", 1)
    assert yaml.safe_load(head.removeprefix("---\n")) == {
        "type": "news", "index_no": f"X/2026-{ADDED_NUMBER}", "title": "通知（修订）"}
    assert body == "正文\n"


def test_the_item_added_with_a_file_names_a_new_copy_of_a_published_items_file(tmp_path):
    department = tmp_path / "content" / "health"
    (department / "files").mkdir(parents=True)
    (department / "news").mkdir()
    (department / "files" / "table.xlsx").write_bytes(b"table")
    for name, extra in (("a.md", "draft: true\n"), ("b.md", "")):
        (department / "news" / name).write_text(
            "---\ntype: news\nindex_no: X/2026-00001\ntitle: 通知\nclassification: public\n"
            f"{extra}attachments:\n  - {{file: ../files/table.xlsx, title: 表}}\n---\n"
            "见[附表](../files/table.xlsx)。\n", "utf-8")
    path, data, file, content = added_with_file(tmp_path)
    assert path == department / "news" / "bench-added-b.md"  # a.md is a draft
    assert file == department / "files" / "bench-added-table.xlsx"
    assert content != b"table" and not path.exists() and not file.exists()
    head, body = data.decode().split("\n---\n", 1)
    assert yaml.safe_load(head.removeprefix("---\n"))["attachments"] == [
        {"file": "../files/bench-added-table.xlsx", "title": "表"}]
    assert f"X/2026-{WITH_FILE_NUMBER}" in head
    assert body == "见[附表](../files/bench-added-table.xlsx)。\n"


def test_the_department_edit_changes_the_first_profiles_telephone_number(tmp_path):
    folder = tmp_path / "config" / "departments"
    folder.mkdir(parents=True)
    for name in ("b.yaml", "a.yaml"):
        (folder / name).write_text('name: 甲\nphone: "0599-88001309"\nfax: 0599-1\n', "utf-8")
    path, data = edited_profile(tmp_path)
    assert path == folder / "a.yaml"
    assert yaml.safe_load(data) == {"name": "甲", "phone": "0599-88001300", "fax": "0599-1"}


def test_linear_fit_of_seconds_against_items():
    slope, intercept, r2 = fit([(1000, 3.0), (5000, 11.0), (20000, 41.0)])
    assert (slope, intercept, r2) == (pytest.approx(0.002), pytest.approx(1.0), pytest.approx(1))
    slope, intercept, r2 = fit([(1000, 2.0), (2000, 5.0), (3000, 5.0)])
    assert slope == pytest.approx(0.0015) and intercept == pytest.approx(1.0)
    assert r2 == pytest.approx(0.75)
    with pytest.raises(ValueError):
        fit([(1000, 2.0), (1000, 3.0)])


def test_per_item_growth_compares_with_the_smallest_size_of_5000_or_more():
    assert per_item_growth([(1000, 5.0), (5000, 10.0), (20000, 60.0)]) == pytest.approx(1.5)
    assert per_item_growth([(1000, 4.0), (2000, 10.0)]) == pytest.approx(1.25)


def test_phase_records_only_when_asked(tmp_path, monkeypatch):
    target = tmp_path / "timings.jsonl"
    monkeypatch.delenv(ENV, raising=False)
    with phase("feeds"):
        pass
    assert not target.exists()
    monkeypatch.setenv(ENV, str(target))
    with phase("feeds"):
        pass

    @phase("report")
    def failing() -> None:
        raise ValueError("still timed")

    with pytest.raises(ValueError):
        failing()
    records = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [record["phase"] for record in records] == ["feeds", "report"]
    assert all(record["seconds"] >= 0 for record in records)


def test_conversion_to_pelican_metadata_keeps_the_body(tmp_path):
    item = tmp_path / "content" / "health" / "policy" / "clinics.en.md"
    item.parent.mkdir(parents=True)
    body = "## Scope\n\nAll clinics: see [form](../files/a.pdf).\n"
    item.write_text("---\ntype: policy\nlang: en\ntitle: 'Clinics: rules'\n"
                    "published_date: 2026-03-04\nsummary: x\n---\n" + body, "utf-8")
    (tmp_path / "content" / "health" / "files").mkdir()
    (tmp_path / "content" / "health" / "files" / "a.md").write_text("not an item", "utf-8")
    assert convert(tmp_path / "content", tmp_path / "bare") == 1
    text = (tmp_path / "bare" / "health" / "policy" / "clinics.en.md").read_text("utf-8")
    head, rest = text.split("\n\n", 1)
    assert head.splitlines() == ["Title: Clinics: rules", "Date: 2026-03-04", "Category: health",
                                 "Type: policy", "Slug: clinics", "Lang: en",
                                 "Translation_key: health/policy/clinics"]
    assert rest == body
