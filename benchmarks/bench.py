#!/usr/bin/env python3
"""Benchmark a generated portal against bare Pelican + Pagefind: ``make bench N=5000 RUNS=3``.

Generates an N-item portal with ``benchmarks/corpus.py`` (or reuses ``--corpus DIR``),
then, RUNS times each, measures in this order:

* the **cold** Gongkai build (``scripts/build --force`` with ``pelicanconf.py``, as
  ``make html``) after deleting the build cache (``<corpus>/.cache``) and the output, so
  every body is rendered and every page written; per phase from the plugins' own timings
  (``GONGKAI_TIMINGS``, see plugins/portal_model/timings.py): read+validate, standards,
  feeds, search index, report; *render* is the total minus those (Pelican reading and
  writing the pages, plus start-up, static files and the SHA-256 list);
* six **rebuilds** with the cache the cold build left (no ``--force``): with nothing
  changed (the build should find its output up to date and stop), after appending a line
  to one item's body, then after changing that item's title as well, then, with that item
  put back, after adding one news item (a renumbered, retitled copy of the first), after
  adding an item with a file of its own, and after changing a department's telephone
  number (``benchmarks/edits.py``). The edited item is the first non-translated policy
  (else guide) in sorted order; every edit is undone afterwards, so every run starts from
  the same corpus. The issue's targets are on the first four; the last two are what other
  common commits cost;
* ``make check`` and ``make audit`` on the same portal, first with ``--no-cache`` (cold),
  then with the memo of valid files the builds left in ``<corpus>/.cache`` (warm; the
  memo holds the edited version of the item, so its restored file is read again);
* the reference: the same items converted once to Pelican's metadata format
  (benchmarks/bare_corpus.py), built by bare Pelican (benchmarks/bare_pelicanconf.py),
  then indexed by the extended Pagefind binary the portal uses (``--site``).

A ``--corpus`` folder keeps the ``.cache`` of the last rebuilds (the next cold build
deletes it). Every measured command runs under a fresh child of this script, so that its
peak memory (``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the largest single process of the
build's tree) is its own; the peak of all its processes at once is sampled from /proc as
well. Prints medians and issue 7's targets with PASS/FAIL, and writes every raw number to
``benchmarks/results/bench-<N>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bare_corpus import convert  # noqa: E402
from edits import (TEXT_EDIT, added_item, added_with_file, edited_item,  # noqa: E402
                   edited_profile, retitled)
from portal_search.indexer import binary  # noqa: E402
from search_index import MemorySampler  # noqa: E402

AS_OF = "2026-11-21"
PHASES = ("read+validate", "standards", "render", "feeds", "search index", "report", "total")
"""Gongkai's phases in build order; ``render`` is derived (total minus the others)."""
REBUILDS = ("rebuild, nothing changed", "rebuild, one text edited",
            "rebuild, one title edited", "rebuild, one item added",
            "rebuild, item with a file added", "rebuild, department phone edited")
REFERENCE = ("bare pelican", "pagefind", "bare total")
TOOLS = ("make check (cold)", "make audit (cold)", "make check", "make audit")
TARGETS = (  # (name, measured row, row it is divided by or None for seconds, limit)
    ("full build / (bare Pelican + Pagefind)", "total", "bare total", 0.6),
    ("one text edited / cold build", "rebuild, one text edited", "total", 0.10),
    ("one title edited / cold build", "rebuild, one title edited", "total", 0.10),
    ("one item added / cold build", "rebuild, one item added", "total", 0.10),
    ("nothing changed / cold build", "rebuild, nothing changed", "total", 0.05),
    ("make check (s)", "make check", None, 3.0),
    ("make audit (s)", "make audit", None, 5.0),
    ("make check, cold (s)", "make check (cold)", None, 3.0),
    ("make audit, cold (s)", "make audit (cold)", None, 5.0),
)
"""Issue 7's targets this benchmark can measure; "cold build" is the cold ``total``."""
UP_TO_DATE = "is up to date"
"""What ``scripts/build`` prints when it skips the build (portal_integrity/build.py)."""
PACKAGES = ("pelican", "markdown", "jinja2", "pyyaml", "feedgen", "pagefind_bin_extended")


