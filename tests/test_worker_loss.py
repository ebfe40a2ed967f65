"""A worker process that dies (the system's out-of-memory killer, say) stops the build with
a message that says what the workers were doing, never a traceback."""

from __future__ import annotations

import os
import signal

import pytest

from conftest import build_portal, make_site
from portal_model.errors import WorkerLost
from portal_model.messages import localized
from portal_model.parallel import can_fork, forked_map

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


@pytest.mark.parametrize("work", KILLED, ids=["reading", "rendering", "indexing"])
def test_a_build_whose_worker_is_killed_says_so_without_a_traceback(tmp_path, work):
    module, function, settings = KILLED[work]
    site = make_site(tmp_path / "site")
    result = build_portal(site, tmp_path / "output", f'PORTAL_CACHE="{tmp_path / "cache"}"',
                          "PORTAL_RENDER_JOBS=2",
                          setup=KILLING.format(module=module, function=function,
                                               settings=settings))
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert f"工作进程（{work}）未完成即终止" in said
    assert "Traceback" not in said and "BrokenProcessPool" not in said
