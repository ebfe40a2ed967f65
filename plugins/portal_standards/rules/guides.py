"""Service guides and licensing items: WEB-SV6, WEB-D2.4, WEB-D2.6, SG-1, SG-1c, SG-1d.

Guides are published ``licensing`` and ``service-guide`` items. What counts as a stated
element lives in :mod:`.guide_elements`, shared with the report's five-100% ratio.
"""

from __future__ import annotations

from typing import Any

from portal_model.model import Item

from ..audit import Audit, RuleRun
from ..registry import BLOCKING, RULES, WARNING, Message, rule
from .guide_elements import (
    DEFAULT_KEY_ELEMENTS,
    GUIDE_TYPES,
    catch_all_materials,
    english_names,
    forms_without_download,
    missing_fields,
    missing_key_elements,
    stated,
)

__all__ = ["key_element_gaps", "missing_key_elements"]  # the report imports these from here

INSPECTION = "2019年政府网站与政务新媒体检查指标"

_LISTS = (  # department list -> (its name, what publishing one of its entries means)
    ("licensing_items", ("行政许可事项清单", "licensing list"), ("行政许可事项", "licensing item")),
    ("service_items", ("政务服务事项清单", "service list"), ("办事指南", "service guide")),
)


def key_element_gaps(audit: Audit) -> dict[str, list[tuple[Item, list[str]]]]:
    """Department -> (guide, key element classes it lacks) for every published guide.

    Computed once per audit and shared by WEB-SV6 and WEB-D2.4. The classes are WEB-SV6's
    ``key_elements`` as the profile sets them, so both rules always count the same way.
    """
    key_elements = _key_elements(audit)
    return audit.fact("key_elements", lambda audit: {
        department: [(item, missing_key_elements(item, key_elements))
                     for item in audit.items_of(department, *GUIDE_TYPES)]
        for department in audit.departments})


def _key_elements(audit: Audit) -> dict[str, list[str]]:
    # WEB-SV6 owns the classes; WEB-D2.4 reads them even when a profile disables WEB-SV6.
    settings = audit.profile.rules.get("WEB-SV6")
    return (settings.params if settings else RULES["WEB-SV6"].params)["key_elements"]


def _has_service_lists(audit: Audit, department: str) -> bool:
    config = audit.portal.departments[department].config
    return any(config.get(name) for name, _, _ in _LISTS)


def _guide_list(gaps: list[tuple[Item, list[str]]], lang: str) -> str:
    if lang == "zh":
        return "、".join(f"《{item.title}》（缺 {len(missing)} 类）" for item, missing in gaps)
    return "; ".join(f"《{item.title}》 ({len(missing)} missing)" for item, missing in gaps)


@rule("WEB-SV6", title=("服务不实用（办事指南重点要素缺失）",
                        "Services not usable (service guides lack key elements)"),
      severity=BLOCKING,
      source=f"{INSPECTION} 单项否决：服务不实用",
      params={"key_elements": DEFAULT_KEY_ELEMENTS, "missing_threshold": 4,
              "guides_threshold": 5},
      messages={
          "veto": Message(
              zh="{bad} 个办事指南各缺少 {threshold} 类及以上重点要素（本部门共 {total} 个办事指南）："
                 "{guides}",
              en="{bad} of the department's {total} service guides each lack {threshold} or more "
                 "key element classes: {guides_en}",
              fix_zh="逐一补齐所列指南缺少的重点要素（共 {classes} 类：{class_names}），"
                     "使每个指南缺少的类别少于 {threshold} 类",
              fix_en="fill in the missing key elements of each guide listed ({classes} classes: "
                     "{class_names_en}) until none lacks {threshold} or more"),
          "no_services": Message(
              zh="本部门的事项清单列有 {listed} 个行政许可或政务服务事项，但没有发布任何办事指南",
              en="the department's lists name {listed} licensing or service items, but it "
                 "publishes no service guide at all",
              fix_zh="为清单中的事项发布办事指南；本部门确无对外服务职能的，"
                     "从部门配置中删除 licensing_items 和 service_items",
              fix_en="publish a guide for the listed items; a department with no external "
                     "services should remove licensing_items and service_items from its profile"),
      })
def services_usable(run: RuleRun) -> None:
    """A department fails on no guide at all, or on too many guides lacking too much (WEB-0.3:
    departments whose licensing and service lists are both empty are exempt)."""
    threshold, enough = run.params["missing_threshold"], run.params["guides_threshold"]
    classes = list(run.params["key_elements"])
    for department, gaps in key_element_gaps(run.audit).items():
        if not _has_service_lists(run.audit, department):
            continue
        config = run.audit.portal.departments[department].config
        if not gaps:
            listed = sum(len(config.get(name) or []) for name, _, _ in _LISTS)
            run.department("no_services", department, listed=listed)
            continue
        bad = [(item, missing) for item, missing in gaps if len(missing) >= threshold]
        if len(bad) >= enough or (len(gaps) < enough and len(bad) == len(gaps)):
            run.department("veto", department, bad=len(bad), total=len(gaps),
                           threshold=threshold, guides=_guide_list(bad, "zh"),
                           guides_en=_guide_list(bad, "en"), classes=len(classes),
                           class_names="、".join(classes),
                           class_names_en=", ".join(english_names(classes)))


