"""Which search indexes a portal has, and which search pages use them.

One Pagefind bundle per department and content language, at
``pagefind/<lang>/<department>/``. The browser merges a search page's bundles
(Pagefind multisite, ``mergeIndex``), so:

* memory while indexing is bounded by the largest bundle, not the portal: a 50,000-item
  portal is indexed as many runs of at most :data:`MAX_PAGES` pages, a few at a time (a
  department with more is split into parts, ``market.1``, ``market.2``, ...);
* a change in one department changes that department's bundles only, so only they need
  indexing again (:mod:`portal_search.indexer` keeps a cache keyed by their pages);
* a search page loads one bundle's WebAssembly and, per query, only the index chunks
  each bundle needs for the words typed.

Originals are Chinese and are searched from ``/search/``; English translations (under
``/en/``) have their own bundles and ``/en/search/``, so a Chinese query runs against
Chinese pages and an English one against English pages (Pagefind keeps one index per
language anyway, and stems English).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from portal_model.model import CONTENT_LANG, Item, Portal

BUNDLE_ROOT = "pagefind"
MAX_PAGES = 2000
"""Pages per bundle at most. Pagefind 1.5.2 peaks near 0.95 MB per page of ours (text
plus character pairs): a bundle this size needs about 2 GB while it is indexed."""


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index: a department's item pages in one content language."""

    lang: str
    department: str
    pages: tuple[str, ...] = field(compare=False)
    """Site-relative paths of the item pages it indexes (``market/policy/x/index.html``)."""
    part: int = 0
    """0 for a whole department; 1, 2, ... for the parts of a department too large for one."""

    @property
    def id(self) -> str:
        """Its name among the bundles of its language (a Pagefind filter on every page)."""
        return f"{self.department}.{self.part}" if self.part else self.department

    @property
    def path(self) -> str:
        """Site-relative folder of the bundle, with a trailing slash."""
        return f"{BUNDLE_ROOT}/{self.lang.lower()}/{self.id}/"

    @property
    def grams(self) -> bool:
        """Whether its pages get the character-pair fields (Chinese text only)."""
        return self.lang == CONTENT_LANG


@dataclass(frozen=True)
class SearchPage:
    """``/search/`` for the originals, ``/<lang>/search/`` for each translation language."""

    lang: str
    """The language of the content it searches."""
    bundles: tuple[Bundle, ...]

    @property
    def url(self) -> str:
        return "search/" if self.lang == CONTENT_LANG else f"{self.lang.lower()}/search/"


def plan(portal: Portal) -> list[SearchPage]:
    """The search pages of ``portal`` with their bundles, in a fixed order.

    A department without a published item in a language has no bundle in it, and a
    language without any has no search page.
    """
    pages: dict[str, dict[str, list[str]]] = {}
    for item in sorted(portal.published_items, key=lambda item: item.url):
        by_department = pages.setdefault(item.lang, {})
        by_department.setdefault(item.department, []).append(page_path(item))
    languages = sorted(pages, key=lambda lang: (lang != CONTENT_LANG, lang))
    return [SearchPage(lang, tuple(bundle for department, paths in sorted(pages[lang].items())
                                   for bundle in _bundles(lang, department, paths)))
            for lang in languages]


def _bundles(lang: str, department: str, paths: list[str]) -> list[Bundle]:
    """The department's bundle, or its parts when it has more than :data:`MAX_PAGES` pages.

    A page's part follows from a checksum of its path, so a new item changes one part
    and the others keep their cached index.
    """
    count = -(-len(paths) // MAX_PAGES)
    if count == 1:
        return [Bundle(lang, department, tuple(paths))]
    parts: list[list[str]] = [[] for _ in range(count)]
    for path in paths:
        parts[zlib.crc32(path.encode()) % count].append(path)
    return [Bundle(lang, department, tuple(part), number)
            for number, part in enumerate(parts, 1) if part]


def page_path(item: Item) -> str:
    return f"{item.url}index.html"
