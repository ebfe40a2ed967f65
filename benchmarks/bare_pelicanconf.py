"""Bare Pelican settings for the reference build of ``make bench`` (benchmarks/bench.py).

Pelican as it comes: default theme, no plugins, its own listing pages (index,
categories, archives), with only feeds off and item URLs laid out like Gongkai's.
The content folder and output are given on the command line.
"""

SITENAME = "Bare Pelican reference"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
PLUGINS = []
# Items carry Translation_key: slugs repeat across departments (see bare_corpus.py).
ARTICLE_TRANSLATION_ID = "translation_key"
ARTICLE_URL = "{category}/{type}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{type}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{category}/{type}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{category}/{type}/{slug}/index.html"
PAGE_PATHS = []
STATIC_PATHS = []

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
