"""Resolving the relative paths editors write, without touching the file system."""

from __future__ import annotations

import os
import posixpath


def resolve(source: str, relative: str) -> str:
    """Project-relative path that ``relative`` names from the file ``source``.

    ``resolve("content/health/licensing/a.md", "../files/f.docx")`` is
    ``content/health/files/f.docx``. Fragments (``#x``) and queries are dropped.
    """
    target = relative.split("#", 1)[0].split("?", 1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def department_root(source: str) -> str:
    """``content/<department>`` for a project-relative content path."""
    return "/".join(source.split("/")[:2])


def is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def relative_under(prefix: str, path: str) -> str | None:
    """``path`` ('/'-separated) relative to the folder ``prefix`` (absolute, ending with the
    separator), or None when it is not under it. Only strings are compared: this runs for
    every page of a build, where resolving each path would stat each folder."""
    absolute = os.path.abspath(path)
    if not absolute.startswith(prefix):
        return None
    return absolute[len(prefix):].replace(os.sep, "/")
