"""End-to-end checks of the demo city shipped in content/."""

import subprocess
import sys

import pytest

from conftest import AS_OF, ROOT, demo_cache_setting
from portal_model.loader import load_portal


@pytest.fixture(scope="module")
def demo():
    return load_portal(ROOT, today=AS_OF)


def test_demo_is_large_and_covers_every_type(demo):
    assert len(demo.items) >= 100
    assert len(demo.departments) >= 5
    published_types = {item.type for item in demo.published_items}
    assert published_types == set(demo.type_labels), set(demo.type_labels) - published_types


def test_every_department_publishes_several_kinds_of_items(demo):
    for department in demo.departments:
        kinds = {item.type for item in demo.published_items if item.department == department}
        assert len(kinds) >= 10, department


def test_demo_has_translations_and_withheld_items(demo):
    assert sum(item.is_translation for item in demo.items) >= 3
    assert {item.withheld for item in demo.items} >= {"classification", "embargo"}


def test_demo_dates_spread_over_two_years(demo):
    dates = sorted(item.published_date for item in demo.published_items)
    assert (dates[-1] - dates[0]).days >= 540


def test_demo_builds(tmp_path):
    output = tmp_path / "output"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
         "-e", f'PORTAL_AS_OF="{AS_OF.isoformat()}"', *demo_cache_setting(ROOT)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    demo = load_portal(ROOT, today=AS_OF)
    for item in demo.items:
        page = output / item.url / "index.html"
        assert page.is_file() == item.published, item.source
