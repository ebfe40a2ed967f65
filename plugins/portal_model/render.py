"""Markdown bodies to HTML, with editors' relative links turned into portal URLs.

Editors may write raw HTML in a body (Markdown allows it), and content comes from
many hands, so every rendered body passes through an allowlist sanitizer (nh3):
only the elements and attributes Markdown itself produces, plus a few harmless
ones, survive; scripts, styles, event handlers, ``javascript:`` and ``data:``
URLs, iframes, objects and forms never reach a page.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .links import is_relative
from .model import Portal
from .paths import resolve

EXTENSIONS = ["extra", "sane_lists", "toc"]
"""Python-Markdown extensions every body is rendered with (tables, footnotes, heading ids)."""


_SANITIZER = nh3.Cleaner(
    tags={"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
          "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
          "abbr", "q", "cite", "kbd", "samp", "var", "time", "span", "div", "ul", "ol", "li",
          "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
          "tr", "th", "td", "a", "img", "figure", "figcaption", "details", "summary"},
    clean_content_tags={"script", "style"},
    attributes={
        "*": {"title", "lang"},
        "a": {"href", "hreflang", "class"},
        "img": {"src", "alt", "width", "height"},
        # Python-Markdown's heading ids (toc) and footnotes, and the table scroller below.
        **{f"h{level}": {"id"} for level in range(1, 7)},
        "sup": {"id"}, "li": {"id"}, "div": {"class", "tabindex"},
        "th": {"style", "colspan", "rowspan", "scope"},
        "td": {"style", "colspan", "rowspan"},
        "ol": {"start"}, "time": {"datetime"}, "abbr": set(), "col": {"span"},
    },
    # Markdown tables align columns with an inline style; nothing else may be styled.
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel=None,
)


def sanitize(html: str) -> str:
    """``html`` with everything outside the allowlist removed (see the module docstring)."""
    return _SANITIZER.clean(html)


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, owner: BodyRenderer):
        super().__init__(md)
        self.owner = owner

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                target = element.get(attribute)
                if target and is_relative(target):
                    element.set(attribute, self.owner.url_of(target))


class _ScrollableTables(Treeprocessor):
    """Wraps each table in a focusable scroller, so a wide table scrolls by itself
    on a phone instead of widening the whole page (and keyboards can scroll it)."""

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    scroller = Element("div", {"class": "table-scroll", "tabindex": "0"})
                    scroller.tail, child.tail = child.tail, None
                    parent.remove(child)
                    scroller.append(child)
                    parent.insert(index, scroller)


class _LinkExtension(Extension):
    def __init__(self, owner: BodyRenderer):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown API
        md.treeprocessors.register(_LinkRewriter(md, self.owner), "gongkai_links", 0)
        md.treeprocessors.register(_ScrollableTables(md), "gongkai_tables", 1)


class BodyRenderer:
    """Renders item bodies; one instance is reused for every item of a build.

    ``url_for`` maps a project-relative path (``content/health/files/x.pdf``) to
    the URL the link should carry on the portal.
    """

    def __init__(self, url_for: Callable[[str], str]):
        self.url_for = url_for
        self.source = ""
        self.resolved: set[str] = set()
        """The project paths the body being rendered links to, as the rewriter found them."""
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, _LinkExtension(self)],
                                    extension_configs={"toc": {"permalink": False}},
                                    output_format="html")

    def url_of(self, target: str) -> str:
        fragment = "#" + target.split("#", 1)[1] if "#" in target else ""
        path = resolve(self.source, target)
        self.resolved.add(path)
        return self.url_for(path) + fragment

    def render(self, source: str, body: str) -> str:
        """HTML of ``body``, the Markdown text of the file ``source``."""
        return self.render_traced(source, body)[0]

    def render_traced(self, source: str, body: str) -> tuple[str, list[str]]:
        """The HTML of :meth:`render`, and the project paths whose URLs it holds: all it
        depends on besides ``source`` and ``body`` (a build cache keys it on them)."""
        self.source, self.resolved = source, set()
        try:
            return sanitize(self.md.reset().convert(body)), sorted(self.resolved)
        finally:
            self.source = ""


def url_finder(portal: Portal, site_url: str) -> Callable[[str], str]:
    """``url_for(project path)``: where a file of ``portal`` is published."""

    def url_for(project_path: str) -> str:
        item = portal.by_source.get(project_path)
        target = item.url if item else project_path.removeprefix("content/")
        return f"{site_url}/{target}"

    return url_for


def body_renderer(portal: Portal, site_url: str) -> BodyRenderer:
    """The renderer for ``portal``'s bodies: links to a file lead where it is published."""
    return BodyRenderer(url_finder(portal, site_url))
