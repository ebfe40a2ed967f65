"""jsonschema-rs (the fast check) and jsonschema (the messages) agree on every file.

A file the fast check passes is never checked again, so the two must give the same verdict;
where the fast check is stricter a file only costs the slow check, where it is laxer a
problem would go unreported. They are compared on every item of the demo and the fixtures,
valid and invalid, and on each demo type's first item with every field broken in turn.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from portal_model.frontmatter import parse
from portal_model.schemas import SchemaSet

SCHEMAS = SchemaSet(ROOT / "config" / "schemas")
BROKEN_VALUES = [123, 1.5, True, "", "   ", [], ["x"], {"x": 1}, None, "2026-02-30",
                 "2026-13-01", "/etc/passwd", "C:\\files\\a.pdf", "../files/a.pdf",
                 "a" * 5000, "示例\n"]


def verdicts(schema_file: str, data: object) -> tuple[bool, bool]:
    slow = not any(True for _ in SCHEMAS.validator_for(schema_file).iter_errors(data))
    return SCHEMAS.fast_validator_for(schema_file).is_valid(data), slow


def item_files() -> list[tuple[str, Path]]:
    """(schema file, path) of every item file of the demo and the fixture site."""
    found = []
    for content in (ROOT / "content", FIXTURES / "site" / "content"):
        for path in sorted(content.glob("*/*/*.md")):
            found.append((f"{path.parent.name}.yaml", path))
    cases = yaml.safe_load((FIXTURES / "invalid" / "cases.yaml").read_text("utf-8"))
    for case in cases:
        folder = case["place_at"].split("/")[2]
        if f"{folder}.yaml" in SCHEMAS.raw:
            found.append((f"{folder}.yaml", FIXTURES / "invalid" / case["file"]))
    return found


@pytest.mark.parametrize(("schema_file", "path"), item_files(),
                         ids=lambda value: value.name if isinstance(value, Path) else value)
def test_same_verdict_on_every_file(schema_file, path):
    data = parse(path.read_bytes(), path.name).data
    if data is None:
        pytest.skip("not readable as YAML: never validated")
    fast, slow = verdicts(schema_file, data)
    assert fast == slow


def first_of_each_type() -> list[tuple[str, dict]]:
    found = {}
    for path in sorted((ROOT / "content").glob("*/*/*.md")):
        if not path.name.endswith(".en.md"):
            found.setdefault(path.parent.name, parse(path.read_bytes(), path.name).data)
    return sorted(found.items())


def test_same_verdict_with_each_field_broken():
    compared = disagreements = 0
    report = []
    for type_name, data in first_of_each_type():
        for key in list(data):
            variants = [{k: v for k, v in data.items() if k != key}]
            for value in BROKEN_VALUES:
                variant = copy.deepcopy(data)
                variant[key] = value
                variants.append(variant)
            for variant in variants:
                fast, slow = verdicts(f"{type_name}.yaml", variant)
                compared += 1
                if fast and not slow:  # laxer: a problem would go unreported
                    disagreements += 1
                    report.append(f"{type_name}.{key}: fast passes what jsonschema rejects")
    assert compared > 1000
    assert disagreements == 0, report[:10]


def test_date_order_is_checked_by_both():
    for type_name, data in first_of_each_type():
        pairs = [pair for pair in _date_orders(type_name) if all(k in data for k in pair)]
        if pairs:
            earlier, later = pairs[0]
            variant = {**data, earlier: "2026-05-02", later: "2026-05-01"}
            assert verdicts(f"{type_name}.yaml", variant) == (False, False)
            return
    pytest.fail("no demo item has a pair of ordered dates")


def _date_orders(type_name: str) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend(node.get("x-date-order", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMAS.raw[f"{type_name}.yaml"])
    walk(SCHEMAS.raw.get("_common.yaml", {}))
    return found
