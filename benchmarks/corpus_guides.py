"""Guides and reports of the benchmark corpus: licensing items, service guides, disclosure
guides and annual reports.

These are the items the standards rules look into most (the Administrative Licensing Law's
Art. 30 elements, WEB-SV6's ten key element classes, OGI-12b's nine guide items, the 2021
annual-report format), filled in full so that the rules measure a complete portal. Each
builder returns the keyword arguments of :class:`corpus_items.Built`.
"""

from __future__ import annotations

from typing import Any

from corpus_vocab import ARTICLES, LAWS

CONDITIONS = ["申请人具有与{s}相适应的场所、设备设施和专业技术人员。",
              "申请人已依法取得营业执照或者其他主体资格证明文件。",
              "建立健全{s}管理制度，配备专职或者兼职管理人员。",
              "近三年内未因{s}违法行为受到行政处罚或者被列入严重失信主体名单。",
              "拟从事的{s}活动符合国家和本省有关规划、标准和技术规范。",
              "具有保证{s}安全和质量的内部管理制度和应急处置措施。"]
MATERIALS = [("申请人身份证明", "复印件", "纸质和电子"), ("营业执照或者其他主体资格证明文件", "复印件", "电子"),
             ("经营场所使用证明", "复印件", "纸质和电子"), ("专业技术人员资格证明", "复印件", "纸质和电子"),
             ("主要设备设施清单", "原件", "纸质和电子"), ("安全管理制度文本", "原件", "电子"),
             ("场所平面布局图", "原件", "纸质和电子"), ("第三方检测报告", "原件", "纸质"),
             ("项目可行性研究报告", "原件", "纸质和电子")]
STEPS = [("申请", "通过示例省政务服务网在线提交，或者到市行政服务中心综合窗口提交申请材料。"),
         ("受理", "材料齐全、符合法定形式的当场受理；材料不全的，当场或者 5 个工作日内一次性告知需要补正的全部内容。"),
         ("审查", "对申请材料进行审查；需要核实实质内容的，指派 2 名以上工作人员进行现场核查。"),
         ("决定", "符合条件的作出准予决定；不符合条件的作出不予决定并说明理由，告知申请行政复议或者提起行政诉讼的权利。"),
         ("送达", "自作出决定之日起 {d} 个工作日内送达决定书或者证件，可以选择邮寄送达或者领取电子证照。")]
RIGHTS = ["申请人依法享有申请、陈述、申辩的权利，对决定不服的，可以依法申请行政复议或者提起行政诉讼。",
          "申请人有权要求行政机关对申请材料中的商业秘密和个人信息予以保密。",
          "申请人应当如实提交有关材料、反映真实情况，并对申请材料实质内容的真实性负责。",
          "取得许可后，应当按照许可范围从事相关活动，接受监督检查。"]
AUDIENCES = ["residents", "enterprises", "investors", "visitors"]


def _guide(ctx: Any, code: str, name: str) -> dict[str, Any]:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    s = e.subject[0]
    basis = [{"name": law, "article": rng.choice(ARTICLES)} for law in rng.sample(LAWS, 2)]
    normative = ctx.state["normative"]
    if normative and rng.random() < 0.5:
        target = rng.choice(normative[-5:])
        basis.append({"name": target.title, "policy": target.index_no})
    statutory = rng.randint(5, 20)
    materials = [{"name": f"{name}申请表", "original_or_copy": "原件", "paper_or_electronic": "纸质和电子",
                  "copies": 1, "required": True, "form": f"../files/{e.slug}-application.docx"}]
    for material, copy, medium in rng.sample(MATERIALS, rng.randint(2, 5)):
        materials.append({"name": material, "original_or_copy": copy, "paper_or_electronic": medium,
                          "copies": rng.randint(1, 2), "required": rng.random() < 0.8})
    return {
        "item_code": code, "basis": basis,
        "conditions": [c.format(s=s) for c in rng.sample(CONDITIONS, rng.randint(3, 5))],
        "quantity_limit": "无",
        "procedure": [{"step": step, "description": text.format(d=rng.randint(1, 5))}
                      for step, text in STEPS],
        "statutory_time_limit": statutory, "promised_time_limit": rng.randint(1, statutory),
        "time_limit_basis": f"法定办结时限为 {statutory} 个工作日；本{d.unit}承诺在法定时限内压缩办理。",
        "fee": {"amount": 0, "standard": "不收费", "basis": "《中华人民共和国行政许可法》第五十八条"},
        "materials": materials, "sample_form": f"../files/{e.slug}-sample.pdf",
        "place": f"{d.address}{d.short}综合窗口", "office_hours": d.office_hours,
        "handling_body": f"{d.name}{rng.choice(d.divisions)}", "implementing_body": d.name,
        "phone_consult": d.phone, "phone_complaint": d.fax.replace("09", "99", 1),
        "rights_obligations": rng.sample(RIGHTS, 3),
        "result": f"{name}准予决定书或者相关证件（含电子证照）",
    }


def _body(ctx: Any, name: str) -> str:
    rng, e = ctx.rng, ctx.entry
    notes = "\n".join(f"{i}. {ctx.prose.sentence(e.subject)}" for i in range(1, rng.randint(3, 6)))
    return (f"本指南适用于{name}的申请和办理。{ctx.prose.sentence(e.subject)}\n\n## 办理须知\n\n{notes}\n\n"
            f"申请表可下载[{name}申请表](../files/{e.slug}-application.docx)，填写方法参照"
            f"[示范文本](../files/{e.slug}-sample.pdf)。\n")


