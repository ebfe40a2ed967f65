"""Run a profile's rules over the content model, as of a date.

:func:`run_audit` builds the shared indexes once (O(n) in the number of items),
runs every enabled rule with its settings, and returns an :class:`AuditResult`:
the findings, sorted, and the facts rules recorded for the report (the five
ratios, each column's state …). Only published items are ever looked at, so the
report can never name or quote a withheld item.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal_model.frontmatter import Path as FieldPath
from portal_model.frontmatter import dotted
from portal_model.model import Item, Portal
from portal_model.schemas import SchemaSet

from .calendar import WorkingCalendar
from .findings import Finding
from .profiles import Profile, RuleSettings, load_calendar, load_profile
from .registry import all_rules


@dataclass
class Audit:
    """What every rule reads: the model, the date, the calendar, and indexes built once."""

    portal: Portal
    profile: Profile
    as_of: dt.date
    calendar: WorkingCalendar
    root: Path | None = None
    """The portal folder (holding ``content/``), for rules that read attachments; None in tests
    that audit a model built in memory."""
    facts: dict[str, Any] = field(default_factory=dict)
    """Results rules share with the report, by key (``five_100``, ``columns`` …)."""

    def __post_init__(self) -> None:
        self.published: list[Item] = [item for item in self.portal.items if item.published]
        """Published items, translations included (privacy applies to every text)."""
        self.originals: list[Item] = [item for item in self.published if not item.is_translation]
        self.by_department: dict[str, list[Item]] = defaultdict(list)
        self.by_type: dict[tuple[str, str], list[Item]] = defaultdict(list)
        for item in self.originals:
            self.by_department[item.department].append(item)
            self.by_type[item.department, item.type].append(item)
        self.withheld = Counter(item.department for item in self.portal.items
                                if not item.published and not item.is_translation)

    @property
    def departments(self) -> list[str]:
        """Department ids with a valid profile, in file order."""
        return [key for key, department in self.portal.departments.items() if department.config]

    def fact(self, key: str, compute: Any) -> Any:
        """A result several rules and the report share, computed once: ``compute(audit)``."""
        if key not in self.facts:
            self.facts[key] = compute(self)
        return self.facts[key]

    def items_of(self, department: str, *types: str) -> list[Item]:
        return [item for type_name in types for item in self.by_type.get((department, type_name), [])]


class RuleRun:
    """One rule's run: its settings, and the way it reports findings."""

    def __init__(self, audit: Audit, settings: RuleSettings, sink: list[Finding]):
        self.audit, self.settings, self._sink = audit, settings, sink
        self.rule = settings.rule
        self.params = settings.params

    # Positional-only, so that a message may have parameters named code, item or file.
    def item(self, code: str, item: Item, field_path: FieldPath = (), /, *,
             weight: float = 1.0, **params: Any) -> None:
        """A finding in an item's file, at the field ``field_path`` (a tuple path)."""
        line = item.line_of(field_path) if field_path else 1
        self.at(code, item.source, line, dotted(field_path) if field_path else "",
                item.department, weight=weight, title=item.title, **params)

    def department(self, code: str, department: str, field_path: FieldPath = (), /, *,
                   weight: float = 1.0, **params: Any) -> None:
        """A finding in a department's profile (``config/departments/<id>.yaml``)."""
        profile = self.audit.portal.departments[department]
        line = profile.line_of(field_path) if field_path else 1
        self.at(code, profile.source, line, dotted(field_path) if field_path else "",
                department, weight=weight, department_name=profile.name, **params)

    def at(self, code: str, file: str, line: int, field_name: str, department: str | None, /,
           *, weight: float = 1.0, **params: Any) -> None:
        message = self.rule.messages[code]
        params = {key: _plain(value) for key, value in params.items()}
        self._sink.append(Finding(self.rule.id, self.settings.severity, department, file, line,
                                  field_name, code, message.text(params), message.fix(params),
                                  weight, tuple(sorted(params.items()))))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass
