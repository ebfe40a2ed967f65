"""What templates and plugins may read, so that the build cache's keys cover it: a page that
read more than its key holds would be served stale (portal_cache.keys)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import AS_OF, ROOT

AS_OF_NAMES = re.compile(r"\btoday\b|as_of", re.IGNORECASE)
"""How a template would read the as-of date, which no cached page may show."""


def used_templates(folder: Path, start: str) -> set[str]:
    """``start`` and every template it extends, includes or imports, however indirectly."""
    found, queue = set(), [start]
    while queue:
        name = queue.pop()
        if name not in found:
            found.add(name)
            queue += re.findall(r'\{%-?\s*(?:from|import|include|extends)\s+"([^"]+)"',
                                (folder / name).read_text("utf-8"))
    return found


def test_item_pages_read_only_the_items_their_cache_keys_cover():
    """Of other items, an item page shows only those portal_site.dependencies lists; of other
    departments, their names (portal_cache.keys.NAME_FIELDS)."""
    folder = ROOT / "themes" / "gongkai" / "templates"
    allowed = {"departments", "type_labels", "by_index_no", "translations_of", "referrers"}
    for name in sorted(used_templates(folder, "item.html")):
        text = (folder / name).read_text("utf-8")
        assert "LISTINGS" not in text, name
        assert set(re.findall(r"PORTAL_MODEL\.(\w+)", text)) <= allowed, name
        assert not AS_OF_NAMES.search(text), name  # no key holds the date (portal_cache.keys)
        assert not re.search(r"(?<!department_name\()PORTAL_MODEL\.departments\b", text), name
    macro = re.search(r"\{% macro department_name\(.*?\{%- endmacro %\}",
                      (folder / "_macros.html").read_text("utf-8"), re.S)
    assert macro, "_macros.html defines department_name"
    assert set(re.findall(r"department\.config\.(\w+)", macro.group(0))) == {"short_name"}
    assert set(re.findall(r"localized_name\(([^)]*)\)", macro.group(0))) == {"department.config"}


def test_only_the_standards_report_reads_what_no_cache_key_covers():
    """config/standards/ and config/figures/ are in no page's key, nor the schemas but for
    the types' labels, nor the theme's static files (portal_cache.keys): only the model and
    the report read them."""
    from portal_cache.keys import REPORT_ONLY  # noqa: PLC0415

    for path in sorted((ROOT / "plugins").rglob("*.py")):
        plugin = path.relative_to(ROOT).parts[1]
        if plugin == "portal_standards" or path.name == "messages.py":
            continue  # messages.py: the catalogue of every message, the report's too
        text = path.read_text("utf-8")
        assert "portal_standards." not in text.replace("portal_standards.plugin", ""), path
        for folder in REPORT_ONLY:
            assert f"config/{folder}" not in text, path
        if plugin != "portal_model":
            assert not re.search(r"\.schemas\b|field_titles|SchemaSet", text), path
        # Nor the theme's static files (portal_cache.keys.THEME_STATIC), which it copies.
        assert not re.search(r"THEME\W+\)?\s*/\s*\"static\"", text), path
    for path in (ROOT / "themes" / "gongkai" / "templates").glob("*.html"):
        if not path.name.startswith(("report", "_report")):
            assert not re.search(r"\b(figures|profile\.rules|calendar)\b",
                                 path.read_text("utf-8")), path


def test_listing_templates_read_only_what_their_cache_keys_cover():
    """A listing page kept by the items it is written with must not read other items: the
    whole ``LISTINGS`` only in READS_ALL_ITEMS, of ``PORTAL_MODEL`` only configured names."""
    from portal_model.loader import load_portal  # noqa: PLC0415
    from portal_site.listings import build as build_listings  # noqa: PLC0415
    from portal_site.pages import all_pages  # noqa: PLC0415
    from portal_site.plugin import READS_ALL_ITEMS  # noqa: PLC0415

    folder = ROOT / "themes" / "gongkai" / "templates"
    portal = load_portal(ROOT, today=AS_OF)
    read: dict[str, set[str]] = {}  # template -> the page templates that use it
    for page in all_pages(portal, build_listings(portal)):
        for name in used_templates(folder, f"{page.template}.html"):
            read.setdefault(name, set()).add(f"{page.template}.html")
    for name, users in sorted(read.items()):
        text = (folder / name).read_text("utf-8")
        assert not AS_OF_NAMES.search(text), name
        if users - {f"{template}.html" for template in READS_ALL_ITEMS}:
            assert "LISTINGS" not in text, name
            assert set(re.findall(r"PORTAL_MODEL\.(\w+)", text)) <= {"departments",
                                                                      "type_labels"}, name
            # Profiles only as given to the page (its key holds them), else names alone.
            assert not re.search(r"(?<!department_name\()PORTAL_MODEL\.departments\b",
                                 text), name
