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

PATH = "content"
OUTPUT_PATH = "output"
THEME = "themes/gongkai"
PLUGIN_PATHS = ["plugins"]
# Explicit and ordered: Pelican's auto-discovery would load any installed namespace plugin.
PLUGINS = ["portal_model"]

# Set from config/portal.yaml by portal_model at start-up; these are only placeholders
# Pelican needs before plugins run.
SITENAME = "Gongkai"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

# Items are read by portal_model's reader, which sets each item's URL and template.
ARTICLE_PATHS = [""]
PAGE_PATHS = []
ARTICLE_TRANSLATION_ID = "translation_key"
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = False
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
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

# Every build starts clean and reads every file: a stale cache must never hide a problem.
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
