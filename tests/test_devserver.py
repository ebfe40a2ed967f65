"""`make devserver` (``pelican -r -l``): the portal is built, served, and built again when
content changes. Pelican builds in a process it forks after the plugins have started."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

from conftest import AS_OF, ROOT, make_site

DONE = "Done: Processed"


def lines_of(process: subprocess.Popen) -> queue.Queue:
    """What ``process`` prints, line by line, as it prints it."""
    said: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            said.put(line)

    threading.Thread(target=read, daemon=True).start()
    return said


def wait_for(said: queue.Queue, text: str, seconds: float, seen: list[str]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = said.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"no {text!r} within {seconds} s; printed:\n{''.join(seen)}")


def test_the_devserver_builds_then_builds_again_after_an_edit(tmp_path):
    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    process = subprocess.Popen(
        [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "-r", "-l", "-p", "0",
         "-e", f'PORTAL_AS_OF="{AS_OF}"', "PORTAL_KEEP_SERVING_ON_ERRORS=true",
         f'PORTAL_CACHE="{tmp_path / "cache"}"'],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    said, seen = lines_of(process), []
    try:
        wait_for(said, DONE, 60, seen)
        assert any(line.startswith("Search index:") for line in seen)
        item = site / "content" / "demo" / "news" / "example.md"
        text = item.read_text("utf-8")
        for attempt in range(20):  # Pelican watches for changes only after printing DONE
            item.write_text(f"{text}\n开发预览中的修改 {attempt}。\n", "utf-8")
            try:
                wait_for(said, "re-generating", 3, seen)
                break
            except AssertionError:
                continue
        wait_for(said, DONE, 60, seen)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    page = (output / "demo" / "news").glob("*/index.html")
    assert any("开发预览中的修改" in path.read_text("utf-8") for path in page)
