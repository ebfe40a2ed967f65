#!/usr/bin/env python3
"""How a cold build's time grows with the portal: ``make bench-curve SIZES="1000 5000 20000"``.

For each size (smallest first), generates an N-item portal with ``benchmarks/corpus.py``
into a scratch folder and measures one cold Gongkai build of it, exactly as
``benchmarks/bench.py`` measures its cold build: ``scripts/build --force``, and the new
corpus has no build cache yet, so every body is rendered and every page written. The
wall time and memory come from ``bench.measure`` (peak of the largest process, and of all
processes at once). ``--with-reference`` also builds the same items with bare Pelican +
the Pagefind CLI, as bench.py's reference.

Prints one row per size (seconds, items/s, seconds per 1000 items, memory) and how
linear the growth is: the least-squares line of seconds against items with its R², and
the seconds per item at the largest size over those at the smallest size of 5000 items or
more (else the smallest size): 1.0 when every item costs the same however big the portal,
above 1.0 when items get dearer. Small portals are dominated by start-up, so they are not
the baseline when a larger size was measured. Writes every number to
``benchmarks/results/curve.json``. Each size's corpus and portal are deleted once measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS.parent / "plugins"))  # bare_corpus reads the portal model
sys.path.insert(0, str(BENCHMARKS))

from bare_corpus import convert  # noqa: E402
from bench import (  # noqa: E402
    AS_OF, PHASES, REPO, _phases, environment, gongkai_build, prepare, reference)

MEMORY_TARGET = (20000, 2048)
"""Issue 7: at 20,000 items, all the build's processes together stay within 2 GB (MB)."""
BASELINE_ITEMS = 5000
"""Sizes below this are mostly start-up: not :func:`per_item_growth`'s baseline if a larger
size was measured."""


def fit(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """The least-squares line through ``(items, seconds)`` points: slope, intercept, R²."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread_x = sum((x - mean_x) ** 2 for x, _ in points)
    if spread_x == 0:
        raise ValueError("fit: needs at least two different sizes")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread_x
    intercept = mean_y - slope * mean_x
    residual = sum((y - (intercept + slope * x)) ** 2 for x, y in points)
    total = sum((y - mean_y) ** 2 for _, y in points)
    # Equal times at every size lie exactly on the (flat) line.
    return slope, intercept, 1 - residual / total if total else 1.0


def baseline(sizes: list[int]) -> int:
    """The smallest size of ``BASELINE_ITEMS`` or more, else the smallest size."""
    return min((size for size in sizes if size >= BASELINE_ITEMS), default=min(sizes))


def per_item_growth(points: list[tuple[float, float]]) -> float:
    """Seconds per item at the largest size over those at the :func:`baseline` size."""
    per_item = {items: seconds / items for items, seconds in points}
    return per_item[max(per_item)] / per_item[baseline(list(per_item))]


def memory_verdict(rows: list[dict]) -> str | None:
    """PASS or FAIL for the memory target, if its size was measured."""
    items, limit = MEMORY_TARGET
    row = next((row for row in rows if row["items"] == items), None)
    if row is None:
        return None
    peak = row["tree_peak_mb"]
    return (f"Memory at {items} items: {peak:.0f} MB for all processes at once, ≤ {limit} MB"
            f" {'PASS' if peak <= limit else 'FAIL'}")


def measure_size(count: int, work: Path, with_reference: bool) -> dict:
    """One cold build of a new ``count``-item corpus (and the reference if asked)."""
    folder = work / f"{count}-items"
    corpus, made = prepare(count, folder / "corpus", folder)
    timings = folder / "timings.jsonl"
    row = {"items": count, "corpus_seconds": made["seconds"],
           **gongkai_build(corpus, folder / "gongkai", folder / "gongkai.log",
                           {"GONGKAI_TIMINGS": str(timings)}, force=True)}
    row["phases"] = _phases(timings)
    if with_reference:
        convert(corpus / "content", folder / "bare-content")
        row["reference"] = reference(folder / "bare-content", folder)
    shutil.rmtree(folder)  # so that the disk holds one size at a time, however many
    return row


def table(rows: list[dict], with_reference: bool) -> str:
    head = (f"  {'items':>7} {'seconds':>9} {'items/s':>9} {'s/1000':>9} {'peak MB':>9}"
            f" {'all MB':>9}" + (f" {'bare s':>9} {'ratio':>7}" if with_reference else ""))
    lines = ["Cold Gongkai build (empty cache) per portal size", head]
    for row in rows:
        seconds = row["seconds"]
        line = (f"  {row['items']:7} {seconds:9.2f} {row['items'] / seconds:9.0f}"
                f" {seconds / row['items'] * 1000:9.2f} {row['peak_mb']:9.0f}"
                f" {row['tree_peak_mb']:9.0f}")
        if with_reference:
            bare = row["reference"]["bare total"]["seconds"]
            line += f" {bare:9.2f} {seconds / bare:7.2f}"
        lines.append(line)
    measured = [name for name in PHASES if name not in ("render", "total")]
    lines += ["Seconds per 1000 items, by phase (render = the rest: reading, writing, start-up)",
              "  " + f"{'items':>7}" + "".join(f" {name[:12]:>12}" for name in
                                               [*measured, "render"])]
    for row in rows:
        per = {name: row["phases"][name] for name in measured}
        per["render"] = row["seconds"] - sum(per.values())
        lines.append(f"  {row['items']:7}" + "".join(
            f" {per[name] / row['items'] * 1000:12.2f}" for name in [*measured, "render"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", metavar="N", type=int, nargs="+",
                        help="items in each generated portal (two different sizes at least)")
    parser.add_argument("--with-reference", action="store_true",
                        help="also build each size with bare Pelican + the Pagefind CLI")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" /
                        "curve.json", help="results file (default: %(default)s)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if sizes[0] < 1 or len(sizes) < 2:
        parser.error("give at least two different positive sizes")
    rows = []
    with tempfile.TemporaryDirectory(prefix="gongkai-curve-") as scratch:
        for count in sizes:
            try:
                rows.append(measure_size(count, Path(scratch), args.with_reference))
            except subprocess.CalledProcessError as exc:  # corpus.py, or a measuring child
                raise SystemExit(f"curve: the {count}-item portal failed: {exc}") from None
            print(f"{count} items: {rows[-1]['seconds']:.1f} s", flush=True)
    points = [(row["items"], row["seconds"]) for row in rows]
    slope, intercept, r2 = fit(points)
    growth = per_item_growth(points)
    print()
    print(table(rows, args.with_reference))
    print(f"Linearity: seconds ≈ {slope * 1000:.3f} × items/1000 {intercept:+.2f}"
          f" (R² {r2:.4f}); seconds per item at {sizes[-1]} items / at"
          f" {baseline(sizes)} items: {growth:.2f} (1.00 = linear)")
    memory = memory_verdict(rows)
    if memory:
        print(memory)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "sizes": sizes, "as_of": AS_OF,
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        **environment(),
        "fit": {"slope_seconds_per_item": slope, "intercept_seconds": intercept, "r2": r2},
        "per_item_growth": {"value": growth, "largest_items": sizes[-1],
                            "baseline_items": baseline(sizes)},
        "builds": rows,
    }, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
