"""Pelican wiring for the feeds: plan them with the listings, write them with the pages.

Runs after portal_site (whose listings it reuses, so feeds and pages list the
same items in the same order) and before portal_standards, whose link scan
must find the feed files the pages link to.
"""

from __future__ import annotations

import time
import zoneinfo
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from portal_cache.files import kept_files, write_output
from portal_i18n.jinja_env import UI_LANG_SETTING
from portal_model.model import Department
from portal_model.plugin import MODEL_SETTING
from portal_model.structure import COLUMNS_FILE
from portal_model.timings import phase

from .feeds import FEEDS_PAGE, OPML_ALL, Feed, FeedSet, entry_limit, plan
from .publish import Texts, site_files
from .render import FeedText, Site

TEXT_TEMPLATE = "_feeds"
"""The theme's macros naming feeds and lists (``_feeds.html``); pages and files share them."""


class FeedsGenerator(Generator):
    """Atom and RSS files for every listing, the OPML lists and the feeds page."""

    def generate_context(self) -> None:
        portal = self.settings[MODEL_SETTING]
        root = Path(self.settings["PATH"]).resolve().parent
        # Validated with the rest of the portal by portal_model (config/schemas/_columns.yaml).
        columns = yaml.safe_load((root / COLUMNS_FILE).read_text("utf-8"))
        self.feeds: FeedSet = plan(portal, self.context["LISTINGS"], entry_limit(columns))
        # Every page's template finds its own feeds through this (discovery links).
        self.context["FEEDS"] = self.feeds
        self.context["OPML_ALL"] = OPML_ALL

    @phase("feeds")
    def generate_output(self, writer: Any) -> None:
        started = time.perf_counter()
        lang = self.settings[UI_LANG_SETTING]
        config = self.settings["PORTAL"]
        macros = self.get_template(TEXT_TEMPLATE).make_module({**self.context, "ui_lang": lang})
        site = Site(self.settings[MODEL_SETTING], config["site_url"].rstrip("/"),
                    zoneinfo.ZoneInfo(config["timezone"]), lang,
                    _plain(macros.feed_title(self.feeds.portal)))

        def describe(feed: Feed) -> FeedText:
            return FeedText(_plain(macros.feed_title(feed)), _plain(macros.feed_description(feed)))

        def opml_title(department: Department | None) -> str:
            return _plain(macros.opml_title(department))

        texts = Texts(describe, lambda kind: _plain(macros.group_title(kind)), opml_title)
        count = 0
        # Feeds show front matter only (title, summary, dates), never a body.
        def keep(name: str, inputs: dict[str, Any], make: Any) -> Any:
            return kept_files(self.settings, name, inputs, make, 2)  # Atom and RSS

        for path, content in site_files(self.feeds, site, texts, keep):
            write_output(self.settings, path, content)
            count += 1
        writer.write_file(f"{FEEDS_PAGE}index.html", self.get_template("feeds"), self.context,
                          page_url=FEEDS_PAGE, page_type="feeds", ui_lang=lang)
        print(f"Feeds: {len(self.feeds.feeds)} feeds as Atom and RSS, {count} files "
              f"with the OPML lists, in {time.perf_counter() - started:.2f} s — see {FEEDS_PAGE}")


def _plain(markup: Markup | str) -> str:
    """A macro's output as plain text: tags dropped, entities decoded, spaces collapsed."""
    return Markup(markup).striptags()


def add_generator(_: Any) -> type:
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
