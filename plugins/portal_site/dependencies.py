"""What an item's page shows of other items: the inputs of its page besides its own file.

``templates/item.html`` and ``_guide.html`` show, of other items, only their title, address,
language and type, and only of these: the original and its translations (the language
links), the document that replaces it, the policy it interprets, the items that refer to it
(its interpretations), and the policies its legal bases resolve to. The build cache
(portal_cache) keys each item page on exactly these, so editing one item's title renders
again only the pages that show it. A template that starts to show another item must add it
here; ``tests/test_cache.py`` compares cached builds with clean ones after such edits.

Besides items, the frame every page shares (``base.html``) shows two facts that follow from
the whole content rather than from configuration: which search pages exist (one per language
that has items) and which feed the page follows (:func:`frame_facts`). Everything else an
item page prints comes from its own file, its attachments, or the configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal_model.model import Item, Portal

from .listings import BasisLinks


class ItemPageInputs:
    """``inputs(item)``: the other items ``item``'s page shows, in a fixed order."""

    def __init__(self, portal: Portal):
        self.portal = portal
        self.basis = BasisLinks(portal)

    def __call__(self, item: Item) -> list[Item]:
        by_index = self.portal.by_index_no
        original = by_index.get(item.index_no, item) if item.is_translation else item
        shown = [original, *self.portal.translations_of(original)]
        for field in ("superseded_by", "interprets"):
            other = by_index.get(item.meta.get(field) or "")
            if other is not None:
                shown.append(other)
        shown += self.portal.referrers.get(item.index_no, [])
        shown += [policy for basis in item.meta.get("basis") or ()
                  if (policy := self.basis(basis)) is not None]
        return shown


def frame_facts(context: Mapping[str, Any], output_file: str) -> list[str]:
    """What the frame of the page written at ``output_file`` shows that the content decides:
    the search pages by language and the page's feed (the context keys the templates read)."""
    facts = [f"{lang} {url}" for lang, url in sorted(context.get("SEARCH_PAGES", {}).items())]
    feeds = context.get("FEEDS")
    feed = feeds.for_page(output_file) if feeds is not None else None
    facts.append(f"feed {feed.base} {feed.kind} {' '.join(feed.keys)}" if feed else "no feed")
    return facts