@rule("WEB-D2.4", title=("办事指南要素完整、表述明确", "Service guides complete and specific"),
      severity=WARNING,
      source=f"{INSPECTION} 扣分指标：办事服务—办事指南",
      params={"catch_all_patterns": [
          r"(法律|法规|规定|规章).*(应当?|须|需要?)(提交|提供)",
          r"(认为|视情况|根据需要).*(提交|提供)",
          r"(其他|其它)(有关|相关|必要|所需|需要)?的?(材料|资料|文件)$",
          r"^(有关|相关)的?(材料|资料|文件)$",
          r"等(有关|相关|其他|其它)?材料$",
      ]},
      messages={
          "missing_elements": Message(
              zh="办事指南缺少 {count} 类重点要素：{missing}",
              en="the guide lacks {count} key element class(es): {missing_en}",
              fix_zh="在前置信息中补充填写：{fields}",
              fix_en="add to the front matter: {fields}"),
          "no_guide": Message(
              zh="{list_zh}第 {number} 项「{name}」（编码 {item_code}）没有已发布的办事指南",
              en="entry {number} of the {list_en}, {name} (code {item_code}), has no published "
                 "guide",
              fix_zh="发布 item_code 为 {item_code} 的{kind_zh}；该事项已取消的，从{list_zh}中删除",
              fix_en="publish a {kind_en} with item_code {item_code}; if the item was abolished, "
                     "remove it from the {list_en}"),
          "catch_all": Message(
              zh="申请材料「{material}」是兜底性表述，申请人无法据此准备材料",
              en="the material “{material}” is vague catch-all wording: applicants cannot tell "
                 "what to bring",
              fix_zh="写明具体材料名称；确需其他材料的，逐项列出并注明依据",
              fix_en="name the actual documents; list any further one separately, with its "
                     "legal basis"),
      })
def guides_complete(run: RuleRun) -> None:
    """Each guide states the ten key element classes and names its materials concretely;
    each entry of the department's licensing and service lists has a published guide.

    Material format (原件/复印件, 纸质/电子, 份数; WEB-D2.4 item 3) is not checked here: the
    ``materials`` schema in ``config/schemas/_common.yaml`` requires all three, so a guide
    without them does not build.
    """
    key_elements = _key_elements(run.audit)
    for department, gaps in key_element_gaps(run.audit).items():
        for item, missing in gaps:
            if missing:
                run.item("missing_elements", item, (key_elements[missing[0]][0],),
                         weight=len(missing), count=len(missing), missing="、".join(missing),
                         missing_en=", ".join(english_names(missing)),
                         fields="、".join("/".join(key_elements[name]) for name in missing))
        _report_unguided_entries(run, department)
    for item in guide_items(run.audit):
        for index, material in catch_all_materials(item, run.params["catch_all_patterns"]):
            run.item("catch_all", item, ("materials", index, "name"), material=material)


def _report_unguided_entries(run: RuleRun, department: str) -> None:
    # A licensing code may be served by a service guide too (crossref allows it), so any
    # published guide with the code answers the entry.
    guided = {item.meta.get("item_code") for item in run.audit.items_of(department, *GUIDE_TYPES)}
    config = run.audit.portal.departments[department].config
    for list_name, (list_zh, list_en), (kind_zh, kind_en) in _LISTS:
        for index, entry in enumerate(config.get(list_name) or []):
            if entry["code"] not in guided:
                run.department("no_guide", department, (list_name, index), number=index + 1,
                               name=entry["name"], item_code=entry["code"], list_zh=list_zh,
                               list_en=list_en, kind_zh=kind_zh, kind_en=kind_en)


def guide_items(audit: Audit) -> list[Item]:
    return [item for department in audit.departments
            for item in audit.items_of(department, *GUIDE_TYPES)]


@rule("WEB-D2.6", title=("表格提供样表或空表下载", "Forms offered for download"),
      severity=WARNING,
      source=f"{INSPECTION} 扣分指标：办事服务—表格样表",
      params={"form_name_pattern": r"(?<![代发外])表(?![彰扬明述达示])|申请书|承诺书|登记书",
              "no_download_needed_pattern":
                  r"在线(生成|填报|填写)|系统(自动)?生成|无固定格式|申请人自拟|自行拟写"},
      messages={"form_missing": Message(
          zh="申请材料「{material}」是表格或文书，但没有提供样表或空表下载",
          en="the material “{material}” is a form but offers no download",
          fix_zh="在该材料下填写 form:，指向本部门 files/ 目录中的空白表格（如 ../files/form.docx），"
                 "并上传该文件；由系统在线生成的，在名称或备注中注明“系统在线生成”",
          fix_en="add form: to the material, pointing to the blank form in the department's "
                 "files/ folder (such as ../files/form.docx), and upload the file; if the online "
                 "system generates it, say 系统在线生成 in its name or note")})
