"""``make audit``'s rules shared by two processes find exactly what one process finds
(portal_standards.split)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from conftest import AS_OF, ROOT
from portal_model.loader import load_portal
from portal_model.parallel import can_fork
from portal_standards import audit as audit_module
from portal_standards import split
from portal_standards.audit import RuleRun, audit_config, evaluate
from portal_standards.report import build_report

pytestmark = pytest.mark.skipif(not can_fork(), reason="the second process is forked")

LATER = AS_OF + dt.timedelta(days=75)
"""A day on which the demo has findings of most kinds (columns gone stale, late items)."""


@pytest.fixture(scope="module")
def demo():
    portal = load_portal(ROOT, today=LATER)
    profile, calendar = audit_config(portal, ROOT)
    return portal, profile, calendar


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setattr(split, "default_jobs", lambda: 2)


def test_shared_rules_find_what_one_process_finds(demo):
    portal, profile, calendar = demo
    alone = evaluate(portal, profile, LATER, calendar, ROOT)
    shared = split.evaluate_split(portal, profile, LATER, calendar, ROOT, split_from=0)
    assert len(alone.findings) > 20 and len({f.rule for f in alone.findings}) > 5
    assert shared.findings == alone.findings
    assert build_report(shared) == build_report(alone)  # the facts the report reads came back


def test_both_processes_take_rules(demo, monkeypatch):
    portal, profile, calendar = demo
    read, write = os.pipe()

    def noted(audit, settings, findings):
        os.write(write, f"{settings.rule.id} {os.getpid()}\n".encode())
        return RuleRun(audit, settings, findings)

    monkeypatch.setattr(audit_module, "RuleRun", noted)
    split.evaluate_split(portal, profile, LATER, calendar, ROOT, split_from=0)
    os.close(write)
    ran_in: dict[str, int] = {}
    with os.fdopen(read) as lines:
        for line in lines:
            rule_id, pid = line.split()
            assert rule_id not in ran_in, f"{rule_id} ran twice"
            ran_in[rule_id] = int(pid)
    assert sorted(ran_in) == sorted(settings.rule.id for settings in profile.rules.values())
    assert os.getpid() in ran_in.values() and len(set(ran_in.values())) == 2


def test_a_failed_child_leaves_every_rule_to_this_process(demo, monkeypatch):
    portal, profile, calendar = demo
    parent = os.getpid()

    def fails_in_the_child(audit, settings, findings):
        if os.getpid() != parent:
            raise RuntimeError("a bug in the child only")
        return RuleRun(audit, settings, findings)

    monkeypatch.setattr(audit_module, "RuleRun", fails_in_the_child)
    shared = split.evaluate_split(portal, profile, LATER, calendar, ROOT, split_from=0)
    assert shared.findings == evaluate(portal, profile, LATER, calendar, ROOT).findings


def test_a_small_portal_is_audited_in_one_process(demo, monkeypatch):
    portal, profile, calendar = demo
    monkeypatch.setattr(split, "Forked", None)  # would fail if used
    result = split.evaluate_split(portal, profile, LATER, calendar, ROOT)
    assert result.findings == evaluate(portal, profile, LATER, calendar, ROOT).findings
