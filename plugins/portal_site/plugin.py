"""Pelican wiring for the standardized portal: write every listing page from the model.

Item pages are written by Pelican's article generator (template ``item``);
this generator writes everything else (see :mod:`portal_site.pages`) and gives
templates what they need to link and download.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from pelican import signals
from pelican.generators import Generator

from portal_i18n.jinja_env import UI_LANG_SETTING
from portal_model.plugin import MODEL_SETTING

from .files import Downloads
from .listings import AUDIENCES, BasisLinks, build
from .pages import all_pages


class PortalPagesGenerator(Generator):
    """Home, directory, department and column pages, libraries, services, platform."""

    def generate_context(self) -> None:
        portal = self.settings[MODEL_SETTING]
        self.listings = build(portal)
        root = Path(self.settings["PATH"]).resolve().parent
        # Shared with the article generator's templates, which render after this.
        self.context.update({
            "STRUCTURE": portal.structure,
            "LISTINGS": self.listings,
            "AUDIENCES": AUDIENCES,
            "download": Downloads(root, portal),
            "policy_for_basis": BasisLinks(portal),
            "error_report_url": _error_report_url(self.settings),
        })

    def generate_output(self, writer: Any) -> None:
        portal = self.settings[MODEL_SETTING]
        for page in all_pages(portal, self.listings):
            writer.write_file(page.save_as, self.get_template(page.template), self.context,
                              page_url=page.url, page_type=page.template,
                              ui_lang=self.settings[UI_LANG_SETTING], **page.variables,
                              # Made from front matter alone (no item body): the build
                              # cache may keep the page while what it reads is unchanged.
                              cache_scope=cache_scope(page.template))


READS_ALL_ITEMS = frozenset({"platform_section"})
"""Listing templates that read the whole ``LISTINGS`` (counts per department and column), not
only the items they are given. ``tests/test_cache.py`` checks the templates against it."""


def cache_scope(template: str) -> str:
    """What a listing page depends on, for the build cache (see portal_cache.plugin): all
    front matter, or the items and configured objects it is written with."""
    return "listing" if template in READS_ALL_ITEMS else "shown"


def _error_report_url(settings: dict[str, Any]) -> Any:
    """The WEB-D4.4 link for a page: the configured address with this page filled in."""
    portal = settings["PORTAL"]
    template = portal["error_report_url"]
    site_code = portal["site_identity"]["site_code"]

    def for_page(page_url: str) -> str:
        absolute = f"{portal['site_url']}/{page_url}"
        return template.format(site_code=quote(site_code, safe=""),
                               page_url=quote(absolute, safe=""))

    return for_page


def add_generator(_: Any) -> type:
    return PortalPagesGenerator


UNWRITTEN_GROUPINGS = {"categories": "CATEGORY_SAVE_AS", "tags": "TAG_SAVE_AS",
                       "authors": "AUTHOR_SAVE_AS"}
"""Pelican's article groupings, and the setting that says where each group's page goes."""


def drop_unwritten_groupings(generator: Any) -> None:
    """``article_generator_finalized``: forget the groupings whose pages are not written.

    Before it writes a category's page (or finds it has nowhere to go), Pelican lists the
    category's articles by testing every article against the category's list: O(n²) in
    all, 0.4 s of a rebuild at 5,000 items and a hundred times that at 50,000. The portal
    writes none of these pages (pelicanconf.py), so there is nothing to list.
    """
    for grouping, save_as in UNWRITTEN_GROUPINGS.items():
        if not generator.settings.get(save_as):
            # Tags are still a mapping at this point, the others lists of pairs.
            setattr(generator, grouping, {} if isinstance(getattr(generator, grouping), dict)
                    else [])


def skip_file_stamps(generator: Any) -> None:
    """``article_generator_init``, ``static_generator_init``: no modification stamps while
    Pelican's content cache is off.

    Pelican stamps each file it reads two to four times (a stat each: 14,000 at 5,000
    items) to compare with a cache it neither loads nor saves here (``CACHE_CONTENT`` and
    ``LOAD_CONTENT_CACHE`` are off in pelicanconf.py). With no cache loaded every lookup
    misses whatever the stamp, so a constant one changes nothing.
    """
    settings = generator.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        return
    for cacher in (generator, generator.readers):  # the generator's own layer, the reader's
        if hasattr(cacher, "_filestamp_func"):
            cacher._filestamp_func = _no_stamp  # noqa: SLF001 - Pelican has no setting for it


def _no_stamp(_: str) -> bytes:
    return b""


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.article_generator_finalized.connect(drop_unwritten_groupings)
    signals.article_generator_init.connect(skip_file_stamps)
    signals.static_generator_init.connect(skip_file_stamps)