def forms_downloadable(run: RuleRun) -> None:
    """A material that is a form (申请表, 申请书, 承诺书 …) links its blank form."""
    for item in guide_items(run.audit):
        for index, material in forms_without_download(item, run.params["form_name_pattern"],
                                                      run.params["no_download_needed_pattern"]):
            run.item("form_missing", item, ("materials", index, "name"), material=material)


def _field_list(run: RuleRun, item: Item, fields: list[str], lang: str) -> str:
    labels = [(run.audit.portal.label(item.type, name), name) for name in fields]
    if lang == "zh":
        return "、".join(f"{label}（{name}）" for label, name in labels)
    return ", ".join(f"{name} ({label})" for label, name in labels)


@rule("SG-1", title=("行政许可事项公示内容齐全", "Licensing items show everything Art. 30 requires"),
      severity=BLOCKING,
      source="《中华人民共和国行政许可法》第三十条",
      params={"required_fields": ["basis", "conditions", "quantity_limit", "procedure",
                                  "statutory_time_limit", "promised_time_limit", "materials",
                                  "sample_form", "rights_obligations"]},
      messages={"missing": Message(
          zh="行政许可事项缺少应当公示的内容：{fields}",
          en="the licensing item lacks what must be shown: {fields_en}",
          fix_zh="补充填写：{fields}（没有数量限制的，数量限制填“无”）",
          fix_en="fill in {fields_en} (write 无 for quantity_limit when there is no limit)")})
def licensing_complete(run: RuleRun) -> None:
    """Art. 30: item, basis, conditions, quantity, procedure, time limit, all materials and a
    sample application form; plus the applicant's rights and obligations (SG-11)."""
    for department in run.audit.departments:
        for item in run.audit.items_of(department, "licensing"):
            missing = missing_fields(item, run.params["required_fields"])
            if missing:
                run.item("missing", item, (missing[0],), weight=len(missing),
                         fields=_field_list(run, item, missing, "zh"),
                         fields_en=_field_list(run, item, missing, "en"))


@rule("SG-1c", title=("办结时限合法", "Time limits within the law"),
      severity=BLOCKING,
      source="《行政许可法》第四十二条、第八十二条",
      params={"statutory_days": 20},
      messages={
          "basis_missing": Message(
              zh="法定办结时限为 {days} 个工作日，超过 {limit} 个工作日，但未写明时限依据",
              en="the statutory time limit is {days} working days, over {limit}, but "
                 "time_limit_basis does not say which law allows it",
              fix_zh="在 time_limit_basis 中写明延长时限的法律法规依据（如《行政许可法》第四十二条）；"
                     "时限填错的，更正 statutory_time_limit",
              fix_en="cite the law that allows the longer limit in time_limit_basis (such as "
                     "Art. 42 of the Administrative Licensing Law); if the limit is wrong, correct "
                     "statutory_time_limit"),
          "promise_exceeds": Message(
              zh="承诺办结时限 {promised} 个工作日，长于法定办结时限 {statutory} 个工作日",
              en="the promised time limit ({promised} working days) is longer than the statutory "
                 "one ({statutory})",
              fix_zh="承诺时限不得长于法定时限：核对并更正 promised_time_limit 或 statutory_time_limit",
              fix_en="the promised limit may not exceed the statutory one: check and correct "
                     "promised_time_limit or statutory_time_limit"),
      })
def time_limits_lawful(run: RuleRun) -> None:
    """Beyond ``statutory_days`` (Art. 42: 20) needs a cited basis; a promise never exceeds the
    statutory limit. Guides that state no limit are left to SG-1 and the schema."""
    limit = run.params["statutory_days"]
    for item in guide_items(run.audit):
        statutory, promised = (item.meta.get("statutory_time_limit"),
                               item.meta.get("promised_time_limit"))
        if statutory is not None and statutory > limit \
                and not stated(item.meta.get("time_limit_basis")):
            run.item("basis_missing", item, ("statutory_time_limit",), days=statutory, limit=limit)
        if statutory is not None and promised is not None and promised > statutory:
            run.item("promise_exceeds", item, ("promised_time_limit",), promised=promised,
                     statutory=statutory)


@rule("SG-1d", title=("收费有法定依据", "Fees have a legal basis"),
      severity=BLOCKING,
      source="《行政许可法》第五十八条",
      messages={"fee_basis_missing": Message(
          zh="收费 {amount} 元，但未写明收费依据；除法律、行政法规另有规定外不得收费",
          en="a fee of {amount} yuan is charged without fee.basis; no fee may be charged unless "
             "a law or administrative regulation provides for it",
          fix_zh="在 fee.basis 中写明规定该收费的法律或行政法规条款；没有依据的，取消收费（amount 填 0）",
          fix_en="cite the law or administrative regulation that provides for the fee in "
                 "fee.basis; without one, drop the fee (amount 0)")})
def fees_lawful(run: RuleRun) -> None:
    """Art. 58: licensing is free unless a law or administrative regulation says otherwise."""
    for item in guide_items(run.audit):
        fee: dict[str, Any] = item.meta.get("fee") or {}
        if fee.get("amount", 0) > 0 and not stated(fee.get("basis")):
            run.item("fee_basis_missing", item, ("fee", "amount"), amount=fee["amount"])
