"""Standards profiles: which rules run, how severe they are, with which parameters.

``config/standards/<name>.yaml`` lists rule IDs with optional ``severity``,
``params`` and ``enabled``; ``extends: <other>`` starts from another profile, so a
province states only what it adds to or tightens in the national profile. Every
rule ID and parameter is checked against the registry: a typo is an error, never
a rule that silently does not run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal_model.errors import ContentValidationError, PortalConfigError, Problem, problem
from portal_model.frontmatter import Parsed, load_config_yaml
from portal_model.loader import load_config_file
from portal_model.schemas import SchemaSet, validate

from .calendar import CALENDAR_FILE, WorkingCalendar, parse_overrides
from .registry import Rule

PROFILE_FOLDER = "config/standards"


class StandardsConfigError(PortalConfigError):
    """A profile or the calendar file is wrong; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in {PROFILE_FOLDER}/")

    # The same list of problems in the same grammar as the editors' own.
    report = ContentValidationError.report


@dataclass(frozen=True)
class RuleSettings:
    """A rule as a profile configures it."""

    rule: Rule
    severity: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Profile:
    name: str
    title: dict[str, str]
    chain: tuple[str, ...]
    """This profile, then the one it extends, and so on."""
    rules: dict[str, RuleSettings]
    """Enabled rules by ID, in the order the profiles list them."""


def load_profile(root: Path, name: str, schemas: SchemaSet, registry: Mapping[str, Rule]
                 ) -> Profile:
    """Profile ``name`` with everything it extends resolved; raises :class:`StandardsConfigError`."""
    problems: list[Problem] = []
    layers: list[tuple[str, Parsed]] = []
    current: str | None = name
    referrer: tuple[str, int, str] = ("config/portal.yaml", 1, "standards_profile")
    while current is not None:
        if current in [seen for seen, _ in layers]:
            chain = " → ".join([seen for seen, _ in layers] + [current])
            problems.append(problem(*referrer, "profile_cycle", chain=chain))
            break
        path = root / PROFILE_FOLDER / f"{current}.yaml"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in path.parent.glob("*.yaml")
                                     if p.name != Path(CALENDAR_FILE).name)) or "-"
            problems.append(problem(*referrer, "profile_not_found", value=current, known=known))
            break
        shown = f"{PROFILE_FOLDER}/{current}.yaml"
        parsed = load_config_file(schemas, path, shown, "_standards.yaml", problems)
        if parsed is None:
            break
        layers.append((current, parsed))
        current = parsed.data.get("extends")
        referrer = (shown, parsed.line_of(("extends",)), "extends")
    if problems:
        raise StandardsConfigError(problems)
    settings: dict[str, RuleSettings | None] = {}
    for layer_name, parsed in reversed(layers):  # the most general profile first
        shown = f"{PROFILE_FOLDER}/{layer_name}.yaml"
        for rule_id, entry in parsed.data["rules"].items():
            _apply(settings, registry, rule_id, entry or {}, shown, parsed, problems)
    if problems:
        raise StandardsConfigError(problems)
    top = layers[0][1].data
    # In the order the profiles list them (the most general first): the report follows it.
    enabled = {rule_id: chosen for rule_id, chosen in settings.items() if chosen is not None}
    return Profile(name, {"zh": top["title"], "en": top["title_en"]},
                   tuple(layer for layer, _ in layers), enabled)  # type: ignore[arg-type]


def _apply(settings: dict[str, RuleSettings | None], registry: Mapping[str, Rule], rule_id: str,
           entry: Mapping[str, Any], shown: str, parsed: Parsed, problems: list[Problem]) -> None:
    at = ("rules", rule_id)
    rule = registry.get(rule_id)
    if rule is None:
        problems.append(problem(shown, parsed.line_of(at), f"rules.{rule_id}", "unknown_name",
                                value=rule_id, expected=", ".join(sorted(registry))))
        return
    if entry.get("enabled") is False:
        settings[rule_id] = None
        return
    inherited = settings.get(rule_id)
    params = dict(inherited.params if inherited else rule.params)
    for key, value in (entry.get("params") or {}).items():
        field_name, line = f"rules.{rule_id}.params.{key}", parsed.line_of((*at, "params", key))
        if key not in rule.params:
            problems.append(problem(shown, line, field_name, "unknown_rule_param", rule=rule_id,
                                    value=key, known=", ".join(rule.params) or "-"))
        elif not _same_kind(rule.params[key], value):
            problems.append(problem(shown, line, field_name, "rule_param_type",
                                    expected=_kind(rule.params[key]),
                                    default=repr(rule.params[key]), value=repr(value)))
        elif (problem_text := _bad_pattern(key, value)) is not None:
            problems.append(problem(shown, line, field_name, "bad_pattern", detail=problem_text))
        else:
            params[key] = value
    severity = entry.get("severity") or (inherited.severity if inherited else rule.severity)
    settings[rule_id] = RuleSettings(rule, severity, params)


def _bad_pattern(key: str, value: Any) -> str | None:
    """Why a ``*_pattern(s)`` parameter is not a valid regular expression, or None."""
    if not key.endswith(("_pattern", "_patterns")):
        return None
    for pattern in value if isinstance(value, list) else [value]:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            return f"{pattern!r}: {exc}"
    return None


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and (isinstance(default, float)
                                                    or isinstance(value, int))
    if default is None:
        return True
    return isinstance(value, type(default))


def _kind(default: Any) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "text",
            list: "a list", dict: "a mapping"}.get(type(default), type(default).__name__)


def load_calendar(root: Path, schemas: SchemaSet) -> WorkingCalendar:
    """The working-day calendar: the library, plus ``config/standards/calendar.yaml`` if present."""
    path = root / CALENDAR_FILE
    if not path.is_file():
        return WorkingCalendar()
    parsed = load_config_yaml(path.read_bytes(), CALENDAR_FILE)
    problems = list(parsed.problems)
    if parsed.data is None:
        raise StandardsConfigError(problems)
    problems += validate(schemas, "_calendar.yaml", parsed, CALENDAR_FILE)
    years: dict[str, dict[str, list[dt.date]]] = {}
    entries = parsed.data.get("years") if isinstance(parsed.data, dict) else None
    for year, days in (entries if isinstance(entries, dict) else {}).items():
        years[year] = {}
        for kind in ("holidays", "workdays"):
            values = days.get(kind) if isinstance(days, dict) else None
            years[year][kind] = []
            for index, text in enumerate(values if isinstance(values, list) else []):
                day = _date(text)
                if day is None:
                    continue  # the schema's problem already says what is wrong
                if str(day.year) != year:
                    problems.append(problem(
                        CALENDAR_FILE, parsed.line_of(("years", year, kind, index)),
                        f"years.{year}.{kind}[{index}]", "date_outside_year",
                        year=year, value=day.isoformat()))
                years[year][kind].append(day)
    if problems:
        raise StandardsConfigError(problems)
    return WorkingCalendar(parse_overrides(years))


def _date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
