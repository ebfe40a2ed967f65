"""Skeletons for new items (``scripts/new-item``): every required field filled, the rest listed.

The skeleton is marked ``draft: true``: it validates, so the editor can run
``make check`` at once, but it is never published until the editor removes
that line. Values come from the schema (``default``, then ``examples``, then
the first allowed value), so a new field or type needs no change here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .schemas import BASE_URI, SchemaSet

_INDEX_NO_LINE = re.compile(r"^index_no:\s*['\"]?([0-9A-Z]+)/(\d{4})-(\d+)", re.MULTILINE)


def next_index_no(content_dir: Path, org_code: str, year: int) -> str:
    """The department's next free 索引号 for ``year``, scanning every item file.

    A plain text scan, so that it works even while other files have errors.
    """
    highest, width = 0, 5
    for path in content_dir.rglob("*.md"):
        for prefix, found_year, serial in _INDEX_NO_LINE.findall(path.read_text("utf-8", "replace")):
            if prefix == org_code and int(found_year) == year:
                highest, width = max(highest, int(serial)), max(width, len(serial))
    return f"{org_code}/{year}-{highest + 1:0{width}d}"


def unused_code(content_dir: Path, codes: list[str]) -> str | None:
    """The first code of a department list that no item in ``content_dir`` uses yet."""
    used = set()
    for path in content_dir.glob("*.md"):
        used.update(re.findall(r"^item_code:\s*['\"]?([^'\"\n]+?)['\"]?\s*$",
                               path.read_text("utf-8", "replace"), re.MULTILINE))
    return next((code for code in codes if code not in used), codes[0] if codes else None)


class _Dumper(yaml.SafeDumper):
    """Writes dates as plain YYYY-MM-DD, the way editors type them."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def skeleton(schemas: SchemaSet, type_name: str, slug: str, index_no: str, today: dt.date,
             overrides: dict[str, Any] | None = None) -> str:
    """Text of a new, valid (draft) item of ``type_name``; ``overrides`` fix some values."""
    # The last declaration wins: a type's own `default` overrides the shared field's.
    fields = {name: (sub, base) for name, sub, base
              in schemas.field_schemas({"$ref": f"{type_name}.yaml"}, BASE_URI)}
    required = _required(schemas, {"$ref": f"{type_name}.yaml"}, BASE_URI)
    filled: dict[str, Any] = {"type": type_name, "index_no": index_no, "draft": True}
    filled.update({name: value for name, value in (overrides or {}).items() if name in fields})
    context = {"today": today.isoformat(), "slug": slug}
    for name in required:
        if name not in filled:
            filled[name] = _value(schemas, fields[name][0], fields[name][1], context)
    lines = ["---", "# 新建事项：填写各字段后删除 draft: true 才会发布。",
             "# New item: fill in every field, then delete `draft: true` to publish it."]
    for name, value in filled.items():
        dumped = yaml.dump({name: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                           default_flow_style=False, width=100).rstrip()
        lines.append(dumped)
    optional = [name for name in fields if name not in filled]
    if optional:
        lines.append("# 可选字段 (optional fields):")
        lines += [f"# {name}:  {fields[name][0].get('title', '')}" for name in optional]
    lines += ["---", "正文（Markdown）。 Body text in Markdown.", ""]
    return "\n".join(lines)


def _required(schemas: SchemaSet, schema: dict[str, Any], base: str) -> list[str]:
    names: list[str] = []
    if "$ref" in schema:
        target, uri = schemas.resolve(schema, base)
        names += _required(schemas, target, uri)
    for part in schema.get("allOf", ()):
        if "if" not in part:  # conditional requirements do not apply to a fresh item
            names += _required(schemas, part, base)
    names += schema.get("required", [])
    return list(dict.fromkeys(names))


def _value(schemas: SchemaSet, schema: dict[str, Any], base: str, context: dict[str, str]) -> Any:
    """A valid placeholder for ``schema``: default, example, first choice, or by type."""
    if "$ref" in schema:
        target, uri = schemas.resolve(schema, base)
        return _value(schemas, {**target, **{k: v for k, v in schema.items() if k != "$ref"}},
                      uri, context)
    if "default" in schema:
        return schema["default"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if "oneOf" in schema:
        return _value(schemas, schema["oneOf"][0], base, context)
    if schema.get("format") == "date":
        return context["today"]
    if schema.get("format") == "attachment":
        return f"../files/{context['slug']}.docx"
    kind = schema.get("type")
    if kind == "integer" or kind == "number":
        return max(schema.get("minimum", 1), 1) if kind == "integer" else schema.get("minimum", 0)
    if kind == "boolean":
        return True
    if kind == "array":
        item = _value(schemas, schema.get("items", {}), base, context)
        return [item] * max(schema.get("minItems", 1), 1)
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _value(schemas, properties[name], base, context)
                for name in schema.get("required", [])}
    title = schema.get("title", "").split(" (", 1)[0]
    return f"待填写{('：' + title) if title else ''}"
