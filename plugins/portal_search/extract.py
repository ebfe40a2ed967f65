"""The page Pagefind indexes for an item: the ``data-pagefind-body`` element and its grams.

Pagefind reads only the element marked ``data-pagefind-body`` (and the filter, metadata and
sort attributes inside it), so the indexer is given that element alone, in a minimal page,
with the character-pair fields of :mod:`portal_search.grams` added beside it. The built
page itself is not changed: readers never download the grams.

The text behind the grams follows Pagefind's rules on our templates (plus the department,
type, 索引号 and 文号 recorded as metadata, which Pagefind searches too): elements marked
``data-pagefind-ignore`` (and those matched by :data:`EXCLUDE_SELECTORS`) and scripts are
left out, and text is split wherever a block starts or ends, so a pair never spans two
list items or two table cells. Templates are our own and well formed, so a scan of the
tags is enough; no HTML parser is needed (it would be the slowest part of indexing).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .grams import TEXT_FIELD, TITLE_FIELD, grams

EXCLUDE_SELECTORS = [".file-facts"]
"""Also left out of the index: download facts (format, size, file name), printed by a macro
shared with listing pages, where they matter."""
_EXCLUDED_CLASSES = {selector.removeprefix(".") for selector in EXCLUDE_SELECTORS}

UNREAD = ("script", "style", "template", "svg")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
INLINE = ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
          "var")
"""Elements that do not break a sentence: text on both sides of their tags is one run."""
_CLASS_LIST = "|".join(re.escape(name) for name in sorted(_EXCLUDED_CLASSES))
LEFT_OUT = re.compile(
    rf"<(?:({'|'.join(UNREAD)})\b|([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(?:\sdata-pagefind-ignore\b"
    rf"|\sclass=\"(?:[^\"]*\s)?(?:{_CLASS_LIST})[\s\"]))[^>]*>")
"""The opening tag of an element whose text Pagefind does not index."""
INLINE_TAG = re.compile(rf"</?(?:{'|'.join(INLINE)})\b[^>]*>|<!--.*?-->", re.S)
ANY_TAG = re.compile(r"<[^>]*>")
INLINE_META = re.compile(r'data-pagefind-meta="(department|type|column|index_no|doc_no):([^"]*)"')
"""Metadata that is searched with the text: a department's name, a document number, ..."""
TITLE = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-pagefind-meta="title"[^>]*>')
PAGE = ('<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>-</title>'
        '</head><body>{fields}{body}</body></html>')


class NoSearchBody(ValueError):
    """The page has no ``data-pagefind-body`` element: the template lost its marking."""


@dataclass(frozen=True)
class IndexedPage:
    title: str
    text: str
    body: str
    """The ``data-pagefind-body`` element, as written."""


def element_end(page: str, start: int, tag: str) -> int:
    """Where the element whose opening tag is at ``start`` ends (after its closing tag)."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth = 0
    for match in pattern.finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(page)


def text_of(fragment: str) -> str:
    """Readable text of an HTML fragment, a line break wherever a block starts or ends."""
    pieces = []
    position = 0
    for match in LEFT_OUT.finditer(fragment):
        if match.start() < position:
            continue  # inside an element already left out
        pieces.append(fragment[position:match.start()])
        tag = (match.group(1) or match.group(2)).lower()
        position = match.end() if tag in VOID else element_end(fragment, match.start(), tag)
    pieces.append(fragment[position:])
    kept = INLINE_TAG.sub("", "".join(pieces))
    return html.unescape(ANY_TAG.sub("\n", kept))


def body_element(page: str) -> str:
    """The page's ``data-pagefind-body`` element: all of the page that its index depends on."""
    marker = page.find("data-pagefind-body")
    if marker < 0:
        raise NoSearchBody("no element is marked data-pagefind-body (templates/item.html)")
    start = page.rfind("<", 0, marker)
    tag = re.match(r"<([a-zA-Z][a-zA-Z0-9]*)", page[start:]).group(1)
    return page[start:element_end(page, start, tag)]


def read_page(page: str) -> IndexedPage:
    """The searchable element of a built page, its title and the text Pagefind reads in it."""
    body = body_element(page)
    heading = TITLE.search(body)
    title = ""
    if heading:
        title = " ".join(text_of(body[heading.start():element_end(
            body, heading.start(), heading.group(1))]).split())
    values = "\n".join(html.unescape(value) for _, value in INLINE_META.findall(body))
    return IndexedPage(title, f"{text_of(body)}\n{values}", body)


def index_page(page: str, lang: str, with_grams: bool) -> str:
    """The minimal page handed to Pagefind for a built item page (or its body element)."""
    found = read_page(page)
    fields = ""
    if with_grams:
        fields = (f'<span data-pagefind-meta="{TITLE_FIELD}:{grams(found.title)}"></span>'
                  f'<span data-pagefind-meta="{TEXT_FIELD}:{grams(found.text)}"></span>')
    return PAGE.format(lang=lang, fields=fields, body=found.body)
