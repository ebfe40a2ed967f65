"""``scripts/a11y``: page sampling; axe-core and the Nu validator on made-up pages and the demo.

The browser tests need Chromium, chromedriver, Java and node_modules (``make a11y-setup``) and
are skipped without them; the sampling tests always run.
"""

import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write

A11Y = ROOT / "scripts" / "a11y"


def _load_script():
    """scripts/a11y as a module (it has no .py suffix, so a plain import cannot find it)."""
    loader = importlib.machinery.SourceFileLoader("a11y_script", str(A11Y))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


a11y = _load_script()


def _missing_tools() -> str:
    try:
        a11y.check_tools()
    except a11y.CannotRun as exc:
        return str(exc).replace("\n", "; ")
    if importlib.util.find_spec("selenium") is None:
        return "Python package selenium is missing: run `make install`"
    return ""


needs_browser_tools = pytest.mark.skipif(bool(_missing_tools()), reason=_missing_tools())

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body data-page-type="{page_type}">
<main><h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def page(title: str, body: str = "<p>Text.</p>", page_type: str = "made-up") -> str:
    return PAGE.format(title=title, body=body, page_type=page_type)


def run_a11y(output: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(A11Y), "--output", str(output), *options],
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_first_page_of_each_type_in_path_order_is_its_sample(tmp_path):
    write(tmp_path, "b/index.html", page("B", page_type="item-policy"))
    write(tmp_path, "a/index.html", page("A", page_type="item-policy"))
    write(tmp_path, "index.html", "<!DOCTYPE html><body class='x' data-page-type='home'></body>")
    write(tmp_path, "a/z/index.html", page("Z", page_type="column"))
    write(tmp_path, "theme/unmarked.html", "<!DOCTYPE html><title>x</title><body></body>")
    write(tmp_path, "en/a/index.html", page("A", page_type="item-policy").replace(
        'lang="en"', 'lang="zh-CN"'))
    pages = a11y.classify_pages(tmp_path)
    assert pages == {"a/index.html": "item-policy@en", "a/z/index.html": "column@en",
                     "b/index.html": "item-policy@en", "en/a/index.html": "item-policy@zh-CN",
                     "index.html": "home", "theme/unmarked.html": None}
    assert a11y.sample_pages(pages) == {"column@en": "a/z/index.html", "home": "index.html",
                                        "item-policy@en": "a/index.html",
                                        "item-policy@zh-CN": "en/a/index.html"}


def test_a_page_is_opened_at_its_folder_address():
    assert a11y.page_url("/", "market/policy/a/index.html") == "/market/policy/a/"
    assert a11y.page_url("/", "index.html") == "/"
    assert a11y.page_url("/", "en/search.html") == "/en/search.html"


def test_a_missing_portal_is_reported_in_one_line_without_traceback(tmp_path):
    result = run_a11y(tmp_path / "missing")
    assert result.returncode == 2
    assert "does not exist: build the portal first (`make html`)" in result.stderr
    assert "Traceback" not in result.stderr


@needs_browser_tools
def test_known_problems_fail_the_check_and_are_named(tmp_path):
    write(tmp_path, "index.html", page("Problems", page_type="broken", body=(
        '<img src="photo.png">\n'  # axe image-alt, and a Nu error too
        '<p id="a" id="b">Duplicate attribute: only the Nu validator sees it.</p>\n'
        '<div style="width: 600px">Too wide for a phone.</div>')))
    write(tmp_path, "plain/index.html", "<!DOCTYPE html><html lang=en><title>x</title><p>x")
    result = run_a11y(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "broken@en  /  (index.html)" in result.stdout
    assert "axe image-alt [critical] Images must have alternative text" in result.stdout
    assert "Nu line 8: Duplicate attribute “id”." in result.stdout
    assert "320 px: the page is 608 px wide and scrolls sideways; sticking out: div" \
        in result.stdout
    assert "plain/index.html" in result.stdout
    assert "the sampler cannot classify this page" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("a11y: 5 problems on 2 pages.")
    assert "Traceback" not in result.stderr


@needs_browser_tools
def test_a_clean_page_passes_with_a_one_line_summary(tmp_path):
    write(tmp_path, "index.html", page("Clean", page_type="home"))
    result = run_a11y(tmp_path, "--all")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("a11y: no problems. 1 page type, one page each")
    assert len(result.stdout.splitlines()) == 1


@needs_browser_tools
@pytest.mark.parametrize("interface", ["default", "en"])
def test_every_page_type_of_the_demo_passes(interface, demo_output, demo_output_en):
    result = run_a11y(demo_output if interface == "default" else demo_output_en)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