def measure(command: list[str], log: Path, env: dict[str, str] | None = None) -> dict:
    """Run ``command`` under a fresh child of this script; its time, memory and exit status."""
    child = [sys.executable, __file__, "--measure", str(log), "--", *command]
    result = subprocess.run(child, capture_output=True, text=True, check=True, cwd=REPO,
                            env={**os.environ, **(env or {})})
    return json.loads(result.stdout.splitlines()[-1])


def _measured_child(log: Path, command: list[str]) -> int:
    """The child of :func:`measure`: run ``command``, print what it cost as one JSON line."""
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        status = subprocess.call(command, stdout=output, stderr=subprocess.STDOUT, cwd=REPO)
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": largest / 1024,
                      "tree_peak_mb": max(sampler.peak_kb, largest) / 1024, "status": status}))
    return 0


def _require(row: dict, what: str, log: Path, allowed: tuple[int, ...] = (0,)) -> dict:
    if row["status"] not in allowed:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise SystemExit(f"bench: {what} failed (exit {row['status']}); last output:\n{tail}")
    return row


def one_run(corpus: Path, bare: Path, work: Path) -> dict:
    """Every measurement once; seconds and MB per row name (see the module docstring)."""
    timings = work / "timings.jsonl"
    output = work / "gongkai"
    # Every build appends its phases here; each rebuild below empties it first.
    env = {"GONGKAI_TIMINGS": str(timings)}
    # Cold: no cache, no portal, and no portal replaced by the last run's rebuilds (which a
    # build would otherwise remove while it runs).
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    for folder in (output, *work.glob(f".{output.name}.retired-*")):
        shutil.rmtree(folder, ignore_errors=True)
    timings.unlink(missing_ok=True)
    cold = gongkai_build(corpus, output, work / "gongkai.log", env, force=True)
    rows = {name: {"seconds": seconds} for name, seconds in _phases(timings).items()}
    rows["render"] = {"seconds": cold["seconds"] - sum(r["seconds"] for r in rows.values())}
    rows["total"] = cold
    rows.update(_rebuilds(corpus, output, work, env))
    for name, script in (("make check", "scripts/check"), ("make audit", "scripts/audit")):
        for row_name, options in ((f"{name} (cold)", ["--no-cache"]), (name, [])):
            log = work / f"{script.split('/')[1]}.log"
            # make audit exits 1 for blocking findings: a verdict on the corpus, not a failure.
            rows[row_name] = _require(measure(
                [sys.executable, script, "--root", str(corpus), "--as-of", AS_OF, *options], log),
                row_name, log, (0, 1) if name == "make audit" else (0,))
    rows.update(reference(bare, work))
    return rows


def gongkai_build(corpus: Path, output: Path, log: Path, env: dict[str, str],
                  force: bool = False) -> dict:
    """``make html`` of the portal in ``corpus`` into ``output``, measured."""
    command = [sys.executable, "scripts/build", "--output", str(output),
               *(["--force"] if force else []), "--", str(corpus / "content"),
               "-s", "pelicanconf.py", "--fatal", "warnings", "-e", f'PORTAL_AS_OF="{AS_OF}"']
    what = "the cold Gongkai build" if force else "a Gongkai rebuild"
    return _require(measure(command, log, env), f"{what} of {corpus}", log)


