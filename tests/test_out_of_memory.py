"""Memory the system refuses (a hard limit such as ``ulimit -v``, a server that does not
overcommit) stops a build, a check or an audit with one line that says what was being done,
never a traceback, and never a build that waits forever (portal_model.exhaustion)."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, build_portal, make_site
from portal_integrity.build import _ended
from portal_model.errors import STOPPED_BY_MACHINE, OutOfMemory
from portal_model.exhaustion import exhausted, guarded
from portal_model.messages import localized
from portal_model.parallel import can_fork

DOING = localized("testing", "测试")
REFUSED_ZH = "内存不足（{work}）：系统拒绝为本次运行分配更多内存"


@pytest.mark.parametrize("error", [
    MemoryError(),
    RuntimeError("can't start new thread"),
    RuntimeError("can't allocate read lock"),
    OSError(errno.ENOMEM, "Cannot allocate memory"),
    ImportError("/x/etree.so: failed to map segment from shared object"),
], ids=["allocation", "thread", "lock", "fork", "library"])
def test_memory_refused_is_told_apart(error):
    assert exhausted(error)
    with pytest.raises(OutOfMemory) as raised, guarded(DOING, "zh"):
        raise error
    assert raised.value.report("zh").startswith(REFUSED_ZH.format(work="测试"))
    assert raised.value.report("en").startswith("memory ran out (testing): the system refused")


@pytest.mark.parametrize("error", [
    RuntimeError("dictionary changed size during iteration"),
    OSError(errno.ENOENT, "No such file or directory"),
    ImportError("No module named 'lxml'"),
    ValueError("bad"),
], ids=["runtime", "file", "import", "value"])
def test_other_errors_pass_through_unchanged(error):
    assert not exhausted(error)
    with pytest.raises(type(error)) as raised, guarded(DOING, "zh"):
        raise error
    assert raised.value is error


def test_the_thread_hook_is_put_back():
    before = threading.excepthook
    with guarded(DOING, "zh"):
        assert threading.excepthook is not before
    assert threading.excepthook is before


THREAD_DIES = """
import sys, threading, time
sys.path.insert(0, {plugins!r})
from portal_model.exhaustion import guarded
from portal_model.messages import localized


def dies():
    raise {error}


with guarded(localized("testing", "测试"), "zh"):
    threading.Thread(target=dies).start()
    time.sleep(60)  # what a build waiting on a dead pool's results does
"""


@pytest.mark.parametrize(("error", "said", "status"), [
    ('RuntimeError("can\'t start new thread")', REFUSED_ZH.format(work="测试"), STOPPED_BY_MACHINE),
    ('KeyError("bug")', "KeyError: 'bug'", 1),
], ids=["memory", "bug"])
def test_a_thread_that_dies_ends_the_process_instead_of_leaving_it_waiting(error, said, status):
    """As the manager thread of a process pool died under ``ulimit -v 250000``."""
    done = subprocess.run([sys.executable, "-c", THREAD_DIES.format(
        plugins=str(ROOT / "plugins"), error=error)], capture_output=True, text=True,
        timeout=30, check=False)
    assert done.returncode == status
    assert said in done.stderr


def test_a_library_that_aborts_the_build_is_pointed_at():
    assert _ended(-6) == "Pelican was killed by SIGABRT, by a library it uses: the lines above say why"


# --- through Pelican -------------------------------------------------------------------------

REFUSING = """
import {module} as target


def refused(*_, **__):
    raise {error}


for name, value in {settings!r}.items():
    setattr(target, name, value)
target.{function} = refused
"""

REFUSALS = {
    # what the build says it was doing: module, function, module settings, the error
    "构建门户": ("portal_cache.plugin", "CachingWriter.write_file", {}, "MemoryError()"),
    "渲染条目正文": ("portal_cache.bodies", "_render_chunk", {"PARALLEL_FROM": 0},
                 "MemoryError()"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("memory") / "site")


def built(site: Path, tmp_path: Path, setup: str) -> tuple[int, str]:
    result = build_portal(site, tmp_path / "output", f'PORTAL_CACHE="{tmp_path / "cache"}"',
                          "PORTAL_RENDER_JOBS=2", setup=setup)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.skipif(not can_fork(), reason="the workers are forked")
@pytest.mark.parametrize("work", REFUSALS, ids=["build", "worker"])
def test_a_build_refused_memory_says_what_it_was_doing(site, tmp_path, work):
    module, function, settings, error = REFUSALS[work]
    holder, _, name = function.rpartition(".")
    setup = REFUSING.format(module=module, function=function, settings=settings, error=error)
    if holder:  # a method: replaced on its class
        setup = setup.replace(f"target.{function} = refused",
                              f"setattr(target.{holder}, {name!r}, refused)")
    status, said = built(site, tmp_path, setup)
    assert status == STOPPED_BY_MACHINE, said
    assert REFUSED_ZH.format(work=work) in said
    assert "Traceback" not in said and "CRITICAL" not in said


PAGEFIND_ABORTS = """
import os, stat, tempfile
from pathlib import Path
import portal_search.indexer as indexer

fake = Path(tempfile.mkdtemp()) / "pagefind"
fake.write_text("#!/bin/sh\\necho 'memory allocation of 128 bytes failed' >&2\\nkill -ABRT $$\\n")
fake.chmod(stat.S_IRWXU)
indexer.binary = lambda: fake
"""


def test_pagefind_refused_memory_names_the_bundle(site, tmp_path):
    status, said = built(site, tmp_path, PAGEFIND_ABORTS)
    assert status == STOPPED_BY_MACHINE, said
    assert "Search index: 内存不足（为搜索建立 pagefind/zh-cn/demo/ 的索引）" in said
    assert "Traceback" not in said and "stack backtrace" not in said


@pytest.mark.parametrize(("command", "work"), [("portal_model.cli", "读取并检查门户"),
                                               ("portal_standards.cli", "按标准检查门户")],
                         ids=["check", "audit"])
def test_check_and_audit_refused_memory_say_so(site, monkeypatch, capsys, command, work):
    module = __import__(command, fromlist=["main"])

    def refused(*_, **__):
        raise MemoryError

    monkeypatch.setattr(module, "load_portal", refused)
    # not 1: `make audit` exits 1 for blocking findings, which a merge gate must tell apart
    assert module.main(["--root", str(site), "--lang", "zh"]) == STOPPED_BY_MACHINE
    assert capsys.readouterr().err.startswith(REFUSED_ZH.format(work=work))
