"""Relative links in Markdown bodies: find them, resolve them, say where they point.

Editors link to attachments and to other items with plain relative paths
(``[申请表](../files/form.docx)``, ``[原文](../policy/rules.md)``), which also
work in a git host's preview. The build checks every such link and the
renderer turns it into the target's portal URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .paths import resolve

# Inline Markdown links and images, reference definitions (``[1]: ../files/x.pdf``, which
# ``[text][1]`` uses), and href/src attributes in raw HTML.
_MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?")
_HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#|/|\{)")


@dataclass(frozen=True)
class BodyLink:
    """A relative link found in an item's body."""

    target: str
    """As written, e.g. ``../files/form.docx#page=2``."""
    resolved: str
    """Project-relative path of the file it names."""
    line: int
    """File line (not body line) on which it appears."""


def is_relative(target: str) -> bool:
    """True for a link that names a file of this portal by relative path."""
    return bool(target) and not _EXTERNAL.match(target)


def body_links(source: str, body: str, body_line: int) -> Iterator[BodyLink]:
    """Every relative link in ``body`` (of the file ``source``), with its file line."""
    for offset, text in enumerate(body.split("\n")):
        # Most lines hold no link: each pattern needs its characters, so look only then.
        patterns = (((_MARKDOWN_LINK,) if "](" in text else ())
                    + ((_REFERENCE,) if "]:" in text else ())
                    + ((_HTML_LINK,) if "=" in text else ()))
        for pattern in patterns:
            for match in pattern.finditer(text):
                target = match.group(1)
                if is_relative(target):
                    yield BodyLink(target, resolve(source, target), body_line + offset)
