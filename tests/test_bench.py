"""``make bench``: the harness end to end on a tiny corpus, and the pieces it relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portal_model.timings import ENV, phase

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bare_corpus import convert  # noqa: E402

GONGKAI_PHASES = ["read+validate", "standards", "render", "feeds", "search index", "report",
                  "total"]


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> tuple[dict, str]:
    """``benchmarks/bench.py 30 --runs 1``: its JSON results and what it printed."""
    folder = tmp_path_factory.mktemp("bench")
    results = folder / "bench-30.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "30",
                          "--runs", "1", "--json", str(results)],
                         capture_output=True, text=True, timeout=240, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return json.loads(results.read_text("utf-8")), run.stdout


def test_results_have_every_phase_with_positive_numbers(bench):
    data, _ = bench
    assert data["phases"] == GONGKAI_PHASES
    assert data["items"] == 30 and data["item_files"] > 30  # translations are extra
    assert len(data["runs"]) == 1
    median = data["median"]
    for name in [*GONGKAI_PHASES, "bare pelican", "pagefind", "bare total", "make check",
                 "make audit"]:
        assert median[name]["seconds"] > 0, name
    for name in ["total", "bare pelican", "pagefind", "make check", "make audit"]:
        assert median[name]["peak_mb"] > 10, name  # a Python or Pagefind process, measured
        assert median[name]["tree_peak_mb"] >= median[name]["peak_mb"], name
    assert data["versions"]["pelican"] and data["python"] and data["cpus"] >= 1


def test_render_is_the_rest_of_the_total(bench):
    run = bench[0]["runs"][0]
    parts = sum(run[name]["seconds"] for name in GONGKAI_PHASES[:-1])
    assert parts == pytest.approx(run["total"]["seconds"])
    assert run["bare total"]["seconds"] == pytest.approx(
        run["bare pelican"]["seconds"] + run["pagefind"]["seconds"])


def test_ratios_are_measured_against_their_targets(bench):
    data, printed = bench
    ratios = {row["target"]: row for row in data["ratios"]}
    assert [row["limit"] for row in data["ratios"]] == [0.6, 3.0, 5.0]
    build = ratios["full build / (bare Pelican + Pagefind)"]
    median = data["median"]
    assert build["value"] == pytest.approx(median["total"]["seconds"]
                                           / median["bare total"]["seconds"])
    assert build["pass"] is (build["value"] <= 0.6)
    assert ratios["make check (s)"]["value"] == median["make check"]["seconds"]
    for row in data["ratios"]:
        verdict = "PASS" if row["pass"] else "FAIL"
        assert any(line.startswith(f"  {row['target']}") and line.endswith(verdict)
                   for line in printed.splitlines()), row["target"]
    for name in GONGKAI_PHASES:
        assert any(line.startswith(f"  {name} ") for line in printed.splitlines()), name


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
