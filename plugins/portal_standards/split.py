"""``make audit`` on two cores: the profile's rules shared by two processes.

Once the portal is read, an audit is the rules alone, one after another on one core (at
20,000 items, 1.2 s of the 5 s a cold ``make audit`` takes). Here a forked child takes
rules from the front of the profile and this process from the back, one at a time, until
they meet: neither waits while a rule is left, whichever rules are slow on this portal
(PRIV-3 reads every text; the others mostly count). Each keeps its own :class:`Audit`, so
a fact two rules share may be computed twice, once in each; the report's facts come back
with the child's findings. The findings are sorted, so the result is the one
:func:`~portal_standards.audit.evaluate` gives.

The build does not use this: there the rules already run beside the rendering
(``plugin.Rules``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path
from typing import Any

from portal_model.model import Portal
from portal_model.parallel import Forked, default_jobs, worth_forking

from .audit import Audit, AuditResult, evaluate, report_facts, run_rules
from .calendar import WorkingCalendar
from .findings import Finding
from .profiles import Profile, RuleSettings

SPLIT_FROM = 2000
"""Published items from which the rules are shared (below, forking costs what it saves)."""


def evaluate_split(portal: Portal, profile: Profile, as_of: dt.date,
                   calendar: WorkingCalendar, root: Path | None = None,
                   split_from: int = SPLIT_FROM) -> AuditResult:
    """:func:`~portal_standards.audit.evaluate`, on two processes when the portal has at
    least ``split_from`` published items (and the machine two cores and ``fork``)."""
    if not worth_forking(len(portal.published_items), split_from, default_jobs()):
        return evaluate(portal, profile, as_of, calendar, root)
    queue = _RuleQueue(list(profile.rules.values()))

    def run(from_front: bool) -> tuple[Audit, list[Finding]]:
        audit = Audit(portal, profile, as_of, calendar, root)
        return audit, run_rules(audit, iter(lambda: queue.take(from_front), None))

    def front() -> tuple[list[Finding], dict[str, Any]]:
        audit, findings = run(from_front=True)
        return findings, report_facts(audit)

    beside = Forked(front)
    audit, findings = run(from_front=False)
    ran, outcome = beside.result()
    if not ran:
        # The child failed or died; which of its rules ran is unknown. Running them all
        # here raises or reports what went wrong, as an audit on one core would.
        return evaluate(portal, profile, as_of, calendar, root)
    their_findings, facts = outcome
    for key, value in facts.items():
        audit.facts.setdefault(key, value)
    return AuditResult(audit, sorted([*findings, *their_findings], key=Finding.sort_key))


class _RuleQueue:
    """The profile's rules, taken one at a time from either end, in shared memory that both
    processes see (made before the fork)."""

    def __init__(self, rules: list[RuleSettings]):
        self.rules = rules
        self._ends = multiprocessing.get_context("fork").Array("i", [0, len(rules)])
        """The next rule from the front; one past the next from the back."""

    def take(self, from_front: bool) -> RuleSettings | None:
        with self._ends.get_lock():
            first, end = self._ends[0], self._ends[1]
            if first >= end:
                return None
            if from_front:
                self._ends[0] = first + 1
                return self.rules[first]
            self._ends[1] = end - 1
            return self.rules[end - 1]