def _rebuilds(corpus: Path, output: Path, work: Path, env: dict[str, str]) -> dict:
    """The rebuilds with the cache kept; the edited item is put back and the added one
    removed afterwards."""
    timings = Path(env["GONGKAI_TIMINGS"])

    def rebuild() -> dict:
        timings.unlink(missing_ok=True)
        log = work / "rebuild.log"
        row = gongkai_build(corpus, output, log, env)
        # Whether scripts/build skipped the build, and the phases that ran (none if it did).
        row["skipped"] = UP_TO_DATE in log.read_text("utf-8", errors="replace")
        row["phases"] = _phases(timings, complete=False) if timings.exists() else {}
        return row

    item = edited_item(corpus)
    original = item.read_bytes()
    added, added_bytes = added_item(corpus)
    with_file, with_file_bytes, file, file_bytes = added_with_file(corpus)
    profile, profile_bytes = edited_profile(corpus)
    profile_original = profile.read_bytes()
    rows = {REBUILDS[0]: rebuild()}
    try:
        item.write_bytes(original + TEXT_EDIT.encode())
        rows[REBUILDS[1]] = rebuild()
        item.write_bytes(retitled(item.read_bytes()))
        rows[REBUILDS[2]] = rebuild()
        item.write_bytes(original)
        added.write_bytes(added_bytes)
        rows[REBUILDS[3]] = rebuild()
        file.write_bytes(file_bytes)
        with_file.write_bytes(with_file_bytes)
        rows[REBUILDS[4]] = rebuild()
        profile.write_bytes(profile_bytes)
        rows[REBUILDS[5]] = rebuild()
    finally:
        item.write_bytes(original)
        profile.write_bytes(profile_original)
        for path in (added, with_file, file):
            path.unlink(missing_ok=True)
    return rows


def reference(bare: Path, work: Path) -> dict:
    """Bare Pelican over the converted items, then the Pagefind CLI over its site."""
    site = work / "bare"
    rows = {"bare pelican": _require(measure(
        [sys.executable, "-m", "pelican", str(bare), "-s", "benchmarks/bare_pelicanconf.py",
         "-o", str(site)], work / "bare.log"), "bare Pelican", work / "bare.log")}
    rows["pagefind"] = _require(measure([str(binary()), "--site", str(site)],
                                        work / "pagefind.log"), "Pagefind", work / "pagefind.log")
    rows["bare total"] = {
        "seconds": rows["bare pelican"]["seconds"] + rows["pagefind"]["seconds"],
        "peak_mb": max(rows["bare pelican"]["peak_mb"], rows["pagefind"]["peak_mb"]),
        "tree_peak_mb": max(rows["bare pelican"]["tree_peak_mb"],
                            rows["pagefind"]["tree_peak_mb"])}
    return rows


def _phases(timings: Path, complete: bool = True) -> dict[str, float]:
    """The plugins' phase seconds (summed, should a phase run more than once); ``complete``:
    every phase must have reported (only a cold build is sure to run them all)."""
    seconds = {name: 0.0 for name in PHASES if name not in ("render", "total")}
    for line in timings.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record["phase"] not in seconds:
            raise SystemExit(f"bench: unknown phase {record['phase']!r} in {timings}")
        seconds[record["phase"]] += record["seconds"]
    missing = [name for name, value in seconds.items() if value == 0.0]
    if complete and missing:
        raise SystemExit(f"bench: the build reported no timings for {', '.join(missing)}")
    return {name: value for name, value in seconds.items() if name not in missing}


def medians(runs: list[dict]) -> dict:
    out = {}
    for name in runs[0]:
        out[name] = {key: statistics.median(run[name][key] for run in runs)
                     for key in ("seconds", "peak_mb", "tree_peak_mb") if key in runs[0][name]}
    return out


def ratios(median: dict) -> list[dict]:
    checks = []
    for name, row, divisor, limit in TARGETS:
        value = median[row]["seconds"] / (median[divisor]["seconds"] if divisor else 1)
        checks.append({"target": name, "value": value, "limit": limit, "pass": value <= limit})
    return checks


