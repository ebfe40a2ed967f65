"""`make devserver` (``scripts/devserver``): the portal is built, served, and built again
when content or configuration changes; and Pelican's own ``pelican -r -l``, which builds in
a process it forks after the plugins have started, finishes its builds too."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

from conftest import AS_OF, ROOT, make_site

import pytest

DONE = "Done: Processed"
AGAIN = {"devserver": "building again", "pelican -r -l": "re-generating"}
"""What each prints when it has seen a change."""


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


def edited(said: queue.Queue, seen: list[str], path, old: str, new: str, again: str) -> None:
    """Replace ``old`` with ``new`` in the file at ``path``; wait until a build starts and
    ends."""
    before = path.read_text("utf-8")
    assert old in before
    for attempt in range(20):  # a change is watched for only once the last build has ended
        path.write_text(before.replace(old, new) + "\n" * (attempt + 1), "utf-8")
        try:
            wait_for(said, again, 3, seen)
            break
        except AssertionError:
            continue
    wait_for(said, DONE, 60, seen)


@pytest.mark.parametrize("command", AGAIN)
def test_the_devserver_builds_then_builds_again_after_an_edit(tmp_path, command):
    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    start = ([str(ROOT / "scripts" / "devserver")] if command == "devserver"
             else ["-m", "pelican", "-r", "-l"])
    process = subprocess.Popen(
        [sys.executable, *start, str(site / "content"), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "-p", "0",
         "-e", f'PORTAL_AS_OF="{AS_OF}"', "PORTAL_KEEP_SERVING_ON_ERRORS=true",
         f'PORTAL_CACHE="{tmp_path / "cache"}"'],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    said, seen = lines_of(process), []
    try:
        wait_for(said, DONE, 60, seen)
        assert any(line.startswith("Search index:") for line in seen)
        news = site / "content" / "demo" / "news" / "example.md"
        body = news.read_text("utf-8").rstrip().splitlines()[-1]
        edited(said, seen, news, body, f"{body}开发预览中的修改。", AGAIN[command])
        if command == "devserver":  # Pelican's own does not watch config/
            edited(said, seen, site / "config" / "portal.yaml", "name: 测试市", "name: 预览市",
                   AGAIN[command])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    page = (output / "demo" / "news").glob("*/index.html")
    assert any("开发预览中的修改" in path.read_text("utf-8") for path in page)
    if command == "devserver":
        assert "预览市人民政府门户网站" in (output / "index.html").read_text("utf-8")
