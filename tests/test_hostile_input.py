"""Hostile and broken input that is awkward to commit as a file: each gets a clear message."""

from __future__ import annotations

import os
import re
import resource
import time

import pytest

from conftest import problem_lines

NEWS = "content/demo/news/example.md"


def replace_title(site, title: str) -> None:
    path = site / NEWS
    path.write_text(re.sub(r"^title: .*$", lambda _: f"title: {title}", path.read_text("utf-8"),
                           count=1, flags=re.M), "utf-8")


@pytest.mark.parametrize(("title", "expected"), [
    ("关于<script>alert(1)</script>的通知",
     "title: expected a title without < or > (cite documents with 《》), got "
     "'关于<script>alert(1)</script>的通知'"),
    ('"   "', "title: expected non-blank text, got '   '"),
    ("x" * 201, "title: expected at most 200 characters, got 'x"),
])
def test_bad_titles(site, title, expected):
    replace_title(site, title)
    [line] = problem_lines(site)
    assert line.startswith(f"{NEWS}:4: {expected}")


def test_a_ten_megabyte_body_is_refused_quickly(site):
    path = site / NEWS
    path.write_text(path.read_text("utf-8") + "正文内容。" * 700_000, "utf-8")  # ~10 MB
    started = time.perf_counter()
    assert problem_lines(site) == [
        f"{NEWS}:1: the file is {path.stat().st_size} bytes, over the limit of 2000000 for an "
        "item; put long documents in an attachment (files/) and link it"]
    assert time.perf_counter() - started < 10


def test_deeply_nested_yaml_is_refused(site):
    path = site / NEWS
    nested = "keywords: " + "[" * 500 + "]" * 500
    path.write_text(path.read_text("utf-8").replace("topic:", nested + "\ntopic:", 1), "utf-8")
    lines = problem_lines(site)
    assert any(line.startswith(f"{NEWS}:8: keywords[0]") and "nested" in line for line in lines)


def test_an_alias_bomb_is_refused_without_expanding(site):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
             f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
    path = site / NEWS
    text = path.read_text("utf-8")
    path.write_text(text.replace("---\n", "---\n" + "\n".join(bomb) + "\n", 1), "utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    lines = problem_lines(site)
    assert time.perf_counter() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB
    assert any("anchors and aliases" in line for line in lines), lines


def test_crlf_line_endings_are_read_like_lf(site):
    path = site / NEWS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert problem_lines(site) == []


CANNOT_READ = ("{}:1: the file cannot be read ({}); a symbolic link whose target is gone, or "
               "a file without read permission: restore the file or delete this entry")


def test_a_link_whose_target_is_gone_is_a_problem_not_a_crash(site):
    """Symbolic links committed after their targets were deleted: an item and an attachment
    (which the build would otherwise fail to copy)."""
    (site / "content/demo/news/gone.md").symlink_to("deleted.md")
    attachment = next((site / "content/demo/files").iterdir())
    attachment.unlink()
    attachment.symlink_to("deleted.pdf")
    shown = attachment.relative_to(site).as_posix()
    lines = problem_lines(site)
    for name in ("content/demo/news/gone.md", shown):
        lines.remove(CANNOT_READ.format(name, "No such file or directory"))
    # The attachment is not there to publish: each item using it is told so too.
    assert lines and all(line.endswith(f"does not exist (looked for {shown})") for line in lines)


@pytest.mark.parametrize("ahead", [False, True], ids=["read here", "read by workers"])
def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(site, monkeypatch, ahead):
    """No permission to read an item (simulated: the tests may run as root)."""
    from portal_model import loader, prefetch  # noqa: PLC0415

    def refusing(path):
        if path.endswith(NEWS):
            raise PermissionError(13, "Permission denied", path)
        return read_file(path)

    read_file = prefetch.read_file
    for module in (loader, prefetch):
        monkeypatch.setattr(module, "read_file", refusing)
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 0 if ahead else 10 ** 9)
    assert problem_lines(site) == [CANNOT_READ.format(NEWS, "Permission denied")]


def test_names_that_are_not_utf8_are_problems_not_crashes(site):
    """Names in GBK, as archives made on Chinese Windows have them (报告 below)."""
    gbk = "报告".encode("gbk")
    demo = os.fsencode(site / "content/demo")
    with open(os.path.join(demo, b"news", gbk + b".md"), "wb") as item:
        item.write((site / NEWS).read_bytes())
    with open(os.path.join(demo, b"files", gbk + b".pdf"), "wb") as attachment:
        attachment.write(b"%PDF-1.4\n")
    os.mkdir(os.path.join(demo, b"files", gbk))
    message = ("the name is not valid UTF-8 (its other bytes are shown as \\xNN); rename it in "
               "UTF-8 (archives made on Chinese Windows often name files in GBK)")
    assert problem_lines(site) == [
        f"content/demo/files/\\xb1\\xa8\\xb8\\xe6:1: {message}",
        f"content/demo/files/\\xb1\\xa8\\xb8\\xe6.pdf:1: {message}",
        f"content/demo/news/\\xb1\\xa8\\xb8\\xe6.md:1: {message}"]