def table(median: dict, items: int, checks: list[dict]) -> str:
    def line(name: str) -> str:
        row = median[name]
        seconds = row["seconds"]
        # A rebuild's time does not grow with the items it did not touch: no rate.
        rate = f"{'—':>9}" if name in REBUILDS else f"{items / seconds:9.0f}"
        peak = f"{row['peak_mb']:9.0f}" if "peak_mb" in row else f"{'—':>9}"
        tree = f"{row['tree_peak_mb']:9.0f}" if "tree_peak_mb" in row else f"{'—':>9}"
        return f"  {name:32} {seconds:9.2f} {rate} {peak} {tree}"

    head = f"  {'phase':32} {'seconds':>9} {'items/s':>9} {'peak MB':>9} {'all MB':>9}"
    lines = ["Gongkai (make html), cold: empty cache", head, *map(line, PHASES),
             "Rebuilds (same corpus, cache kept)", *map(line, REBUILDS),
             "Reference (bare Pelican + Pagefind CLI)", *map(line, REFERENCE),
             "Without rendering (cold: --no-cache)", *map(line, TOOLS), "Targets (issue 7)"]
    for check in checks:
        verdict = "PASS" if check["pass"] else "FAIL"
        lines.append(f"  {check['target']:40} {check['value']:7.2f}  ≤ {check['limit']:<4} "
                     f"{verdict}")
    lines.append("render = total − the other phases (Pelican reading and writing pages, start-up,"
                 " static files, SHA-256 list); peak MB = largest single process, all MB = all"
                 " processes at once (proportional set size: memory forked workers share with"
                 " the build counts once; sampled every 100 ms); medians of the runs.")
    return "\n".join(lines)


def environment() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                      .splitlines() if line.startswith("MemTotal")), 0) \
        if Path("/proc/meminfo").exists() else 0
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            cwd=REPO, check=False).stdout.strip()
    return {"machine": platform.machine(), "platform": platform.platform(), "cpu": cpu,
            "cpus": os.cpu_count(), "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "python": platform.python_version(), "commit": commit,
            "versions": {name: version(name) for name in PACKAGES}}


def prepare(count: int, corpus: Path | None, work: Path) -> tuple[Path, dict]:
    """The portal to build (generated unless ``corpus`` already holds one) and how it was made."""
    if corpus and (corpus / "content").is_dir():
        return corpus, {"generated": False}
    corpus = corpus or work / "corpus"
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(count),
                    str(corpus), "--force"], check=True, cwd=REPO)
    return corpus, {"generated": True, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:  # the measuring child, see measure()
        return _measured_child(Path(argv[1]), argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", metavar="N", type=int, help="items in the generated portal")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (median)")
    parser.add_argument("--corpus", type=Path,
                        help="portal folder to use if it holds one, else to generate into")
    parser.add_argument("--json", type=Path, help="results file "
                        "(default: benchmarks/results/bench-<N>.json)")
    args = parser.parse_args(argv)
    if args.count < 1 or args.runs < 1:
        parser.error("N and --runs must be positive")
    results = args.json or REPO / "benchmarks" / "results" / f"bench-{args.count}.json"
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as scratch:
        work = Path(scratch)
        corpus, made = prepare(args.count, args.corpus.resolve() if args.corpus else None, work)
        started = time.perf_counter()
        converted = convert(corpus / "content", work / "bare-content")
        made["bare_conversion_seconds"] = time.perf_counter() - started
        made["item_files"] = converted
        made["edited_item"] = edited_item(corpus).relative_to(corpus).as_posix()
        runs = []
        for number in range(1, args.runs + 1):
            rows = one_run(corpus, work / "bare-content", work)
            runs.append(rows)
            rebuilt = " / ".join(f"{rows[name]['seconds']:.1f}" for name in REBUILDS)
            print(f"run {number}/{args.runs}: Gongkai {rows['total']['seconds']:.1f} s cold, "
                  f"rebuilds {rebuilt} s, bare Pelican {rows['bare pelican']['seconds']:.1f} s"
                  f" + Pagefind {rows['pagefind']['seconds']:.1f} s", flush=True)
            if not rows[REBUILDS[0]]["skipped"]:
                print(f"bench: the {REBUILDS[0]!r} build was not skipped as up to date",
                      flush=True)
    median = medians(runs)
    checks = ratios(median)
    print(f"\n{args.count} items ({converted} item files with translations), median of "
          f"{args.runs} run{'s' * (args.runs > 1)}")
    print(table(median, args.count, checks))
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps({
        "items": args.count, "item_files": converted, "runs_count": args.runs, "as_of": AS_OF,
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "corpus": {"path": str(corpus), **made}, **environment(),
        "phases": list(PHASES), "median": median, "ratios": checks, "runs": runs,
    }, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"written {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
