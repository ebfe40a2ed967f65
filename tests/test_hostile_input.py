"""Hostile and broken input that is awkward to commit as a file: each gets a clear message."""

from __future__ import annotations

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


@pytest.mark.parametrize("ahead", [False, True], ids=["read here", "read by workers"])
def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(site, monkeypatch, ahead):
    """A symbolic link committed after its target was deleted: no file to read."""
    from portal_model import prefetch  # noqa: PLC0415

    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 0 if ahead else 10 ** 9)
    (site / "content/demo/news/gone.md").symlink_to("deleted.md")
    assert problem_lines(site) == [
        "content/demo/news/gone.md:1: the file cannot be read (No such file or directory); a "
        "symbolic link whose target is gone, or a file without read permission: restore the "
        "file or delete this entry"]
