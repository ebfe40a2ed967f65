"""Chinese search that does not depend on where a word segmenter puts word boundaries.

Pagefind's extended build segments Chinese pages with jieba when it indexes them, and the
browser segments a query with ICU (``Intl.Segmenter``) before looking it up. The two
disagree (Pagefind #1237): ICU splits 专项 into 专|项, 母婴 into 母|婴, while jieba keeps
them whole, and a query term only matches a word it is a prefix of, so 项 and 婴 find
nothing and the query fails. On the demo portal 32 of the 179 full titles found nothing.

Here every run of Chinese characters is also indexed as overlapping character pairs
(bigrams), written as ASCII tokens that no segmenter splits, into two metadata fields of
the page (Pagefind 1.5 searches metadata). The search page encodes a query the same way
(``themes/gongkai/static/js/search-engine.js``, ``encodeQuery`` and ``exactTerms``), so a
query finds every page that contains it as written, whatever the segmenters think. Pagefind
ignores a query term that no page of an index has, so the page also asks each run of the
query as an exact phrase of pairs, which such an index answers with nothing.

Token grammar:

* a character is four base-25 letters of its offset from U+3400 (``a-y``): letters only,
  since Pagefind also indexes the parts of a word that mixes letters and digits;
* ``ǂ`` + two characters: the pair starting at that position of the text;
* ``ǂ`` + one character + ``z``: the last character of a run, so a one-character
  query (``ǂwxyz``, matched as a prefix) finds it too. ``z`` is no digit of the code, so
  the token is never a prefix of a pair.

A query term that is in no word of an index makes Pagefind fall back to the longest word
that the term starts with, so no word of a page may be a prefix of a pair token. ``ǂ``
(U+01C2, a click letter of Khoekhoe) starts no word of Chinese or English text, and being
a letter it keeps a token one word for Pagefind and for ICU alike. (``_`` is a word
character too, but fill-in blanks and heading anchors such as ``_1`` give words that start
with it, and every page holding one matched every query. A connector such as ``⁔`` also
works, but Pagefind's segmenter takes one and a half times as long over such tokens,
and the pairs are most of indexing time.)
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]+")
"""CJK Unified Ideographs and Extension A: the characters of Chinese text."""
FIRST = 0x3400
DIGITS = "abcdefghijklmnopqrstuvwxy"
MARK = "\u01c2"
END = "z"
LONG_RUN = 3
"""Pairs in a run of four characters; longer query runs use every other pair."""
TITLE_FIELD = "title_grams"
TEXT_FIELD = "text_grams"


def encode_char(char: str) -> str:
    offset = ord(char) - FIRST
    return "".join(DIGITS[offset // 25 ** power % 25] for power in (3, 2, 1, 0))


_DIGIT_PAIRS = [high + low for high in DIGITS for low in DIGITS]
_CODES = {FIRST + offset: _DIGIT_PAIRS[offset // 625] + _DIGIT_PAIRS[offset % 625]
          for offset in range(0xA000 - FIRST)}
"""``str.translate`` table: a run is encoded in one call (grams are most of indexing time).
Each code is two pairs of digits (what :func:`encode_char` gives, made ten times faster:
every build process makes it when it imports this)."""
_PAIRS = re.compile(r"(?=([a-y]{8}))[a-y]{4}")
"""Every pair of adjacent codes, overlapping: aaaabbbbcccc -> aaaabbbb, bbbbcccc."""


def grams(text: str) -> str:
    """The space-separated pair tokens of every run of Chinese characters in ``text``."""
    tokens: list[str] = []
    for run in CJK.findall(text):
        codes = run.translate(_CODES)
        pairs = _PAIRS.findall(codes)
        if pairs:
            tokens.append(MARK + f" {MARK}".join(pairs))
        tokens.append(f"{MARK}{codes[-4:]}{END}")
    return " ".join(tokens)


def query_tokens(query: str) -> list[str]:
    """The terms the search page ranks by for the Chinese in ``query`` (tests compare).

    A run of one character is a prefix (any pair starting with it); up to four, every pair;
    longer runs every other pair and the last, which still pins every character while
    halving the terms Pagefind has to look up for a pasted title.
    """
    tokens: list[str] = []
    for run in CJK.findall(query):
        codes = run.translate(_CODES)
        pairs = _PAIRS.findall(codes)
        if not pairs:
            tokens.append(f"{MARK}{codes}")
        elif len(pairs) <= LONG_RUN:
            tokens.extend(f"{MARK}{pair}" for pair in pairs)
        else:
            tokens.extend(f"{MARK}{pair}" for pair in pairs[::2])
            if len(pairs) % 2 == 0:
                tokens.append(f"{MARK}{pairs[-1]}")
    return tokens
