"""Raw HTML in bodies: the OWASP filter-evasion vectors never survive rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal_model.render import BodyRenderer, sanitize

VECTORS = [line.replace("\\n", "\n") for line in
           (Path(__file__).parent / "fixtures" / "xss" / "vectors.txt").read_text("utf-8")
           .splitlines() if line and not line.startswith("#")]
FORBIDDEN_TAGS = re.compile(r"<\s*/?\s*(script|style|iframe|frame|frameset|object|embed|form|"
                            r"input|button|svg|math|base|link|meta|video|audio|source|marquee|"
                            r"isindex|body|template|noscript)\b", re.IGNORECASE)
TAG = re.compile(r"<[a-zA-Z/][^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]*\son\w+\s*=", re.IGNORECASE)
BAD_URL = re.compile(r"""(?:href|src|background|dynsrc|action|data)\s*=\s*["']?\s*"""
                     r"""(?:javascript|vbscript|data):""", re.IGNORECASE)


def render(body: str) -> str:
    return BodyRenderer(lambda path: "/" + path).render("content/demo/news/x.md", body)


def test_the_corpus_is_broad():
    assert len(VECTORS) >= 50


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_is_neutralised(vector):
    html = render(f"正文开始。\n\n{vector}\n\n正文结束。")
    assert not FORBIDDEN_TAGS.search(html), html
    assert not EVENT_HANDLER.search(html), html
    tags = " ".join(TAG.findall(html))  # escaped text such as &lt;IMG …&gt; is harmless
    assert not BAD_URL.search(tags), html
    assert "expression(" not in tags and "url(" not in tags, html
    assert "正文开始" in html  # the editor's own text is kept (an unclosed <script> swallows
    # whatever follows it, as a browser would have run it)


def test_what_markdown_produces_survives():
    html = render("## 标题\n\n| 甲 | 乙 |\n|:--|--:|\n| 1 | 2 |\n\n文[^1]\n\n[^1]: 注。\n\n"
                  "[附件](../files/a.pdf) <abbr title=\"国务院\">国</abbr>")
    assert '<h2 id="' in html and '<th style="text-align:left">' in html
    assert '<div class="table-scroll" tabindex="0"><table>' in html
    assert 'href="/content/demo/files/a.pdf"' in html
    assert '<abbr title="国务院">国</abbr>' in html
    assert 'class="footnote-ref"' in html


def test_only_safe_schemes_and_relative_links_remain():
    assert sanitize('<a href="https://www.gov.cn/">a</a>') == '<a href="https://www.gov.cn/">a</a>'
    assert sanitize('<a href="mailto:gk@shili.gov.cn">m</a>').startswith('<a href="mailto:')
    assert sanitize('<a href="ftp://x/">f</a>') == "<a>f</a>"


def test_text_around_removed_elements_is_kept():
    html = render("前文<script>alert(1)</script>中间<iframe src=x></iframe>后文")
    assert html == "<p>前文中间后文</p>"
