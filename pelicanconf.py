"""Pelican settings for a Gongkai portal (development build: `make html`).

Everything about the portal itself (name, language, site address, departments,
item types) lives in config/ and is read and validated by the portal_model
plugin; this file only wires Pelican to it.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Plugins share the pure portal_* packages, so they must be importable by name.
sys.path.insert(0, str(ROOT / "plugins"))
from portal_integrity.run import PortalPelican  # noqa: E402 - importable only from here on

# Pelican, with a full disk or an output folder it may not write reported, not traced.
PELICAN_CLASS = PortalPelican

PATH = "content"
OUTPUT_PATH = "output"
THEME = "themes/gongkai"
PLUGIN_PATHS = ["plugins"]
# Explicit and ordered: Pelican's auto-discovery would load any installed namespace plugin.
PLUGINS = ["portal_model", "portal_cache", "portal_i18n", "portal_site", "portal_feeds", "portal_standards",
           "portal_search"]

# Set from config/portal.yaml by portal_model at start-up; these are only placeholders
# Pelican needs before plugins run.
SITENAME = "Gongkai"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
# The interface language comes from config/portal.yaml (default_lang); to preview
# the portal in another one: `make html PORTAL_LANG=en`.

# Items are read by portal_model's reader, which sets each item's URL and template.
ARTICLE_PATHS = [""]
PAGE_PATHS = []
# The model pairs items with their translations (Portal.translations_of); Pelican's own
# pairing tests each article against a list of all originals, O(n²): 0.2 s at 5,000 items,
# 20 s at 50,000. Without it Pelican writes the same pages (an English item is an article
# with its own URL like any other).
ARTICLE_TRANSLATION_ID = None
# Item pages are written department by department (their URLs start with it), so each
# department's search index can start as soon as its pages are written (portal_search).
ARTICLE_ORDER_BY = "url"
# Everything templates print is escaped unless marked safe (item bodies are
# rendered from Markdown by portal_model before they reach a template).
# Pelican makes a new environment for every build (each `make devserver` cycle too), so
# no template changes while one is in use: checking each one's file time on every page
# (auto_reload) is wasted work.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False, "extensions": ["jinja2.ext.i18n"]}

# Every listing page (home, departments, columns, libraries, platform) is written
# by portal_site from config/columns.yaml; Pelican writes only item pages.
DIRECT_TEMPLATES = []
DEFAULT_PAGINATION = False
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""

# Feeds come from the feeds plugin (feedgen); Pelican's own would collide with them.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# Every build starts clean and reads and validates every file: a stale cache must never
# hide a problem. What is kept between builds (rendered bodies and pages, search bundles)
# is kept by a digest of all it was made from, in this folder (portal_cache; False: none).
PORTAL_CACHE = ".cache"
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
