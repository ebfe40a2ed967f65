"""A portal that cannot be written (a full disk, an output folder the build may not write)
stops the build with what the system said and what to do, not a traceback
(portal_integrity.run, Pelican's ``PELICAN_CLASS``)."""

from __future__ import annotations

import pytest

from conftest import build_portal, make_site
from portal_model.errors import STOPPED_BY_MACHINE

REFUSING = """
import errno, os
from portal_cache.plugin import CachingWriter


def refuse(self, filename, encoding, override=False):
    raise OSError(errno.{code}, os.strerror(errno.{code}), {where})


CachingWriter._open_w = refuse
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("unwritable") / "site")


def build_refused(site, tmp_path, code, where):
    output = tmp_path / "output"
    result = build_portal(site, output, f'PORTAL_CACHE="{tmp_path / "cache"}"',
                          setup=REFUSING.format(code=code, where=where))
    return output, result.returncode, result.stdout + result.stderr


def test_a_full_disk_is_told_with_the_folder_and_what_to_do(site, tmp_path):
    output, status, said = build_refused(site, tmp_path, "ENOSPC", "None")
    assert status == STOPPED_BY_MACHINE, said
    assert f"无法写入门户（No space left on device）；门户写入 {output}：请释放该磁盘的空间" in said
    assert "Traceback" not in said


def test_a_page_the_build_may_not_write_is_named(site, tmp_path):
    output, status, said = build_refused(site, tmp_path, "EACCES", "filename")
    assert status == STOPPED_BY_MACHINE, said
    assert f"无法写入门户（Permission denied: {output}/demo/" in said
    assert "Traceback" not in said


def test_a_failing_disk_is_told_as_such(site, tmp_path):
    output, status, said = build_refused(site, tmp_path, "EIO", "filename")
    assert status == STOPPED_BY_MACHINE, said
    assert f"构建门户时磁盘出错（Input/output error: {output}/demo/" in said
    assert "请检查该磁盘" in said and "Traceback" not in said


@pytest.mark.parametrize(("code", "where"), [("EACCES", "'/elsewhere/theme.html'"),
                                             ("ENOENT", "filename")])
def test_other_file_errors_keep_their_traceback(site, tmp_path, code, where):
    _, status, said = build_refused(site, tmp_path, code, where)
    assert status == 1 and "Traceback" in said and "无法写入门户" not in said
