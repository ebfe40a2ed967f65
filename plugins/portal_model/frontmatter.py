"""Split an item file into YAML front matter and Markdown body, strictly.

The YAML is read with a safe loader and composed node by node so that every
field keeps the line it was written on (messages point at it), duplicate keys
are errors instead of silently overwriting, aliases are refused (no alias
bombs), and only YAML 1.2 booleans (``true``/``false``) are booleans: ``on``,
``no`` and ``是`` stay text. Dates stay text too; the schema checks their format.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem, problem
from .messages import describe, localized

MAX_DEPTH = 12
"""Deepest nesting any schema needs is 4; anything past this is a mistake or an attack."""
MAX_ITEM_BYTES = 2_000_000
"""An item file larger than this is refused unread: no disclosure text is that long, and a
runaway file must not stall every build (attachments carry large documents)."""

Path = tuple[str | int, ...]


@dataclass
class Parsed:
    """The result of reading one item file."""

    data: dict[str, Any] | None
    """Front matter, or None when it could not be read."""
    body: str = ""
    body_line: int = 1
    """File line on which the body starts."""
    lines: dict[Path, int] | StoredLines = field(default_factory=dict)
    """File line of every field path (``("materials", 2, "copies")``)."""
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        return nearest_line(self.lines, path)


class StoredLines(Mapping[Path, int]):
    """A file's field lines as the memo of valid files keeps them (``marshal`` bytes),
    decoded when a line is first asked for: a build reports on few items, and decoding every
    file's lines took a rebuild 0.1 s at 5,000 items."""

    def __init__(self, stored: bytes):
        self._stored = stored
        self._lines: dict[Path, int] | None = None

    def _decoded(self) -> dict[Path, int]:
        if self._lines is None:
            self._lines = dict(marshal.loads(self._stored))
        return self._lines

    def __getitem__(self, path: Path) -> int:
        return self._decoded()[path]

    def __contains__(self, path: object) -> bool:
        return path in self._decoded()

    def __iter__(self) -> Iterator[Path]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())


def nearest_line(lines: Mapping[Path, int], path: Path) -> int:
    """The line of ``path``, or of its nearest ancestor that has one (1 for the file)."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 surprises: no timestamps, no yes/no/on/off booleans."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


_STR = "tag:yaml.org,2002:str"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: "tag:yaml.org,2002:seq",
                 yaml.MappingNode: "tag:yaml.org,2002:map"}


if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser with the same resolvers: several times faster on valid files."""

        def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
            """PyYAML's answer, found with one lookup: libyaml asks for every node, and
            PyYAML's own ``resolve`` (built for path resolvers, which we have none of) took
            an eighth of parsing a file."""
            if kind is yaml.ScalarNode and implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _DEFAULT_TAGS[kind]

    _FastLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers
    # What resolve() leaves out: resolvers for any first character, and path resolvers.
    assert None not in _FastLoader.yaml_implicit_resolvers
    assert not _FastLoader.yaml_path_resolvers
else:  # PyYAML built without libyaml: the pure-Python loader does everything
    _FastLoader = None  # type: ignore[assignment,misc]

