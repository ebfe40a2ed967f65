"""What an item's page shows of other items: the inputs of its page besides its own file.

``templates/item.html`` and ``_guide.html`` show, of other items, only their title, address,
language and type, and only of these: the original and its translations (the language
links), the document that replaces it, the policy it interprets, the items that refer to it
(its interpretations), and the policies its legal bases resolve to. The build cache
(portal_cache) keys each item page on exactly these, so editing one item's title renders
again only the pages that show it. A template that starts to show another item must add it
here; ``tests/test_cache.py`` compares cached builds with clean ones after such edits.
"""

from __future__ import annotations

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
