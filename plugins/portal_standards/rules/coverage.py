"""SG-11: Beijing's "five 100%" — each of five things published in full, as a ratio.

Each ratio is published ÷ required for one department, measured against what the
department itself declares in ``config/departments/<id>.yaml``:

* catalogue: the categories it declares (OGI-22), each covered by items or a stated
  reason — the gaps themselves are OGI-20/OGI-21 findings;
* normative documents: its register, each ``doc_no`` published as a ``policy`` item;
* licensing items: its licensing list, each ``code`` published as a ``licensing`` item;
* forms: every material of a published guide that names a form has a downloadable file;
* service guides: its service list, each ``code`` with a published guide holding every
  key element (WEB-SV6's ten classes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..audit import Audit, RuleRun
from ..registry import BLOCKING, Message, rule
from .categories import category_coverage, category_label
from .guide_elements import missing_key_elements

GUIDE_TYPES = ("licensing", "service-guide")
FIVE = {
    "catalogue": ("政务信息公开目录", "Disclosure catalogue"),
    "normative_documents": ("规范性文件", "Normative documents"),
    "licensing_items": ("行政许可事项", "Administrative licensing items"),
    "forms": ("表格单据", "Forms"),
    "service_guides": ("办事指南", "Service guides"),
}


@dataclass
class Ratio:
    """One of the five: how many of the required things are published, and which are not."""

    key: str
    published: int = 0
    required: int = 0
    missing: list[dict[str, str]] = field(default_factory=list)

    def count(self, ok: bool, missing_zh: str = "", missing_en: str = "") -> None:
        self.required += 1
        if ok:
            self.published += 1
        else:
            self.missing.append({"zh": missing_zh, "en": missing_en})

    @property
    def ratio(self) -> float | None:
        return round(self.published / self.required, 4) if self.required else None

    def as_dict(self) -> dict[str, Any]:
        zh, en = FIVE[self.key]
        return {"key": self.key, "title": {"zh": zh, "en": en}, "published": self.published,
                "required": self.required, "ratio": self.ratio, "missing": self.missing}


def _message(what_zh: str, what_en: str, fix_zh: str, fix_en: str) -> Message:
    return Message(zh=what_zh, en=what_en, fix_zh=fix_zh, fix_en=fix_en)


@rule("SG-11", title=("五个100%公开", "The five 100%: everything required is published"),
      severity=BLOCKING,
      source="《电子政务建设的现状、问题及趋势》（首都之窗“五个100%公开”）",
      messages={
          "normative_unpublished": _message(
              "规范性文件登记目录中的 {doc_no}《{doc_title}》没有以政策文件发布",
              "normative document {doc_no} ({doc_title}) is in the register but not published",
              "以 policy 类型发布该文件，发文字号 doc_no 与登记目录一致",
              "publish it as a policy item whose doc_no matches the register"),
          "licensing_unpublished": _message(
              "行政许可事项清单中的 {code}（{name}）没有发布行政许可事项",
              "licensing item {code} ({name}) is on the licensing list but not published",
              "在 licensing 栏目发布该事项，item_code 填 {code}",
              "publish a licensing item with item_code {code}"),
          "guide_unpublished": _message(
              "政务服务事项清单中的 {code}（{name}）没有发布办事指南",
              "service item {code} ({name}) is on the service list but has no published guide",
              "发布 item_code 为 {code} 的办事指南（service-guide）",
              "publish a service-guide with item_code {code}"),
          "guide_incomplete": _message(
              "办事指南缺少要素：{missing}",
              "the service guide lacks key elements: {missing}",
              "补全这些要素后再发布", "add the missing elements"),
          "form_missing": _message(
              "申请材料“{material}”需要填写表格，但没有提供可下载的表格",
              "material '{material}' is a form but has no downloadable file",
              "在该材料下用 form 字段链接表格文件（如 ../files/申请表.docx）",
              "link the blank form with the material's form field (e.g. ../files/form.docx)"),
      })
def five_100(run: RuleRun) -> None:
    # Measuring reports each gap as a finding; the ratios stay with the audit for the report.
    run.audit.fact("five_100", lambda audit: measure(audit, run))


def measure(audit: Audit, run: RuleRun | None = None) -> dict[str, dict[str, Ratio]]:
    """Department -> the five ratios; reports a finding for each gap when ``run`` is given."""
    key_elements = _settings(audit, "WEB-SV6")["key_elements"]
    # What counts as a form is WEB-D2.6's definition, so the two never disagree.
    form_params = _settings(audit, "WEB-D2.6")
    form_name = re.compile(form_params["form_name_pattern"])
    online = re.compile(form_params["no_download_needed_pattern"])
    policies_by_doc_no: dict[tuple[str, str], bool] = {}
    guides: dict[tuple[str, str], Any] = {}
    for item in audit.originals:
        if item.type == "policy":
            policies_by_doc_no[item.department, item.meta["doc_no"]] = True
        elif item.type in GUIDE_TYPES:
            guides.setdefault((item.department, item.meta["item_code"]), item)
    categories = category_coverage(audit)
    result = {}
    for department in audit.departments:
        config = audit.portal.departments[department].config
        ratios = {key: Ratio(key) for key in FIVE}
        for category, state in categories[department].items():
            ratios["catalogue"].count(state != "missing", category_label(category),
                                      str(category))
        for index, entry in enumerate(config.get("normative_documents", [])):
            ok = (department, entry["doc_no"]) in policies_by_doc_no
            ratios["normative_documents"].count(ok, entry["doc_no"], entry["doc_no"])
            if not ok and run:
                run.department("normative_unpublished", department,
                               ("normative_documents", index), doc_no=entry["doc_no"],
                               doc_title=entry["title"])
        for index, entry in enumerate(config.get("licensing_items", [])):
            found = guides.get((department, entry["code"]))
            ok = found is not None and found.type == "licensing"
            ratios["licensing_items"].count(ok, f"{entry['code']} {entry['name']}", entry["code"])
            if not ok and run:
                run.department("licensing_unpublished", department, ("licensing_items", index),
                               code=entry["code"], name=entry["name"])
        for index, entry in enumerate(config.get("service_items", [])):
            found = guides.get((department, entry["code"]))
            missing = missing_key_elements(found, key_elements) if found else None
            ratios["service_guides"].count(found is not None and not missing,
                                           f"{entry['code']} {entry['name']}", entry["code"])
            if run and found is None:
                run.department("guide_unpublished", department, ("service_items", index),
                               code=entry["code"], name=entry["name"])
            elif run and missing:
                run.item("guide_incomplete", found, (), missing="、".join(missing))
        for item in audit.items_of(department, *GUIDE_TYPES):
            for index, material in enumerate(item.meta.get("materials", [])):
                online_form = any(online.search(material.get(key) or "")
                                  for key in ("name", "note"))
                if "form" in material or (form_name.search(material["name"])
                                          and not online_form):
                    ok = "form" in material
                    ratios["forms"].count(ok, f"{item.title}：{material['name']}",
                                          f"{item.title}: {material['name']}")
                    if not ok and run:
                        run.item("form_missing", item, ("materials", index, "name"),
                                 material=material["name"])
        result[department] = ratios
    return result


def _settings(audit: Audit, rule_id: str) -> dict[str, Any]:
    """A rule's parameters as the profile sets them, or its defaults when it is off."""
    from ..registry import all_rules  # noqa: PLC0415 - the registry imports this module

    chosen = audit.profile.rules.get(rule_id)
    return dict(chosen.params if chosen else all_rules()[rule_id].params)


def portal_totals(ratios: dict[str, dict[str, Ratio]]) -> list[Ratio]:
    """The five ratios over all departments."""
    totals = {key: Ratio(key) for key in FIVE}
    for department_ratios in ratios.values():
        for key, ratio in department_ratios.items():
            totals[key].published += ratio.published
            totals[key].required += ratio.required
            totals[key].missing += ratio.missing
    return list(totals.values())
