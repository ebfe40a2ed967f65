"""OGI-20 and OGI-21: every category a department must disclose has items, or a stated reason.

A department declares in ``disclosure_categories`` which Article 20 items and which
Article 21 categories apply to it (its catalogue of what to publish, OGI-22). A
declared category with no published item needs a reason in ``empty_category_reasons``
(CAT-3: a blank is never left unexplained); an item filed under a category the
department did not declare means the declaration is out of date.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..audit import Audit, RuleRun
from ..registry import BLOCKING, WARNING, Message, rule

ARTICLE_20 = tuple(range(1, 16))
_NUMERALS = "一二三四五六七八九十"


def article_20_label(category: int) -> str:
    """第二十条第（七）项 for 7."""
    numeral = _NUMERALS[category - 1] if category <= 10 else "十" + _NUMERALS[category - 11]
    return f"第二十条第（{numeral}）项"


def category_label(category: Any) -> str:
    return article_20_label(category) if isinstance(category, int) else f"第二十一条“{category}”"


def category_label_en(category: Any) -> str:
    return f"Article 20 item {category}" if isinstance(category, int) \
        else f"Article 21 category {category}"


def category_coverage(audit: Audit) -> dict[str, dict[Any, str]]:
    """Department -> each declared category -> ``items``, ``profile``, ``reason`` or ``missing``.

    Item (二) — functions, structure, address, hours, contacts, leaders — is what every
    department's 机构概况 page publishes from its profile, so it is covered by the profile.
    """
    settings = audit.profile.rules.get("OGI-20")
    by_profile = set(settings.params["covered_by_profile"] if settings else [2])
    published: dict[str, set[Any]] = defaultdict(set)
    for item in audit.originals:
        published[item.department].add(item.meta["disclosure_category"])
    coverage = {}
    for department in audit.departments:
        config = audit.portal.departments[department].config
        reasons = config.get("empty_category_reasons", {})
        coverage[department] = {
            category: "items" if category in published[department]
            else "profile" if category in by_profile
            else "reason" if str(category) in reasons else "missing"
            for category in config.get("disclosure_categories", [])}
    return coverage


def _empty_message() -> Message:
    return Message(
        zh="声明适用{category}，但没有已发布的信息，也没有说明原因",
        en="{category_en} is declared but has no published item and no stated reason",
        fix_zh="发布该类别的信息；确无此类信息的，在部门配置 empty_category_reasons 中以该类别为键写明原因；"
               "不适用的，从 disclosure_categories 中删除",
        fix_en="publish items of this category; if there truly are none, state why under "
               "empty_category_reasons with the category as key; if it does not apply, remove "
               "it from disclosure_categories")


_UNDECLARED = Message(
    zh="信息归入{category}，但部门的 disclosure_categories 未声明该类别",
    en="the item is filed under {category_en}, which the department's disclosure_categories "
       "does not declare",
    fix_zh="在部门配置的 disclosure_categories 中补充该类别，或更正本信息的 disclosure_category",
    fix_en="add the category to the department's disclosure_categories, or correct this "
           "item's disclosure_category")


@rule("OGI-20", title=("《条例》第二十条规定的主动公开类别均有信息或说明",
                       "Every Article 20 category that applies has items or a stated reason"),
      severity=BLOCKING, source="《政府信息公开条例》第二十条、第二十二条",
      params={"covered_by_profile": [2]},
      messages={"category_empty": _empty_message(), "undeclared_category": _UNDECLARED})
def article_20(run: RuleRun) -> None:
    _check(run, lambda category: isinstance(category, int))


@rule("OGI-21", title=("《条例》第二十一条按层级增加的类别均有信息或说明",
                       "Every Article 21 category for the department's level has items or a "
                       "stated reason"),
      severity=WARNING, source="《政府信息公开条例》第二十一条",
      params={"by_level": {
          "province": [],
          "city": ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"],
          "county": ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"],
          "township": ["贯彻落实农业农村政策", "农田水利工程建设运营", "农村土地承包经营权流转",
                       "宅基地使用情况审核", "土地征收", "房屋征收", "筹资筹劳", "社会救助"]}},
      messages={
          "category_empty": _empty_message(),
          "undeclared_category": _UNDECLARED,
          "wrong_level": Message(
              zh="声明了第二十一条类别“{value}”，但它不适用于{level}层级（适用：{allowed}）",
              en="declares Article 21 category '{value}', which does not apply at level "
                 "'{level}' (applies: {allowed})",
              fix_zh="从 disclosure_categories 中删除该类别，或核对部门的 level",
              fix_en="remove the category from disclosure_categories, or check the "
                     "department's level")})
def article_21(run: RuleRun) -> None:
    by_level = run.params["by_level"]
    for department in run.audit.departments:
        config = run.audit.portal.departments[department].config
        allowed = by_level.get(config["level"], [])
        for index, category in enumerate(config.get("disclosure_categories", [])):
            if isinstance(category, str) and category not in allowed:
                run.department("wrong_level", department, ("disclosure_categories", index),
                               value=category, level=config["level"],
                               allowed="、".join(allowed) or "-")
    _check(run, lambda category: isinstance(category, str))


def _check(run: RuleRun, applies: Any) -> None:
    coverage = run.audit.fact("categories", category_coverage)
    for department, states in coverage.items():
        declared = run.audit.portal.departments[department].config["disclosure_categories"]
        for index, category in enumerate(declared):
            if applies(category) and states[category] == "missing":
                run.department("category_empty", department, ("disclosure_categories", index),
                               category=category_label(category),
                               category_en=category_label_en(category))
    for item in run.audit.originals:
        category = item.meta["disclosure_category"]
        if applies(category) and category not in coverage.get(item.department, {}):
            run.item("undeclared_category", item, ("disclosure_category",),
                     category=category_label(category), category_en=category_label_en(category))
