"""The disclosure guide and catalogue (OGI-12b, OGI-12c)."""

from __future__ import annotations

import re

from ..audit import RuleRun
from ..registry import BLOCKING, WARNING, Message, rule

GUIDE_ITEMS = ["info_classification", "arrangement_system", "access_methods", "office_name",
               "office_address", "office_hours", "office_phone", "office_fax", "office_web"]
"""The nine contents of 政府信息公开指南 (Art. 12), as ``guide`` fields, in the Article's order."""


@rule("OGI-12b", title=("政府信息公开指南内容完整", "The disclosure guide is complete"),
      severity=BLOCKING,
      source="《政府信息公开条例》第十二条",
      params={"required_fields": GUIDE_ITEMS},
      messages={
          "no_guide": Message(
              zh="{department_name}没有发布政府信息公开指南",
              en="{department_name} has published no disclosure guide (政府信息公开指南)",
              fix_zh="在 content/{folder}/guide/ 下发布政府信息公开指南（type: guide），"
                     "写明第十二条要求的九项内容",
              fix_en="publish a disclosure guide (type: guide) under content/{folder}/guide/ "
                     "with the nine items Article 12 requires"),
          "missing_items": Message(
              zh="政府信息公开指南缺少 {count} 项内容：{missing}",
              en="the disclosure guide lacks {count} of the required items: {fields}",
              fix_zh="在前置元数据中补上：{fields}",
              fix_en="add these front-matter fields: {fields}")})
def guide_complete(run: RuleRun) -> None:
    audit, required = run.audit, run.params["required_fields"]
    for department in audit.departments:
        guides = audit.items_of(department, "guide")
        if not guides:
            run.department("no_guide", department, folder=department)
        for guide in guides:
            missing = [name for name in required if not str(guide.meta.get(name) or "").strip()]
            if missing:
                labels = [audit.portal.label("guide", name) for name in missing]
                run.item("missing_items", guide, weight=len(missing), count=len(missing),
                         missing="、".join(labels), fields=", ".join(missing))


_NOT_WORDS = re.compile(r"[\W_]+")
"""Whitespace and punctuation (Chinese characters are word characters)."""


def _words(text: str) -> str:
    return _NOT_WORDS.sub("", text)


@rule("OGI-12c", title=("目录条目有内容概述", "Catalogue entries have a real summary"),
      severity=WARNING,
      source="《政府信息公开条例》第十二条；内容概述长度见地方规定 [S14b]",
      params={"summary_max_chars": 0},
      messages={
          "summary_is_title": Message(
              zh="内容概述只是重复了名称，没有概述内容",
              en="the summary only repeats the title and says nothing about the content",
              fix_zh="用一两句话概述这条信息的主要内容（谁、做什么、何时起、对谁有影响）",
              fix_en="summarise the content in a sentence or two (who, what, from when, "
                     "who is affected)"),
          "summary_too_long": Message(
              zh="内容概述有 {length} 个字符，超过 {limit} 个字符的上限",
              en="the summary is {length} characters long, over the limit of {limit}",
              fix_zh="把内容概述压缩到 {limit} 个字符以内，细节留在正文",
              fix_en="shorten the summary to at most {limit} characters and leave the "
                     "details to the body")})
def summaries_meaningful(run: RuleRun) -> None:
    """``summary_max_chars: 0`` turns the length check off (no national limit)."""
    limit = run.params["summary_max_chars"]
    for item in run.audit.originals:
        summary = item.meta["summary"].strip()
        if _words(summary) == _words(item.title):
            run.item("summary_is_title", item, ("summary",))
        elif limit and len(summary) > limit:
            run.item("summary_too_long", item, ("summary",), length=len(summary), limit=limit)
