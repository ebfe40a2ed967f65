#!/usr/bin/env python3
"""Measure the ways of building the search index: ``python benchmarks/search_index.py N``.

Generates an N-item portal with ``benchmarks/corpus.py`` (``demo``: the repository's own
portal) and builds it with Pelican into ``--work`` (kept, and reused by the next run), then
indexes its item pages in four ways, each in a fresh process:

* ``cli``: the extended binary, one process per department bundle (what ``make html`` does);
* ``api``: Pagefind's Python API, one service, ``add_directory`` per department bundle;
* ``cli-single`` and ``api-single``: one index over all pages of a language, for comparison
  (what a portal without per-department bundles would do).

For each it prints and records the wall time, the peak resident memory of the largest
indexer process, the peak of all indexer processes running at once, and the size of the
written index. Results go to ``benchmarks/results/search-<N>.json``. The build's own
choice and the reasons are in ``plugins/portal_search/indexer.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from portal_model.loader import load_portal  # noqa: E402
from portal_search.bundles import Bundle, plan  # noqa: E402
from portal_model.parallel import default_jobs  # noqa: E402
from portal_search.indexer import index_all, pagefind_version  # noqa: E402

METHODS = ("cli", "api", "cli-single", "api-single")
AS_OF = "2026-11-21"


def bundles_for(root: Path, method: str) -> list[Bundle]:
    pages = plan(load_portal(root, today=dt.date.fromisoformat(AS_OF)))
    if method.endswith("-single"):
        return [Bundle(page.lang, "all", tuple(path for bundle in page.bundles
                                                for path in bundle.pages)) for page in pages]
    return [bundle for page in pages for bundle in page.bundles]


class MemorySampler(threading.Thread):
    """Peak memory of this process's descendants together, sampled every 100 ms.

    Counted as proportional set size (``Pss`` in ``/proc/<pid>/smaps_rollup``): a page
    shared by several processes counts once in all, split among them. Worker processes
    forked from the build share most of its memory; adding up their resident sizes would
    count that memory once per worker. Reading it costs about a millisecond per process,
    so it is sampled every 100 ms, not more often, to leave the build its CPU.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.1):
            self.peak_kb = max(self.peak_kb, self._descendants_kb())

    @staticmethod
    def _descendants_kb() -> int:
        parents = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
        ours, total = {os.getpid()}, 0
        for pid in sorted(parents):  # children have higher ids, nearly always
            if parents[pid] in ours:
                ours.add(pid)
                total += _pss_kb(pid)
        return total


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # the process has ended
    return 0


def run_one(root: Path, output: Path, method: str, jobs: int | None) -> dict:
    """Index ``output``, built from ``root``, one way (in this process); what it cost."""
    bundles = bundles_for(root, method)
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    results = index_all(output, bundles, method=method.split("-")[0], jobs=jobs)
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "method": method, "jobs": 1 if method.startswith("api") else jobs or default_jobs(),
        "seconds": round(seconds, 2),
        "bundles": len(results),
        "pages": sum(result.pages for result in results),
        "largest_process_mb": round(children / 1024, 1),
        "all_processes_peak_mb": round(sampler.peak_kb / 1024, 1),
        "index_bytes": sum(result.size for result in results),
        "largest_bundle_bytes": max(result.size for result in results),
    }


def build(target: str, folder: Path) -> tuple[Path, Path]:
    """The portal's root and its built output (built unless already there)."""
    root = REPO if target == "demo" else folder / f"corpus-{target}"
    output = folder / f"corpus-{target}" / "output"
    if not (output / "index.html").is_file():
        if target != "demo":
            subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), target,
                            str(root), "--force"], check=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pelican", str(root / "content"), "-o",
                        str(output), "-s", str(REPO / "pelicanconf.py"),
                        "-e", f'PORTAL_AS_OF="{AS_OF}"'], check=True)
        print(f"built {target} in {time.perf_counter() - started:.0f} s")
    return root, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", metavar="N", help="items in the generated portal, or demo")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "gongkai-bench",
                        help="where portals are generated and built (kept for reuse)")
    parser.add_argument("--jobs", type=int, help="indexer processes at once (default: build's)")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--run", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.target != "demo" and not args.target.isdigit():
        parser.error("N must be a number of items, or demo")
    root, output = build(args.target, args.work.resolve())
    if args.run:  # the measuring child: one method, result as JSON on stdout
        print(json.dumps(run_one(root, output, args.run, args.jobs)))
        return 0
    rows = []
    for method in args.methods:
        command = [sys.executable, __file__, args.target, "--work", str(args.work),
                   "--run", method] + (["--jobs", str(args.jobs)] if args.jobs else [])
        row = json.loads(subprocess.run(command, check=True, capture_output=True,
                                        text=True).stdout.splitlines()[-1])
        rows.append(row)
        print(f"{method:11} {row['jobs']} jobs {row['seconds']:7.2f} s  {row['bundles']:3} bundles"
              f"  largest process {row['largest_process_mb']:7.1f} MB"
              f"  all at once {row['all_processes_peak_mb']:7.1f} MB"
              f"  index {row['index_bytes'] / 1e6:6.1f} MB"
              f" (largest bundle {row['largest_bundle_bytes'] / 1e6:.1f} MB)")
    results = REPO / "benchmarks" / "results" / f"search-{args.target}.json"
    results.parent.mkdir(exist_ok=True)
    # Runs of other methods or job counts recorded earlier are kept; these replace their own.
    earlier = json.loads(results.read_text("utf-8"))["runs"] if results.is_file() else []
    fresh = {(row["method"], row["jobs"]) for row in rows}
    rows = [row for row in earlier if (row["method"], row.get("jobs")) not in fresh] + rows
    results.write_text(json.dumps({
        "portal": args.target, "pagefind": pagefind_version(), "cpus": os.cpu_count(),
        "machine": platform.machine(), "python": platform.python_version(),
        "runs": sorted(rows, key=lambda row: (METHODS.index(row["method"]), row["jobs"])),
    }, indent=2) + "\n", "utf-8")
    print(f"written {results.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
