"""Nothing outside content/ gets in: symbolic links, control characters, case-only collisions."""

from __future__ import annotations

import os
import re

from conftest import problem_lines

FORM = "content/demo/form/example.md"


def test_links_out_of_content_are_refused_and_linked_folders_reported(site):
    os.symlink("/etc/passwd", site / "content/demo/files/passwd.txt")
    os.symlink("/etc", site / "content/demo/etcdir")
    os.symlink("permit-sample.pdf", site / "content/demo/files/inside-link.pdf")
    assert problem_lines(site) == [
        "content/demo/etcdir:1: this folder is a symbolic link, which is not published; put "
        "the real folder here",
        "content/demo/files/passwd.txt:1: this file is a symbolic link to a file outside "
        "content/, which is never published; copy the file here instead",
    ]


def test_names_that_differ_only_in_case_collide(site):
    (site / "content/demo/files/Permit-Sample.PDF").write_bytes(b"%PDF-1.4\n")
    lines = problem_lines(site)
    assert len(lines) == 2 and all("only in upper and lower case" in line for line in lines)


def test_control_characters_are_named_with_their_line(site):
    path = site / FORM
    text = path.read_text("utf-8")
    path.write_text(text.replace("title:", "title: 申请\x00表\ntitle_unused:", 1), "utf-8")
    [line] = problem_lines(site)
    assert line.startswith(f"{FORM}:4: the file contains the control character U+0000")
    path.write_text(text + "\n正文里的响铃\x07。\n", "utf-8")
    [line] = problem_lines(site, "zh")
    assert re.match(rf"{FORM}:\d+: 文件中有控制字符 U\+0007", line)


def test_attachment_paths_cannot_escape(site):
    path = site / FORM
    text = path.read_text("utf-8")
    for bad in ("C:\\\\Windows\\\\win.ini", "/etc/passwd", "../files/a\\0b.docx",
                "../../../../etc/passwd"):
        path.write_text(re.sub(r"^file: .*$", lambda _: f'file: "{bad}"', text, flags=re.M),
                        "utf-8")
        [line] = problem_lines(site)
        assert line.startswith(f"{FORM}:12: file:"), line
