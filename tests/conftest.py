"""Shared test helpers: a throw-away copy of the fixture site, and problem lines."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
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
    shutil.copytree(ROOT / "config" / "standards", target / "config" / "standards")
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


def audit_findings(root: Path, *rule_ids: str, as_of: dt.date = AS_OF, **params):
    """Findings of just ``rule_ids`` (defaults, ``params`` overriding) on the site at ``root``."""
    from portal_standards.audit import evaluate, single_rules  # noqa: PLC0415
    from portal_standards.calendar import WorkingCalendar  # noqa: PLC0415

    portal = load_portal(root, today=as_of)
    return evaluate(portal, single_rules(*rule_ids, **params), as_of,
                    WorkingCalendar(), root).findings


def delete_items(root: Path, *relatives: str) -> None:
    """Delete items, and the attachments no remaining item uses (they would be refused)."""
    import re  # noqa: PLC0415

    used = re.compile(r"\.\./files/([^\s,}'\")\]]+)")
    named = set()
    for relative in relatives:
        path = root / relative
        named.update(used.findall(path.read_text("utf-8")))
        path.unlink()
    remaining = "".join(p.read_text("utf-8") for p in (root / "content").rglob("*.md"))
    for relative in relatives:
        for name in named:
            attachment = (root / relative).parent.parent / "files" / name
            if attachment.exists() and f"files/{name}" not in remaining:
                attachment.unlink()


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


_demo_cache: Path | None = None
"""Where builds of the demo keep their cache (:func:`demo_cache`)."""


@pytest.fixture(scope="session", autouse=True)
def demo_cache(tmp_path_factory) -> Path:
    """The cache builds of the demo (``ROOT``) share in this run, by every xdist worker at
    once as builds may: never the project's own ``.cache``, which a test run would otherwise
    fill with its own settings' pages (and whose state would be the tests' input)."""
    global _demo_cache
    base = tmp_path_factory.getbasetemp()
    _demo_cache = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "demo-cache"
    return _demo_cache


def demo_cache_setting(root: Path) -> list[str]:
    """The ``-e`` override that keeps a build of ``root`` out of the project's cache."""
    return [f'PORTAL_CACHE="{_demo_cache}"'] if root == ROOT and _demo_cache else []


def build_portal(root: Path, output: Path, *settings: str, setup: str = ""
                 ) -> subprocess.CompletedProcess:
    """Build the portal at ``root`` into ``output`` through Pelican, as of :data:`AS_OF`.

    ``settings`` are extra ``-e`` overrides, e.g. ``'PORTAL_LANG="en"'``. ``setup``: Python
    the build's process runs first, with the plugins importable (to make a worker die or
    the disk fill, say); what it defines is in ``__main__``, where forked workers find it.
    """
    start = (["-c", f"import sys\nsys.path.insert(0, {str(ROOT / 'plugins')!r})\n{setup}\n"
                    "from pelican import main\nsys.argv[0] = 'pelican'\nmain()"]
             if setup else ["-m", "pelican"])
    return subprocess.run(
        [sys.executable, *start, str(root / "content"), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
         "-e", f'PORTAL_AS_OF="{AS_OF}"', *demo_cache_setting(root), *settings],
        capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo portal built once per test session, interface in its default language."""
    output = tmp_path_factory.mktemp("demo") / "output"
    result = build_portal(ROOT, output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def demo_output_en(tmp_path_factory) -> Path:
    """The demo portal built with its interface in English (``PORTAL_LANG=en``)."""
    output = tmp_path_factory.mktemp("demo-en") / "output"
    result = build_portal(ROOT, output, 'PORTAL_LANG="en"')
    assert result.returncode == 0, result.stderr
    return output
