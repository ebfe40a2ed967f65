"""A worker process that dies (the system's out-of-memory killer, say) stops the build with
a message that says what the workers were doing, never a traceback."""

from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import build_portal, make_site
from test_integrity import build
from portal_model.errors import STOPPED_BY_MACHINE, WorkerLost
from portal_model.messages import localized
from portal_model import parallel, prefetch
from portal_model.parallel import can_fork, forked_map, forked_pool

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")

KILLING = """
import os, signal
import {module} as target


def killed(*_):
    os.kill(os.getpid(), signal.SIGKILL)


for name, value in {settings!r}.items():
    setattr(target, name, value)
target.{function} = killed
"""

KILLED = {
    # module, the function its workers run, module settings that make a small site use them
    "读取内容文件": ("portal_model.prefetch", "_read_chunk", {"PARALLEL_FROM": 0}),
    "渲染条目正文": ("portal_cache.bodies", "_render_chunk", {"PARALLEL_FROM": 0}),
    "为搜索建立页面索引": ("portal_search.early", "index_bundle", {}),
}


def killing(_: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_dead_worker_is_reported_with_what_the_workers_were_doing():
    doing = localized("testing", "测试")
    with pytest.raises(WorkerLost) as lost:
        list(forked_map(killing, [[1], [2], [3]], 2, doing))
    assert lost.value.report("en").startswith("a worker process (testing) stopped")
    assert lost.value.report("zh").startswith("工作进程（测试）未完成即终止")


def broken_pool(_jobs: int) -> ProcessPoolExecutor:
    """A pool that knows one of its workers died: as one is left when a worker dies of its
    first piece of work while ``map`` is still handing out the rest."""
    pool = forked_pool(2)
    pool.submit(killing, None).exception()  # set once the pool is marked broken
    return pool


def test_a_worker_that_dies_while_the_work_is_handed_out_is_reported(monkeypatch):
    """Seen once in a dozen runs of the test above: ``map`` raised BrokenProcessPool."""
    monkeypatch.setattr(parallel, "forked_pool", broken_pool)
    with pytest.raises(WorkerLost):
        list(forked_map(abs, [[1], [2], [3]], 2, localized("testing", "测试")))


def test_files_read_ahead_by_a_pool_that_broke_at_once_are_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(prefetch, "forked_pool", broken_pool)
    with pytest.raises(WorkerLost) as lost:
        prefetch.read_ahead(None, tmp_path, ["item.md"] * prefetch.PARALLEL_FROM, jobs=2)
    assert lost.value.report("zh").startswith("工作进程（读取内容文件）未完成即终止")


@pytest.mark.parametrize("work", KILLED, ids=["reading", "rendering", "indexing"])
def test_a_build_whose_worker_is_killed_says_so_without_a_traceback(tmp_path, work):
    module, function, settings = KILLED[work]
    site = make_site(tmp_path / "site")
    result = build_portal(site, tmp_path / "output", f'PORTAL_CACHE="{tmp_path / "cache"}"',
                          "PORTAL_RENDER_JOBS=2",
                          setup=KILLING.format(module=module, function=function,
                                               settings=settings))
    said = result.stdout + result.stderr
    assert result.returncode == STOPPED_BY_MACHINE, said
    assert f"工作进程（{work}）未完成即终止" in said
    assert "Traceback" not in said and "BrokenProcessPool" not in said


KILLED_WHILE_WRITING = """
import os, signal
if "GONGKAI_BUILD_GATE" in os.environ:  # the Pelican run of scripts/build, not the script
    from pelican import signals

    def killed(*_):
        os.kill(os.getpid(), signal.SIGKILL)

    signals.article_generator_finalized.connect(killed)
"""


def running_with(text: str) -> list[str]:
    """The command lines of the processes whose command line holds ``text``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended meanwhile
        if text in command:
            found.append(command)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers die with the build "
                    "only where the system offers it (Linux)")
def test_a_build_killed_by_the_system_says_so_and_leaves_no_worker_behind(tmp_path):
    site = make_site(tmp_path / "site")
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(KILLED_WHILE_WRITING, "utf-8")
    output = tmp_path / "output"
    process = build(site, output, PYTHONPATH=str(tmp_path / "hook"))
    try:
        # A worker left behind would hold the build's output pipes open.
        _, said = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 128 + signal.SIGKILL, said
    assert ("build: failed (Pelican was killed by SIGKILL, most often by the system when memory"
            " ran out)") in said
    assert not output.exists()
    deadline = time.monotonic() + 10
    while (left := running_with(f"{tmp_path}{os.sep}.output.building-")) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left == []
