"""The edits ``make bench`` rebuilds after (benchmarks/bench.py), each made on a generated
portal and undone afterwards, so every run starts from the same corpus.

* one item's body and then its title (:func:`edited_item`, :data:`TEXT_EDIT`,
  :func:`retitled`): the issue's "rebuild after editing one item";
* one news item published (:func:`added_item`), what departments do most;
* one item published with a file of its own (:func:`added_with_file`): the portal then
  publishes one more file too;
* one department's telephone number changed (:func:`edited_profile`): a department's
  profile holds its authoritative lists as well, which change as it adds items.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

TEXT_EDIT = "\n\n本条为基准测试追加的说明。\n"
TITLE_EDIT = "（修订）"
ADDED_NUMBER = "99999"
"""The sequence number of the item a rebuild adds (its 索引号 is otherwise its model's)."""
WITH_FILE_NUMBER = "99998"
"""The sequence number of the item a rebuild adds with a file."""
_INDEX_NO = re.compile(r"^(index_no: \S+/\d{4}-)\d+$", re.M)
_FILE = re.compile(r"(file: \.\./files/)([^\s,}]+)")
_PHONE = re.compile(r'^(phone: "?[0-9-]*)([0-9])("?)$', re.M)


def edited_item(corpus: Path) -> Path:
    """The item the rebuilds edit: the same one for every run of the same corpus."""
    for kind in ("policy", "guide"):  # every department publishes a guide
        found = sorted(path for path in (corpus / "content").glob(f"*/{kind}/*.md")
                       if not path.name.endswith(".en.md"))
        if found:
            return found[0]
    raise SystemExit(f"bench: no policy or guide item to edit in {corpus / 'content'}")


def added_item(corpus: Path) -> tuple[Path, bytes]:
    """A news item to publish: a copy of the first one, under another name, 索引号 and
    title."""
    found = sorted(path for path in (corpus / "content").glob("*/news/*.md")
                   if not path.name.endswith(".en.md"))
    if not found:
        raise SystemExit(f"bench: no news item to copy in {corpus / 'content'}")
    text = _renumbered(found[0], found[0].read_text("utf-8"), ADDED_NUMBER)
    return found[0].with_name(f"bench-added-{found[0].name}"), retitled(text.encode("utf-8"))


def added_with_file(corpus: Path) -> tuple[Path, bytes, Path, bytes]:
    """An item to publish with a file of its own: a copy of the first item with a file in
    its front matter, naming a copy of that file (its bytes changed: a new file). Returns the
    item's path and bytes, then the file's."""
    for source in sorted((corpus / "content").glob("*/*/*.md")):
        text = source.read_text("utf-8")
        front = text.split("\n---\n", 1)[0]
        named = _FILE.search(front)
        if named is None or source.name.endswith(".en.md") or not _published(front):
            continue
        original = source.parent.parent / "files" / named.group(2)
        copy = original.with_name(f"bench-added-{original.name}")
        text = _renumbered(source, text.replace(f"../files/{named.group(2)}",
                                                f"../files/{copy.name}"), WITH_FILE_NUMBER)
        return (source.with_name(f"bench-added-{source.name}"), retitled(text.encode("utf-8")),
                copy, original.read_bytes() + b"\nbench")
    raise SystemExit(f"bench: no item with a file in {corpus / 'content'}")


def edited_profile(corpus: Path) -> tuple[Path, bytes]:
    """The first department's profile with the last digit of its telephone number changed."""
    profiles = sorted((corpus / "config" / "departments").glob("*.yaml"))
    if not profiles:
        raise SystemExit(f"bench: no department profile in {corpus / 'config'}")
    text, count = _PHONE.subn(lambda found: found.group(1) + str((int(found.group(2)) + 1) % 10)
                              + found.group(3), profiles[0].read_text("utf-8"), count=1)
    if not count:
        raise SystemExit(f"bench: {profiles[0]} has no phone: line to change")
    return profiles[0], text.encode("utf-8")


def _published(front: str) -> bool:
    """Whether front matter says its item is published (as portal_model.model.withheld_reason
    would, but for the date: an embargo is left out)."""
    return ("\nclassification: public" in front and "\ndraft: true" not in front
            and "\nembargo_until:" not in front)


def _renumbered(source: Path, text: str, number: str) -> str:
    text, count = _INDEX_NO.subn(rf"\g<1>{number}", text, count=1)
    if not count:
        raise SystemExit(f"bench: {source} has no index_no: line to renumber")
    return text


def retitled(data: bytes) -> bytes:
    """The item file with ``TITLE_EDIT`` appended to the ``title:`` of its front matter."""
    lines = data.decode("utf-8").split("\n")
    end = lines.index("---", 1) if lines[0] == "---" and "---" in lines[1:] else 0
    number = next((i for i in range(1, end) if lines[i].startswith("title:")), None)
    if number is None:  # lines[1:end] is the front matter
        raise SystemExit("bench: the edited item has no title: line in its front matter")
    title = yaml.safe_load(lines[number])["title"]
    # A JSON string is a valid YAML scalar, whatever quotes or characters the title needs.
    lines[number] = "title: " + json.dumps(f"{title}{TITLE_EDIT}", ensure_ascii=False)
    return "\n".join(lines).encode("utf-8")
