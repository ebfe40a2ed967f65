"""Standards profiles: selection, severities, parameters, extension, and their errors."""

from __future__ import annotations

import ast
import string

import pytest

from conftest import ROOT, write
from portal_model.schemas import SchemaSet
from portal_standards.profiles import StandardsConfigError, load_profile
from portal_standards.registry import all_rules


def load(site, name="national"):
    return load_profile(site, name, SchemaSet(site / "config" / "schemas"), all_rules())


def problems(site, name="national"):
    with pytest.raises(StandardsConfigError) as caught:
        load(site, name)
    return caught.value.report("en").splitlines()[:-1]


def test_every_registered_rule_is_complete():
    for rule in all_rules().values():
        assert rule.title_zh and rule.title_en and rule.source, rule.id
        assert rule.severity in ("blocking", "warning", "info")
        assert rule.messages, rule.id
        for message in rule.messages.values():
            assert message.zh and message.en and message.fix_zh and message.fix_en


FINDING_CALLS = {"item": {"title"}, "department": {"department_name"}, "at": set()}
"""RuleRun's ways to report, and the parameters each adds to those it is given."""


def test_every_finding_passes_what_its_message_names():
    """Each ``run.item/department/at("code", ...)`` in the standards code gives every
    placeholder of some rule's message for that code: a missing one is a KeyError in the
    middle of a build. Calls that pass ``**params`` are left to their rules' tests."""
    needs: dict[str, list[set[str]]] = {}
    for rule in all_rules().values():
        for code, message in rule.messages.items():
            names = {name for text in (message.zh, message.en, message.fix_zh, message.fix_en)
                     for _, name, _, _ in string.Formatter().parse(text) if name}
            needs.setdefault(code, []).append(names)
    checked = 0
    for path in sorted((ROOT / "plugins" / "portal_standards").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in FINDING_CALLS and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and all(keyword.arg for keyword in node.keywords)):
                continue
            code = node.args[0].value
            given = {keyword.arg for keyword in node.keywords} | FINDING_CALLS[node.func.attr]
            where = f"{path.relative_to(ROOT)}:{node.lineno} {code}"
            assert code in needs, f"{where}: no rule has a message for this code"
            assert any(names <= given for names in needs[code]), f"{where}: gives {given}"
            checked += 1
    assert checked > 30  # the walk found the rules' calls


def test_national_profile_selects_the_issue_rules(site):
    profile = load(site)
    assert profile.chain == ("national",)
    for rule_id in ("SG-11", "OGI-20", "OGI-21", "OGI-26", "WEB-SV3", "WEB-SV4", "WEB-SV6",
                    "WEB-D1.4", "WEB-D1.5", "WEB-D1.6", "WEB-D1.7", "WEB-D1.8", "WEB-D1.9",
                    "WEB-D2.4", "WEB-D2.6", "WEB-D4.3", "WEB-B2", "SG-1", "SG-1c", "SG-1d",
                    "OGI-12b", "OGI-12c", "PRIV-3", "AR-2"):
        assert rule_id in profile.rules, rule_id
    assert profile.rules["OGI-26"].params == {"working_days": 20}
    assert profile.rules["OGI-26"].severity == "blocking"


def test_a_local_profile_extends_and_tightens(site):
    write(site, "config/standards/strict.yaml",
          "title: 严格\ntitle_en: Strict\nextends: national\nrules:\n"
          "  OGI-26: {params: {working_days: 10}}\n"
          "  WEB-D1.4: {severity: blocking}\n"
          "  WEB-B2: {enabled: false}\n")
    profile = load(site, "strict")
    assert profile.chain == ("strict", "national")
    assert profile.rules["OGI-26"].params["working_days"] == 10
    assert profile.rules["OGI-26"].severity == "blocking"  # inherited
    assert profile.rules["WEB-D1.4"].severity == "blocking"
    assert "WEB-B2" not in profile.rules
    assert list(profile.rules)[:3] == ["SG-11", "OGI-20", "OGI-21"]  # national's order


def test_every_profile_mistake_is_reported_at_once(site):
    write(site, "config/standards/broken.yaml",
          "title: 坏\ntitle_en: Broken\nextends: national\nrules:\n"
          "  OGI-99:\n"
          "  OGI-26: {params: {working_days: twenty, weeks: 4}}\n"
          "  WEB-D1.4: {severity: fatal}\n")
    found = problems(site, "broken")
    assert any(line.startswith("config/standards/broken.yaml:7: rules.WEB-D1.4.severity:")
               for line in found), found
    # Schema problems stop before the registry checks, so fix the severity and look again.
    write(site, "config/standards/broken.yaml",
          "title: 坏\ntitle_en: Broken\nextends: national\nrules:\n"
          "  OGI-99:\n"
          "  OGI-26: {params: {working_days: twenty, weeks: 4}}\n")
    found = problems(site, "broken")
    assert found[0].startswith("config/standards/broken.yaml:5: rules.OGI-99: expected one "
                               "of: AR-2, OGI-12b, ")
    assert sorted(found[1:]) == [
        "config/standards/broken.yaml:6: rules.OGI-26.params.weeks: rule OGI-26 has no "
        "parameter 'weeks'; its parameters are: working_days",
        "config/standards/broken.yaml:6: rules.OGI-26.params.working_days: expected a whole "
        "number (like the default, 20); got 'twenty'",
    ]


def test_missing_and_circular_profiles(site):
    assert problems(site, "nowhere") == [
        "config/portal.yaml:1: standards_profile: expected the name of a profile in "
        "config/standards/ (national, zhengzhou); got 'nowhere'"]
    write(site, "config/standards/a.yaml", "title: A\ntitle_en: A\nextends: b\nrules: {}\n")
    write(site, "config/standards/b.yaml", "title: B\ntitle_en: B\nextends: a\nrules: {}\n")
    assert problems(site, "a") == [
        "config/standards/b.yaml:3: extends: profiles extend each other in a circle: "
        "a → b → a"]


def test_pattern_parameters_must_compile(site):
    write(site, "config/standards/broken.yaml",
          "title: 坏\ntitle_en: Broken\nextends: national\nrules:\n"
          "  WEB-B2: {params: {national_law_pattern: '(法'}}\n")
    [line] = problems(site, "broken")
    assert line.startswith("config/standards/broken.yaml:5: rules.WEB-B2.params."
                           "national_law_pattern: expected a regular expression; '(法': ")