def _built(ctx: Any, fields: dict[str, Any], name: str, name_en: str) -> dict[str, Any]:
    e, d = ctx.entry, ctx.dept
    return {"title": name, "title_en": name_en[:1].upper() + name_en[1:],
            "summary": f"{name}的设定依据、申请条件、申请材料、办理流程、办理时限、收费标准和申请人的权利义务。",
            "fields": fields, "body": _body(ctx, name), "length_en": 500,
            "headings_en": ("Who may apply", "Documents", "Procedure"),
            "files": [f"{e.slug}-application.docx", f"{e.slug}-sample.pdf"],
            "keywords": [name, e.subject[0], d.short]}


def licensing(ctx: Any) -> dict[str, Any]:
    code, name, name_en, _ = ctx.entry.ref
    fields = _guide(ctx, code, name)
    fields["audience"] = ["enterprises"] + (["investors"] if ctx.rng.random() < 0.3 else [])
    fields["online_url"] = f"https://zwfw.shili.gov.cn/{ctx.dept.id}/{code}"
    return _built(ctx, fields, name, name_en)


def service_guide(ctx: Any) -> dict[str, Any]:
    code, name, name_en, item_type = ctx.entry.ref
    fields = _guide(ctx, code, name)
    fields = {"item_code": code, "item_type": item_type, **fields}
    fields["audience"] = sorted(ctx.rng.sample(AUDIENCES, ctx.rng.randint(1, 2)),
                                key=AUDIENCES.index)
    fields["online_url"] = f"https://zwfw.shili.gov.cn/{ctx.dept.id}/{code}"
    return _built(ctx, fields, f"{name}办事指南", f"Service guide: {name_en}")


def disclosure_guide(ctx: Any) -> dict[str, Any]:
    d, rng = ctx.dept, ctx.rng
    return {"title": f"{d.name}政府信息公开指南",
            "title_en": f"Guide to Government Information Disclosure: {d.name_en}",
            "summary": f"说明{d.name}主动公开政府信息的分类、编排体系和获取方式，依申请公开的办理程序，"
                       "以及政府信息公开工作机构的联系方式。",
            "fields": _guide_items(ctx), "length_en": 800,
            "body": ctx.prose.body(rng.randint(800, 1600), ["主动公开", "依申请公开", "监督和救济"]),
            "keywords": ["政府信息公开", "公开指南"]}


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


def annual_report(ctx: Any) -> dict[str, Any]:
    """The 2021 format's sections, with the tables of sections 二 to 四."""
    d, rng, year = ctx.dept, ctx.rng, ctx.entry.extra["year"]
    count = rng.randint
    new, carried = count(5, 60), count(0, 5)
    cuts = sorted(count(0, new + carried) for _ in range(4))  # the outcomes add up
    outcomes = zip(["予以公开", "部分公开", "不予公开", "本机关不掌握相关政府信息等无法提供", "结转下年度继续办理"],
                   (end - start for start, end in zip([0, *cuts], [*cuts, new + carried])))
    requests = [["本年新收政府信息公开申请", new], ["上年结转", carried], *map(list, outcomes)]
    tables = "\n\n".join([
        "## 二、主动公开政府信息情况",
        _table(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
               [["规章", 0, 0, 0], ["行政规范性文件", count(0, 6), count(0, 2), count(3, 20)]]),
        "## 三、收到和处理政府信息公开申请情况",
        _table(["项目", "数量"], requests),
        "## 四、政府信息公开行政复议、行政诉讼情况",
        _table(["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
               [[kind, *(cells := [count(0, 3), 0, 0, count(0, 1)]), sum(cells)]
                for kind in ("行政复议", "行政诉讼")]),
        "## 五、存在的主要问题及改进情况", ctx.prose.paragraph()])
    opening = ("本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制。报告中所列数据统计期限为"
               f" {year} 年 1 月 1 日至 12 月 31 日。")
    return {"title": f"{d.name}{year}年政府信息公开工作年度报告",
            "title_en": f"{d.name_en}: Annual Report on Government Information Disclosure {year}",
            "summary": f"报告本{d.unit} {year} 年主动公开、依申请公开、行政复议和行政诉讼情况，"
                       "存在的主要问题及改进情况。",
            "fields": {"report_year": year}, "length_en": 1200,
            "body": ctx.prose.body(rng.randint(600, 1200), ["总体情况"], opening, tables),
            "keywords": ["政府信息公开", "年度报告"]}


def _guide_items(ctx: Any) -> dict[str, Any]:
    """OGI-12b's nine items of a disclosure guide, from the department's profile."""
    d = ctx.dept
    return {
        "info_classification": f"{d.name}主动公开的政府信息分为机构职能、政策文件、政策解读、规划计划、统计信息、"
                               "行政许可和办事指南、执法监管、财政信息、政府采购、应急管理、人事信息、通知公告、"
                               "动态要闻、政府信息公开年报等类别。",
        "arrangement_system": "主动公开的政府信息按上述类别编排，每条信息标注索引号、名称、内容概述、生成日期、发布日期和"
                              f"公开类别；索引号由本{d.unit}统一社会信用代码、发布年份和 5 位流水号组成。",
        "access_methods": "主动公开的政府信息通过示例市人民政府门户网站本部门栏目、政府公报和政府信息查阅点公开，"
                          "自形成或者变更之日起 20 个工作日内公开。申请获取主动公开以外的政府信息的，可以通过门户网站"
                          "“依申请公开”平台在线提交、信函或者当面提交书面申请。",
        "office_name": d.office_name, "office_address": d.address, "office_hours": d.office_hours,
        "office_phone": d.phone, "office_fax": d.fax,
        "office_web": f"门户网站 https://www.shili.gov.cn/{d.id}/ “依申请公开”平台；电子邮箱 {d.email}",
    }