class AuditResult:
    audit: Audit
    findings: list[Finding]

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "blocking"]

    def add(self, extra: list[Finding]) -> None:
        """Findings made outside the rules' own run (the built site's link scan)."""
        self.findings = sorted([*self.findings, *extra], key=Finding.sort_key)


def run_audit(portal: Portal, root: Path, as_of: dt.date | None = None,
              profile_name: str | None = None) -> AuditResult:
    """Audit ``portal`` (loaded from ``root``) against its profile, as of ``as_of``.

    Raises :class:`~portal_standards.profiles.StandardsConfigError` for a broken
    profile or calendar file.
    """
    profile, calendar = audit_config(portal, root, profile_name)
    return evaluate(portal, profile, as_of or portal.today, calendar, root)


def audit_config(portal: Portal, root: Path, profile_name: str | None = None
                 ) -> tuple[Profile, WorkingCalendar]:
    """The profile (``profile_name``, else the portal's own) and the working calendar an
    audit of ``portal`` runs with; raises as :func:`run_audit` does."""
    schemas = portal.schemas or SchemaSet(root / "config" / "schemas")
    profile = load_profile(root, profile_name or portal.config["standards_profile"], schemas,
                           all_rules())
    return profile, load_calendar(root, schemas)


def evaluate(portal: Portal, profile: Profile, as_of: dt.date, calendar: WorkingCalendar,
             root: Path | None = None) -> AuditResult:
    """Run ``profile``'s rules over ``portal``; the findings come back sorted."""
    audit = Audit(portal, profile, as_of, calendar, root)
    return AuditResult(audit, sorted(run_rules(audit, profile.rules.values()),
                                     key=Finding.sort_key))


def run_rules(audit: Audit, rules: Iterable[RuleSettings]) -> list[Finding]:
    """The findings of ``rules``, each checked in turn on ``audit``, unsorted."""
    findings: list[Finding] = []
    for settings in rules:
        settings.rule.check(RuleRun(audit, settings, findings))
    return findings


REPORT_FACTS = ("five_100", "annual_figures", "annual_report")
"""The facts the report reads (report.py, annual.py): what an audit run in another process
sends back with its findings. They are plain data; a fact left out is computed again."""


def findings_and_facts(portal: Portal, profile: Profile, as_of: dt.date,
                       calendar: WorkingCalendar, root: Path | None = None
                       ) -> tuple[list[Finding], dict[str, Any]]:
    """:func:`evaluate`, as an audit run in another process sends it back."""
    result = evaluate(portal, profile, as_of, calendar, root)
    return result.findings, report_facts(result.audit)


def report_facts(audit: Audit) -> dict[str, Any]:
    """The :data:`REPORT_FACTS` ``audit`` has computed, to send to another process."""
    return {key: audit.facts[key] for key in REPORT_FACTS if key in audit.facts}


def resumed(portal: Portal, profile: Profile, as_of: dt.date, calendar: WorkingCalendar,
            root: Path | None, findings: list[Finding], facts: dict[str, Any]) -> AuditResult:
    """The :class:`AuditResult` of a :func:`findings_and_facts` made elsewhere."""
    audit = Audit(portal, profile, as_of, calendar, root)
    audit.facts.update(facts)
    return AuditResult(audit, findings)


def single_rules(*rule_ids: str, **params: Any) -> Profile:
    """A profile of just ``rule_ids`` with their defaults, ``params`` overriding (for tests)."""
    rules = all_rules()
    chosen = {rule_id: RuleSettings(rules[rule_id], rules[rule_id].severity,
                                    {**rules[rule_id].params,
                                     **{k: v for k, v in params.items()
                                        if k in rules[rule_id].params}})
              for rule_id in rule_ids}
    return Profile("test", {"zh": "测试", "en": "test"}, ("test",), chosen)
