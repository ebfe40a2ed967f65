"""Babel extractor for interface text kept in config: every ``title`` in ``config/columns.yaml``.

Column, library and platform names are interface text like the templates'
strings; ``make messages`` extracts them through this function (see
``babel.cfg``) so translators find them in the same catalogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml


def extract_titles(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                   ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: (line, function, message, comments) for each ``title:`` value."""
    yield from _titles(yaml.compose(fileobj.read().decode("utf-8")))


def _titles(node: yaml.Node) -> Iterator[tuple[int, str, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "title" and isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, "gettext", value.value, []
            else:
                yield from _titles(value)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _titles(child)
