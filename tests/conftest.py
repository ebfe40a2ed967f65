"""Shared test helpers: a throw-away copy of the fixture site, and problem lines."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from portal_model.errors import ContentValidationError
from portal_model.loader import load_portal

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
AS_OF = dt.date(2026, 11, 21)
"""Every test evaluates dates as of this day, so results never depend on the calendar."""


def make_site(target: Path) -> Path:
    """Copy the valid fixture site to ``target`` with the real schemas; return its root."""
    shutil.copytree(FIXTURES / "site", target)
    shutil.copytree(ROOT / "config" / "schemas", target / "config" / "schemas")
    shutil.copy(ROOT / "config" / "columns.yaml", target / "config" / "columns.yaml")
    return target


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fresh, valid copy of tests/fixtures/site that a test may break."""
    return make_site(tmp_path / "site")


def problem_lines(root: Path, lang: str = "en") -> list[str]:
    """The lines ``make check`` would print for ``root`` (summary excluded); [] when valid."""
    try:
        load_portal(root, today=AS_OF)
    except ContentValidationError as exc:
        return [problem.format(lang) for problem in exc.problems]
    return []


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path
