"""The Makefile hands Pelican its settings overrides in one -e (Pelican keeps only the last)."""

import subprocess

from conftest import ROOT


def dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", "-C", str(ROOT), *args], capture_output=True,
                          text=True, check=True).stdout


def test_language_and_date_overrides_travel_together():
    command = next(line for line in dry_run("html", "PORTAL_LANG=en", "AS_OF=2026-11-21")
                   .splitlines() if "scripts/build" in line)
    assert command.count(" -e ") == 1
    assert """-e 'PORTAL_LANG="en"' 'PORTAL_AS_OF="2026-11-21"'""" in command


def test_no_override_no_flag():
    command = next(line for line in dry_run("html").splitlines() if "scripts/build" in line)
    assert " -e " not in command