_FENCE = re.compile(r"^---[ \t]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters no editor means to type (tab, newline and carriage return excepted);
YAML rejects them, and in a body they would reach the page."""
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _body(lines: list[str], body_line: int) -> str:
    return "\n".join(lines[body_line - 1:])


def body_of(text_bytes: bytes, body_line: int) -> str:
    """The body of a file already parsed once, whose body starts on ``body_line``."""
    if b"\r" in text_bytes:
        return _body(_lines(text_bytes.decode("utf-8")), body_line)
    # Only the body decoded, its lines left joined: every build does this for every file.
    parts = text_bytes.split(b"\n", body_line - 1)
    return parts[-1].decode("utf-8") if len(parts) == body_line else ""


def parse(text_bytes: bytes, path: str) -> Parsed:
    """Read one item file's bytes; never raises for bad input, reports problems instead."""
    if len(text_bytes) > MAX_ITEM_BYTES:
        return Parsed(None, problems=[problem(path, 1, "", "file_too_large",
                                              size=len(text_bytes), limit=MAX_ITEM_BYTES)])
    if not text_bytes.strip():
        return Parsed(None, problems=[problem(path, 1, "", "empty_file")])
    if text_bytes.startswith(b"\xef\xbb\xbf"):
        return Parsed(None, problems=[problem(path, 1, "", "bom")])
    try:
        text = text_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text_bytes[: exc.start].count(b"\n") + 1
        return Parsed(None, problems=[problem(path, line, "", "not_utf8", offset=exc.start)])
    control = _CONTROL.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        return Parsed(None, problems=[problem(path, line, "", "control_character",
                                              character=f"U+{ord(control.group()):04X}")])
    lines = _lines(text)
    if not _FENCE.match(lines[0]):
        found = repr(lines[0][:40]) if lines[0].strip() else "an empty line"
        return Parsed(None, problems=[problem(path, 1, "", "no_front_matter", found=found)])
    close = next((i for i in range(1, len(lines)) if _CLOSE.match(lines[i])), None)
    if close is None:
        return Parsed(None, problems=[problem(path, 1, "", "unterminated_front_matter")])
    parsed = Parsed(None, body=_body(lines, close + 2), body_line=close + 2)
    _load_yaml("\n".join(lines[1:close]), path, parsed)
    return parsed


def load_config_yaml(text_bytes: bytes, path: str) -> Parsed:
    """Read a whole YAML configuration file (no fences) with the same strict rules."""
    try:
        text = text_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Parsed(None, problems=[problem(path, 1, "", "not_utf8", offset=exc.start)])
    parsed = Parsed(None)
    _load_yaml(text, path, parsed, first_line=1)
    return parsed


def _load_yaml(text: str, path: str, parsed: Parsed, first_line: int = 2) -> None:
    """Compose ``text`` and build Python values, recording lines; fills ``parsed``.

    Composes with libyaml when it is available; a text libyaml rejects is composed
    again by the pure-Python parser, whose errors the editor messages are worded from.
    """
    node, loader = _compose_fast(text)
    if loader is not None:
        _build(node, loader, path, first_line, parsed)
        return
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (config files)
        line = first_line + text[: exc.position].count("\n")
        parsed.problems.append(problem(path, line, "", "control_character",
                                       character=f"U+{exc.character:04X}"))
        return
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        parsed.problems.append(_yaml_problem(exc, path, first_line))
        return
    except RecursionError:
        parsed.problems.append(problem(path, first_line, "", "too_deep", limit=MAX_DEPTH))
        return
    finally:
        loader.dispose()
    _build(node, loader, path, first_line, parsed)


def _compose_fast(text: str) -> tuple[Any, Any]:
    """(node, loader) from libyaml, or (None, None) when it is missing or rejects ``text``."""
    if _FastLoader is None:
        return None, None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except (yaml.YAMLError, RecursionError):
        return None, None
    finally:
        loader.dispose()


def _build(node: Any, loader: Any, path: str, first_line: int, parsed: Parsed) -> None:
    builder = _Builder(loader, path, first_line, parsed)
    value = builder.build(node, ()) if node is not None else None
    if parsed.problems:
        return
    if not isinstance(value, dict):
        parsed.problems.append(problem(path, first_line, "", "not_a_mapping", got=describe(value)))
        return
    parsed.data = value


_UNCLOSED = {"while scanning a quoted scalar": localized("quote", "引号"),
             "while parsing a flow sequence": localized("'['", "'['"),
             "while parsing a flow mapping": localized("'{'", "'{'")}


def _yaml_problem(exc: yaml.MarkedYAMLError, path: str, first_line: int) -> Problem:
    """Word PyYAML's error for an editor, at the line where the mistake starts."""
    text = str(exc.problem or "")
    mark = exc.problem_mark or exc.context_mark
    line = first_line + (mark.line if mark else 0)
    if "'\\t'" in text or "tab" in text:  # PyYAML shows a tab as '\t'
        return problem(path, line, "", "yaml_tab")
    if "mapping values are not allowed" in text:
        return problem(path, line, "", "yaml_colon")
    if exc.context in _UNCLOSED and exc.context_mark is not None:
        return problem(path, first_line + exc.context_mark.line, "", "yaml_unclosed",
                       what=_UNCLOSED[exc.context])
    detail = text + (f" ({exc.context})" if exc.context else "")
    return problem(path, line, "", "yaml_syntax", detail=detail)


class _Builder:
    """Turns composed YAML nodes into values, checking what PyYAML lets through."""

    def __init__(self, loader: yaml.SafeLoader, path: str, first_line: int, parsed: Parsed):
        self.loader, self.path, self.first_line, self.parsed = loader, path, first_line, parsed
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def fail(self, node: yaml.Node, field_path: Path, code: str, **params: Any) -> None:
        self.parsed.problems.append(
            problem(self.path, self.line(node), dotted(field_path), code, **params))

    def build(self, node: yaml.Node, at: Path) -> Any:
        if id(node) in self.seen:
            # The composer shares the anchored node for an alias, so the node's own mark
            # is the anchor's line; the field that holds the alias is where it is used.
            holder = at[:-1] if at and isinstance(at[-1], int) else at
            self.parsed.problems.append(
                problem(self.path, self.parsed.line_of(holder), dotted(at), "yaml_alias"))
            return None
        self.seen.add(id(node))
        if len(at) > MAX_DEPTH:
            self.fail(node, at, "too_deep", limit=MAX_DEPTH)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            return [self._child(item, (*at, index)) for index, item in enumerate(node.value)]
        if node.tag == _STR:
            return node.value  # what the constructor returns for text, without its bookkeeping
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.fail(node, at, "yaml_syntax", detail=str(getattr(exc, "problem", exc)))
            return None

    def _child(self, node: yaml.Node, at: Path) -> Any:
        self.parsed.lines[at] = self.line(node)
        return self.build(node, at)

    def _mapping(self, node: yaml.MappingNode, at: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, at, "yaml_alias")
                continue
            key = self.build(key_node, at)
            if not isinstance(key, str):
                key = str(key)
            here = (*at, key)
            if key in first_seen:
                self.fail(key_node, here, "duplicate_key", first_line=first_seen[key])
                continue
            first_seen[key] = self.line(key_node)
            self.parsed.lines[here] = self.line(key_node)
            result[key] = self.build(value_node, here)
        return result


def dotted(field_path: Path) -> str:
    """``("materials", 2, "copies")`` -> ``materials[2].copies``."""
    text = ""
    for part in field_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
