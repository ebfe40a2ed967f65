"""Reading built pages in tests: visible text with its language, links, and elements."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Page:
    lang: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)
    """(language in effect, text) for every visible text node in <body>."""
    body_texts: set[int] = field(default_factory=set)
    """Indexes into ``texts`` of the text inside an item's body (``div.body``)."""
    links: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(text for _, text in self.texts)

    def interface_texts(self) -> list[tuple[str, str]]:
        """``texts`` without an item's body: what the templates and metadata print."""
        return [pair for index, pair in enumerate(self.texts) if index not in self.body_texts]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, str, bool]] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.tags.append((tag, values))
        if tag == "html":
            self.page.lang = values.get("lang", "")
        if tag == "body":
            self.in_body = True
        if "href" in values:
            self.page.links.append(values["href"])
        self.page.classes.extend(values.get("class", "").split())
        if tag not in VOID:
            inherited = self.stack[-1][1] if self.stack else self.page.lang
            in_body = (bool(self.stack) and self.stack[-1][2]) or \
                (tag == "div" and "body" in values.get("class", "").split())
            self.stack.append((tag, values.get("lang", inherited), in_body))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_body and data.strip() and not (self.stack and self.stack[-1][0] in {"script", "style"}):
            lang = self.stack[-1][1] if self.stack else self.page.lang
            if self.stack and self.stack[-1][2]:
                self.page.body_texts.add(len(self.page.texts))
            self.page.texts.append((lang, data.strip()))


def read(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    return reader.page


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))
