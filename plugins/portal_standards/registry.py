"""Every rule, registered once under its ID with its titles, severity, parameters and source.

A rule module declares its rules with :func:`rule`; the decorated function gets a
:class:`~portal_standards.audit.RuleRun` and reports findings through it. Messages
live with the rule that emits them, so adding a rule is one local change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audit import RuleRun

BLOCKING, WARNING, INFO = "blocking", "warning", "info"
SEVERITIES = (BLOCKING, WARNING, INFO)
"""Most severe first: the report and ``make audit`` sort and gate by this order."""


@dataclass(frozen=True)
class Message:
    """What a finding says and how to fix it, in Chinese and English (``str.format`` templates)."""

    zh: str
    en: str
    fix_zh: str
    fix_en: str

    def text(self, params: Mapping[str, Any]) -> dict[str, str]:
        return {"zh": self.zh.format(**params), "en": self.en.format(**params)}

    def fix(self, params: Mapping[str, Any]) -> dict[str, str]:
        return {"zh": self.fix_zh.format(**params), "en": self.fix_en.format(**params)}


@dataclass(frozen=True)
class Rule:
    """One checkable rule from ``../shared/domain/standards.md``."""

    id: str
    title_zh: str
    title_en: str
    severity: str
    """Default severity; a profile may change it."""
    source: str
    """What the rule implements, e.g. ``政府信息公开条例 第二十六条``."""
    params: Mapping[str, Any]
    """Default parameters; a profile may override any of them, and only them."""
    messages: Mapping[str, Message]
    check: Callable[[RuleRun], None] = field(compare=False)

    @property
    def title(self) -> dict[str, str]:
        return {"zh": self.title_zh, "en": self.title_en}


RULES: dict[str, Rule] = {}
"""Rule ID -> rule, filled by importing :mod:`portal_standards.rules`."""


def rule(rule_id: str, *, title: tuple[str, str], severity: str, source: str,
         messages: Mapping[str, Message], params: Mapping[str, Any] | None = None
         ) -> Callable[[Callable[[RuleRun], None]], Callable[[RuleRun], None]]:
    """Register the decorated check as rule ``rule_id``; ``title`` is (Chinese, English)."""
    if severity not in SEVERITIES:
        raise ValueError(f"{rule_id}: severity must be one of {SEVERITIES}, got {severity!r}")

    def register(check: Callable[[RuleRun], None]) -> Callable[[RuleRun], None]:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, title[0], title[1], severity, source,
                              dict(params or {}), dict(messages), check)
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule (importing the rule modules registers them)."""
    from . import rules  # noqa: F401, PLC0415 - registration happens on import

    return RULES
