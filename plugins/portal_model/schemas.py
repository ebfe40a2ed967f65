"""Item-type schemas (``config/schemas/*.yaml``) and validation against them.

Schemas are JSON Schema 2020-12 written in YAML. A file is first checked by
``jsonschema-rs`` (compiled, tens of times faster), and only a file it finds a problem
in is checked again by ``jsonschema``, whose errors carry what an editor's message needs
(the schema, the failing keyword, the field's title). Both are given the same schemas,
keywords and formats; ``tests/test_schemas_fast.py`` holds them to the same verdict on
every file of the demo and of the test fixtures, valid and invalid.
A file whose name starts with ``_`` holds shared definitions; every other file
defines one item type, named after the file. Gongkai adds two keywords:

* ``x-expected`` (``{en: ..., zh: ...}``): how to say what a field expects;
* ``x-date-order`` (``[[earlier, later], ...]``): date fields that must not run backwards;

and the ``attachment`` string format (a relative path, checked again for
existence by :mod:`portal_model.crossref`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .errors import PortalConfigError, Problem, problem
from .frontmatter import Parsed, dotted, load_config_yaml
from .messages import describe, localized

BASE_URI = "https://gongkai.invalid/schemas/"


def _backwards(pairs: list[list[str]], instance: Any) -> Iterator[tuple[str, str, str, str]]:
    """``(earlier, its date, later, its date)`` for each date pair that runs backwards."""
    if not isinstance(instance, dict):
        return
    for earlier, later in pairs:
        first, then = instance.get(earlier), instance.get(later)
        if (isinstance(first, str) and isinstance(then, str) and _ISO_DATE.match(first)
                and _ISO_DATE.match(then) and then < first):
            yield earlier, first, later, then


def _date_order(validator, pairs, instance, schema):
    for earlier, first, later, then in _backwards(pairs, instance):
        yield ValidationError(f"{later} before {earlier}", path=(later,), instance=then,
                              validator_value=(earlier, first))


class _FastDateOrder:
    """``x-date-order`` for jsonschema-rs, which makes one per occurrence in the schemas."""

    def __init__(self, parent_schema: Any, value: list[list[str]], schema_path: Any):
        self.pairs = value

    def validate(self, instance: Any) -> None:
        for earlier, _, later, _ in _backwards(self.pairs, instance):
            raise ValueError(f"{later} before {earlier}")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_Validator = validators.extend(Draft202012Validator, {"x-date-order": _date_order})
FORMATS = FormatChecker(["date"])


@FORMATS.checks("attachment")
def _is_relative_path(value: object) -> bool:
    """A plain relative path: no drive letter, no backslash, no NUL, not absolute."""
    if not isinstance(value, str):
        return True
    return not (value.startswith("/") or "\\" in value or "\0" in value
                or re.match(r"^[A-Za-z]:", value) or "://" in value or not value.strip())


def _with_references(raw: dict[str, dict[str, Any]], name: str) -> set[str]:
    """The schema file ``name`` and every file its ``$ref``s lead to, directly or not."""
    found, nodes = {name}, [raw.get(name)]
    while nodes:
        node = nodes.pop()
        if isinstance(node, list):
            nodes += node
        elif isinstance(node, dict):
            ref = node.get("$ref")
            target = ref.partition("#")[0] if isinstance(ref, str) else ""
            if target in raw and target not in found:
                found.add(target)
                nodes.append(raw[target])
            nodes += node.values()
    return found


@dataclass(frozen=True)
class TypeSchema:
    """One item type: its name, labels and schema."""

    name: str
    label_zh: str
    label_en: str
    schema: dict[str, Any]


class SchemaSet:
    """All schemas of a portal, loaded once per build."""

    def __init__(self, schema_dir: Path, checked: bool = False, needed: str | None = None):
        """``checked``: these very schema files are known to be valid schemas (see
        :meth:`portal_model.memo.ValidatedFiles.vouches_for_schemas`), so they are not
        checked against the JSON Schema metaschema again. ``needed``: only this file and
        those it refers to will be used, so only they are checked (the model checks all)."""
        self.dir = schema_dir
        raw: dict[str, dict[str, Any]] = {}
        problems: list[Problem] = []
        for path in sorted(schema_dir.glob("*.yaml")):
            parsed = load_config_yaml(path.read_bytes(), f"config/schemas/{path.name}")
            problems += parsed.problems
            if parsed.data is not None:
                # Drop `$schema`: jsonschema would pick the plain 2020-12 validator for each
                # `$ref`ed file by it, and lose Gongkai's own keywords (x-date-order).
                data = {key: value for key, value in parsed.data.items() if key != "$schema"}
                raw[path.name] = {"$id": BASE_URI + path.name, **data}
        if problems:
            raise PortalConfigError("\n".join(p.format("en") for p in problems))
        self.raw = raw
        self._validators: dict[str, Any] = {}
        self._fast: dict[str, Any] = {}
        self._resolved: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        self._positions: dict[str, _Position] = {}
        self.registry = Registry().with_resources(
            (BASE_URI + name, Resource.from_contents(schema, DRAFT202012))
            for name, schema in raw.items())
        self.types: dict[str, TypeSchema] = {}
        to_check = set() if checked else _with_references(raw, needed) if needed else set(raw)
        for name, schema in raw.items():
            try:
                if name in to_check:
                    _Validator.check_schema(schema)
            except Exception as exc:  # SchemaError: an operator's mistake, not an editor's
                raise PortalConfigError(f"config/schemas/{name}: invalid schema: {exc}") from exc
            if name.startswith("_"):
                continue
            labels = schema.get("x-labels", {})
            self.types[name.removesuffix(".yaml")] = TypeSchema(
                name.removesuffix(".yaml"), labels.get("zh", name), labels.get("en", name),
                schema)
        if not self.types:
            raise PortalConfigError(f"{schema_dir}: no item-type schemas found")

    def validator_for(self, file_name: str) -> Any:
        """A validator for the schema in ``config/schemas/<file_name>`` (made once)."""
        if file_name not in self._validators:
            self._validators[file_name] = _Validator(
                {"$ref": BASE_URI + file_name}, registry=self.registry, format_checker=FORMATS)
        return self._validators[file_name]

    def fast_validator_for(self, file_name: str) -> Any:
        """The jsonschema-rs validator for the same schema, keywords and formats (made once)."""
        if file_name not in self._fast:
            if not self._fast:
                self._fast_registry = jsonschema_rs.Registry(
                    [(BASE_URI + name, schema) for name, schema in self.raw.items()])
            self._fast[file_name] = jsonschema_rs.Draft202012Validator(
                {"$ref": BASE_URI + file_name}, registry=self._fast_registry,
                validate_formats=True, formats={"attachment": _is_relative_path},
                keywords={"x-date-order": _FastDateOrder})
        return self._fast[file_name]

    def fields_of(self, schema: dict[str, Any]) -> dict[str, str]:
        """Field name -> title for an object schema, through ``$ref`` and ``allOf``."""
        fields: dict[str, str] = {}
        for name, sub, _ in self.field_schemas(schema, BASE_URI):
            fields.setdefault(name, sub.get("title", name) if isinstance(sub, dict) else name)
        return fields

    def field_schemas(self, schema: dict[str, Any], base: str
                      ) -> Iterator[tuple[str, Any, str]]:
        """``(field name, its schema, that schema's base URI)`` for every declaration of a
        field, through ``$ref`` and ``allOf``, shared definitions before local ones."""
        if "$ref" in schema:
            target, uri = self.resolve(schema, base)
            yield from self.field_schemas(target, uri)
        for part in schema.get("allOf", ()):
            yield from self.field_schemas(part, base)
        for name, sub in schema.get("properties", {}).items():
            yield name, sub, base

    def resolve(self, schema: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
        """Follow a ``$ref`` (relative to ``base``) to its target schema.

        Memoized: every item walks the same few references, and a lookup through the
        registry costs more than the rest of the walk.
        """
        key = (base, schema["$ref"])
        found = self._resolved.get(key)
        if found is None:
            resolved = self.registry.resolver(base_uri=base).lookup(schema["$ref"])
            uri = resolved.resolver._base_uri  # noqa: SLF001 - base for nested relative $refs
            found = self._resolved[key] = (resolved.contents, uri)
        return found

    def annotated(self, type_name: str, data: Any, key: str
                  ) -> Iterator[tuple[tuple[str | int, ...], Any, Any]]:
        """Yield ``(field path, value, annotation)`` for values whose schema carries ``key``.

        ``key`` is a schema keyword such as ``format`` or ``x-reference``; the schemas are
        followed through ``$ref``, ``allOf``, ``properties`` and ``items``, which is all
        Gongkai's schemas use to reach a field. Where several schemas apply at one place,
        the first one (shared definitions before local ones) gives the annotation.
        """
        yield from _annotations(self._position(type_name), data, key, ())

    def _position(self, type_name: str) -> _Position:
        """Every schema of the type merged by place: made once, then each item's walk
        follows its data alone (this is called for every item, several times)."""
        found = self._positions.get(type_name)
        if found is None:
            found = self._positions[type_name] = _Position()
            self._merge(found, {"$ref": f"{type_name}.yaml"}, BASE_URI, ())
        return found

    def _merge(self, position: _Position, schema: dict[str, Any], base: str,
               following: tuple[str, ...]) -> None:
        for keyword, value in schema.items():
            position.keywords.setdefault(keyword, value)
        if "$ref" in schema:
            target, uri = self.resolve(schema, base)
            at = f"{uri}#{id(target)}"
            if at in following:
                raise PortalConfigError(f"config/schemas: {schema['$ref']} refers to itself;"
                                        " item schemas cannot be recursive")
            self._merge(position, target, uri, (*following, at))
        for part in schema.get("allOf", ()):
            self._merge(position, part, base, following)
        for name, sub in schema.get("properties", {}).items():
            self._merge(position.properties.setdefault(name, _Position()), sub, base, following)
        if isinstance(schema.get("items"), dict):
            position.items = position.items or _Position()
            self._merge(position.items, schema["items"], base, following)


@dataclass
class _Position:
    """What all the schemas that apply at one place of a document say there."""

    keywords: dict[str, Any] = field(default_factory=dict)
    properties: dict[str, _Position] = field(default_factory=dict)
    items: _Position | None = None
    _leads: dict[str, bool] = field(default_factory=dict)

    def leads_to(self, key: str) -> bool:
        """Whether ``key`` is said here or anywhere below (the walk skips the rest)."""
        found = self._leads.get(key)
        if found is None:
            found = self._leads[key] = (
                key in self.keywords
                or any(sub.leads_to(key) for sub in self.properties.values())
                or (self.items is not None and self.items.leads_to(key)))
        return found


def _annotations(position: _Position, data: Any, key: str, at: tuple[str | int, ...]
                 ) -> Iterator[tuple[tuple[str | int, ...], Any, Any]]:
    if key in position.keywords:
        yield at, data, position.keywords[key]
    if isinstance(data, dict):
        for name, sub in position.properties.items():
            if name in data and sub.leads_to(key):
                yield from _annotations(sub, data[name], key, (*at, name))
    elif isinstance(data, list) and position.items is not None and position.items.leads_to(key):
        for index, value in enumerate(data):
            yield from _annotations(position.items, value, key, (*at, index))


def validate(schemas: SchemaSet, schema_file: str, parsed: Parsed, path: str) -> list[Problem]:
    """Every problem ``config/schemas/<schema_file>`` finds in ``parsed.data``, for editors."""
    if schemas.fast_validator_for(schema_file).is_valid(parsed.data):
        return []
    label = schema_file.removesuffix(".yaml").lstrip("_")
    root = schemas.raw[schema_file]
    found = []
    for error in schemas.validator_for(schema_file).iter_errors(parsed.data):
        found.extend(_to_problems(schemas, error, parsed, path, (label, root)))
    return sorted(set(found))


def _to_problems(schemas: SchemaSet, error: ValidationError, parsed: Parsed, path: str,
                 of: tuple[str, dict[str, Any]]) -> list[Problem]:
    label, root = of
    at = tuple(error.absolute_path)
    keyword = error.validator
    if keyword == "required":
        fields = schemas.fields_of(error.schema)
        if not at:  # a conditional `then: {required: ...}` has no titles of its own
            fields = {**schemas.fields_of(root), **fields}
        missing = [name for name in error.validator_value if name not in error.instance]
        because = _condition(root, error)
        if because:
            field, value = because
            return [problem(path, parsed.line_of((*at, field)), dotted((*at, name)),
                            "missing_because", description=_gloss_free(fields.get(name, name)),
                            field=field, value=value) for name in missing]
        return [problem(path, parsed.line_of(at), dotted((*at, name)), "missing",
                        description=_gloss_free(fields.get(name, name))) for name in missing]
    if keyword in ("unevaluatedProperties", "additionalProperties"):
        known = schemas.fields_of(error.schema)
        unknown = [name for name in error.instance if name not in known]
        return [problem(path, parsed.line_of((*at, name)), dotted((*at, name)), "unknown_field",
                        type=label, hint=_suggest(name, list(known))) for name in unknown]
    if keyword == "x-date-order":
        other, other_value = error.validator_value
        return [problem(path, parsed.line_of(at), dotted(at), "date_order", other=other,
                        other_value=other_value, got=describe(error.instance))]
    if keyword in ("allOf", "anyOf") and error.context:
        return [p for sub in error.context
                for p in _to_problems(schemas, sub, parsed, path, of)]
    return [problem(path, parsed.line_of(at), dotted(at), "expected",
                    expected=_expected(error), got=describe(error.instance))]


def _expected(error: ValidationError) -> Any:
    custom = error.schema.get("x-expected") if isinstance(error.schema, dict) else None
    # A field's own wording describes its pattern or kind; length limits say it best plainly.
    if custom and error.validator not in ("maxLength", "uniqueItems"):
        return localized(custom["en"], custom["zh"])
    value = error.validator_value
    match error.validator:
        case "enum":
            choices = ", ".join(str(v) for v in value)
            return localized(f"one of: {choices}", f"以下之一：{choices}")
        case "const":
            return localized(repr(value), repr(value))
        case "type":
            return localized(*_TYPE_WORDS.get(value, (value, value)))
        case "minItems":
            return localized(f"a list of at least {value} entr{'y' if value == 1 else 'ies'}",
                             f"至少 {value} 项的列表")
        case "minimum":
            return localized(f"a number no less than {value}", f"不小于 {value} 的数")
        case "maximum":
            return localized(f"a number no greater than {value}", f"不大于 {value} 的数")
        case "maxLength":
            return localized(f"at most {value} characters", f"不超过 {value} 个字符")
        case "uniqueItems":
            return localized("a list without repeated entries", "没有重复项的列表")
    return localized(error.message, error.message)


_TYPE_WORDS = {
    "string": ("text", "文本"), "integer": ("a whole number", "整数"),
    "number": ("a number", "数字"), "boolean": ("true or false", "true 或 false"),
    "array": ("a list", "列表"), "object": ("a mapping of fields", "字段映射"),
}


def _gloss_free(title: str) -> str:
    """A field title without its English gloss: '内容概述 (summary)' -> '内容概述'."""
    return title.split(" (", 1)[0]


def _condition(root: dict[str, Any], error: ValidationError) -> tuple[str, Any] | None:
    """For a field required by an ``if``/``then``, the field and value that made it so."""
    path = list(error.absolute_schema_path)
    if "then" not in path:
        return None
    node: Any = root
    try:
        for part in path[: path.index("then")]:
            if part != "$ref":
                node = node[part]
        field = next(iter(node["if"]["properties"]))
        return field, error.instance[field]
    except (KeyError, IndexError, TypeError, StopIteration):
        return None


def _suggest(name: str, known: list[str]) -> Any:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    if not close:
        return ""
    return localized(f"; did you mean '{close[0]}'?", f"；是否应为 '{close[0]}'？")
