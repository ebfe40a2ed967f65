"""A finding: one place where the portal falls short of a rule, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .registry import SEVERITIES


@dataclass(frozen=True)
class Finding:
    """One finding, located like an editor's problem: file, line, field."""

    rule: str
    severity: str
    department: str | None
    """Department id, or None for a finding about the portal as a whole."""
    file: str
    """Project-relative path of the file to change (an item, a department profile, a config file)."""
    line: int
    field: str
    code: str
    """Which of the rule's messages this is (``missing_elements``, ``late`` …)."""
    message: dict[str, str]
    fix: dict[str, str]
    weight: float = 1.0
    """How many deductions this finding stands for (e.g. the number of missing elements)."""
    data: tuple[tuple[str, Any], ...] = ()
    """The message's parameters, for machine readers of the report."""

    def sort_key(self) -> tuple[Any, ...]:
        return (SEVERITIES.index(self.severity), self.department or "", self.file, self.line,
                self.rule, self.field, self.code, self.message["en"])

    def format(self, lang: str) -> str:
        """``file:line: field: [RULE] message`` — the editors' problem grammar, with the rule."""
        key = "en" if lang.startswith("en") else "zh"
        location = f"{self.file}:{self.line}:" + (f" {self.field}:" if self.field else "")
        return f"{location} [{self.rule}] {self.message[key]}"
