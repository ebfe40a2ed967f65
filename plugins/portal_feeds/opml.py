"""Subscription lists (OPML 2.0): many feeds imported into a reader at once.

Each list names the Atom feeds only: the RSS twin of each would subscribe the
reader to every feed twice. Readers expect ``type="rss"`` on every feed outline,
whatever the feed's format (OPML 2.0 spec, "subscription lists"). A list's
``dateModified`` is its newest feed's date, never the build time, so two builds
of the same content write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

OPML_DOCS = "http://opml.org/spec2.opml"


@dataclass(frozen=True)
class Outline:
    """One feed in a list."""

    text: str
    xml_url: str
    html_url: str
    lang: str


def opml(title: str, groups: Sequence[tuple[str, Sequence[Outline]]],
         modified: dt.datetime) -> bytes:
    """A subscription list: one folder outline per group, in the order given."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateModified").text = email.utils.format_datetime(modified)
    ET.SubElement(head, "docs").text = OPML_DOCS
    body = ET.SubElement(root, "body")
    for name, outlines in groups:
        folder = ET.SubElement(body, "outline", text=name, title=name)
        for outline in outlines:
            ET.SubElement(folder, "outline", type="rss", text=outline.text,
                          title=outline.text, xmlUrl=outline.xml_url,
                          htmlUrl=outline.html_url, language=outline.lang)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
