"""The type-specific fields, title and body of each benchmark item.

One builder per item type (named after its schema) fills what that schema requires and what
a real portal shows, in the demo's style. Builders get an :class:`Entry`, the planned item
(dates, 索引号, slug, subject and cross-references decided by ``corpus_plan.py``) and
return its fields, texts and attachment files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from corpus_guides import annual_report, disclosure_guide, licensing, service_guide
from corpus_vocab import (ACTORS, ARTICLES, DISTRICTS, FIRM_WORDS, GENERAL, INDUSTRIES, LAWS,
                          NUMERALS, VERBS)


@dataclass
class Entry:
    """One planned item of a department; builders add ``title`` and ``doc_no`` to policies."""

    type: str
    published: dt.date
    formed: dt.date
    subject: tuple[str, str]
    serial: int = 0
    index_no: str = ""
    slug: str = ""
    translated: bool = False
    ref: Any = None
    """interpretation: its policy; revised policy: its successor; licensing, service-guide:
    its list entry (code, name, English name, kind); form: (code, name, English name)."""
    extra: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    doc_no: str = ""


@dataclass
class Built:
    """What a builder returns; ``corpus.py`` adds the common fields and writes the file."""

    title: str
    title_en: str
    summary: str
    fields: dict[str, Any]
    body: str
    length_en: int = 600
    headings_en: tuple[str, ...] = ()
    files: list[str] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


def zh_date(day: dt.date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def _counter(ctx: Any, prefix: str, year: int) -> int:
    key = (prefix, year)
    ctx.state["numbers"][key] = ctx.state["numbers"].get(key, 0) + 1
    return ctx.state["numbers"][key]


def _summary(ctx: Any, subject: tuple[str, str]) -> str:
    return ctx.prose.sentence(subject) + ctx.prose.sentence(subject)


POLICY_KINDS = [("若干措施", "Measures"), ("实施意见", "Opinions"), ("管理办法", "Administrative Measures"),
                ("实施细则", "Implementing Rules"), ("工作规则", "Working Rules")]
POLICY_VERBS = [("进一步加强", "Further Strengthening"), ("规范", "Regulating"), ("优化", "Improving"),
                ("加快推进", "Accelerating"), ("全面推行", "Rolling Out")]


def policy(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    kind, kind_en = rng.choice(POLICY_KINDS)
    verb, verb_en = rng.choice(POLICY_VERBS)
    title = f"{d.name}关于{verb}{e.subject[0]}的{kind}"
    normative = e.extra.get("normative", False)
    year = e.formed.year
    prefix = f"示{d.abbr}{'规' if normative else '发'}"
    e.title, e.doc_no = title, f"{prefix}〔{year}〕{_counter(ctx, prefix, year)}号"
    effective = min(e.published + dt.timedelta(days=rng.randint(0, 30)), ctx.as_of)
    fields: dict[str, Any] = {
        "doc_type": "行政规范性文件" if normative else "其他文件", "doc_no": e.doc_no,
        "written_date": e.formed, "effective_date": effective}
    if normative:
        # Five years, the longest a normative document may run; 29 February ends on the 28th.
        day = min(effective.day, 28) if effective.month == 2 else effective.day
        fields["expiry_date"] = (effective.replace(year=effective.year + 5, day=day)
                                 - dt.timedelta(days=1))
    fields["validity"] = e.extra.get("validity", "有效")
    if "changed" in e.extra:
        fields["validity_changed_date"] = max(e.extra["changed"], effective)
    if e.ref is not None:
        fields["superseded_by"] = e.ref.index_no
    if normative:
        fields["needs_interpretation"] = True
    opening = (f"{rng.choice(ACTORS)}：\n\n{ctx.prose.sentence(e.subject)}"
               f"现就{verb}{e.subject[0]}提出如下{kind}。")
    closing = (f"本{kind[-2:]}自 {zh_date(effective)}起施行" + ("，有效期 5 年。" if normative else "。")
               + f"\n\n{d.name}  \n{zh_date(e.formed)}")
    body = ctx.prose.body(rng.randint(1200, 3600), ["总体要求", "主要任务", f"{e.subject[0]}重点措施",
                                                     "保障措施", "附则"], opening, closing)
    return Built(title, f"{kind_en} of the {d.name_en} on {verb_en} {e.subject[1].title()}",
                 _summary(ctx, e.subject), fields, body, 1500,
                 ("General requirements", "Main tasks", "Safeguards", "Final provisions"),
                 keywords=[e.subject[0], "规范性文件" if normative else "政策文件"])


QUESTIONS = ["为什么要出台{t}？", "{s}的主要内容有哪些？", "适用范围和对象是什么？", "与原有政策如何衔接？",
             "群众和企业如何办理？", "什么时候开始施行？", "如何保障各项措施落实到位？"]


def interpretation(ctx: Any) -> Built:
    d, rng, target = ctx.dept, ctx.rng, ctx.entry.ref
    form = rng.choice(["文字解读", "问答", "图表图解", "专家解读"])
    parts = [f"原文：[{target.title}](../policy/{target.slug}.md)（{target.doc_no}）"]
    count = rng.randint(3, len(QUESTIONS))
    for index, question in enumerate(QUESTIONS[:count]):
        parts.append(f"## 问{NUMERALS[index]}：" + question.format(t="这项政策", s=target.subject[0]))
        parts.append(ctx.prose.paragraph(target.subject))
    fields = {"interprets": target.index_no, "interpretation_form": form,
              "interpreter": f"{d.name}{rng.choice(d.divisions)}"}
    return Built(f"《{target.title}》解读", f"Questions and Answers on the {d.name_en}'s "
                 f"Policy on {target.subject[1].title()}", _summary(ctx, target.subject), fields,
                 "\n\n".join(parts) + "\n", 900, ("Background", "Main points", "Implementation"),
                 keywords=[target.subject[0], "政策解读"])


def form(ctx: Any) -> Built:
    e, rng = ctx.entry, ctx.rng
    code, name = e.ref[:2] if e.ref else ("", e.subject[0])
    suffix = rng.choice(["申请表", "登记表", "申请书", "承诺书"])
    fields: dict[str, Any] = {"file": f"../files/{e.slug}.docx"}
    if code:
        fields["item_codes"] = [code]
    body = (f"适用于{name}事项。请下载后如实填写，加盖申请单位公章或者由申请人签名，与其他申请材料一并提交。\n\n"
            + ctx.prose.paragraph(e.subject) + "\n\n填写说明：\n\n"
            + "\n".join(f"{i}. {ctx.prose.sentence(e.subject)}"
                        for i in range(1, rng.randint(3, 6)))
            + "\n")
    return Built(f"{name}{suffix}", f"Application Form: {e.subject[1].title()}",
                 f"办理{name}时填写的{suffix}（Word 格式），含申请人基本信息、申请事项、联系方式和签章栏。",
                 fields, body, 300, files=[f"{e.slug}.docx"], keywords=[name, "表格下载"])


NEWS = [("{d}召开{s}工作推进会", "{D} holds a meeting on {S}"),
        ("{d}开展{s}专项检查", "{D} inspects {S}"),
        ("我市{s}工作取得新成效", "Progress in {S}"),
        ("{d}部署{y}年{s}重点任务", "{D} sets {y} priorities for {S}"),
        ("{d}深入基层调研{s}工作", "{D} visits local units on {S}"),
        ("全市{s}培训班举办", "Citywide training on {S}")]


NEWS_ACTS = ["召开会议专题研究", "组织召开推进会部署", "举行新闻发布会介绍", "深入基层调研", "组织专项督查"]


def news(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    zh, en = rng.choice(NEWS)
    slots = {"d": d.short, "s": e.subject[0], "y": e.published.year}
    opening = (f"{e.published.month} 月 {e.published.day} 日，{d.short}{rng.choice(NEWS_ACTS)}"
               f"{e.subject[0]}工作，{rng.choice(VERBS)}{rng.choice(GENERAL)[0]}。"
               + ctx.prose.sentence())
    body = ctx.prose.body(rng.randint(300, 1400), (), opening)
    return Built(zh.format(**slots), en.format(D=d.name_en, S=e.subject[1], y=e.published.year),
                 _summary(ctx, e.subject), {"source": d.name, "author": rng.choice(d.divisions)},
                 body, 500, keywords=[e.subject[0], rng.choice(GENERAL)[0]])


def notice(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    verb = rng.choice(["做好", "开展", "组织申报", "加强"])
    kind = rng.choice(["通知", "公告", "通告"])
    fields = {}
    if rng.random() < 0.4:
        fields["valid_until"] = e.published + dt.timedelta(days=rng.randint(30, 180))
    contact = f"联系人：{ctx.person()}，联系电话：{d.phone}"
    body = ctx.prose.body(rng.randint(500, 1800), ["工作目标", "工作内容", "时间安排", "工作要求"],
                          f"{rng.choice(ACTORS)}：", f"{contact}\n\n{d.name}  \n{zh_date(e.formed)}")
    return Built(f"{d.name}关于{verb}{e.published.year}年度{e.subject[0]}工作的{kind}",
                 f"Notice of the {d.name_en} on {e.subject[1].title()} in {e.published.year}",
                 _summary(ctx, e.subject), fields, body, 700,
                 ("Objectives", "Tasks", "Timetable"), keywords=[e.subject[0], kind])


def enforcement(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    kind = rng.choices(["行政处罚", "行政强制", "监督检查"], [6, 1, 2])[0]
    code = {"行政处罚": "罚", "行政强制": "强", "监督检查": "检"}[kind]
    year = e.formed.year
    firm = rng.random() < 0.75
    if firm:
        industry = rng.choice(INDUSTRIES)
        party = f"示例市{rng.choice(DISTRICTS)[0]}区{rng.choice(FIRM_WORDS)}{industry[0]}有限公司"
        # Letters inside keep the code from reading as an ID number to PRIV-3, as real ones do.
        credit = (f"91339902{rng.randint(10, 99)}MA{rng.choice('ABCDEFGHJK')}"
                  f"{rng.randint(1000, 9999)}{rng.choice('LMNPQ')}")
        who = [f"- 名称：{party}", f"- 统一社会信用代码：{credit}",
               f"- 法定代表人：{ctx.person()[0]}某某"]
    else:
        party = f"{ctx.person()[0]}某某"
        who = [f"- 姓名：{party}", "- 身份证号：3399**********" + f"{rng.randint(1000, 9999)}"]
    title = (f"{party}违反{e.subject[0]}管理规定案行政处罚决定书" if kind == "行政处罚" else
             f"{party}{kind}决定书" if kind == "行政强制" else
             f"{year}年第{rng.randint(1, 12)}批{e.subject[0]}监督检查结果公示")
    law = rng.choice(LAWS)
    facts = "".join(ctx.prose.sentence(e.subject) for _ in range(rng.randint(2, 5)))
    body = "\n\n".join([
        "## 当事人", "\n".join(who), "## 违法事实",
        f"{zh_date(e.formed - dt.timedelta(days=rng.randint(20, 60)))}，"
        f"本{d.unit}执法人员依法对当事人进行检查。{facts}",
        "## 处罚依据和内容",
        f"当事人的上述行为违反了{law}{rng.choice(ARTICLES)}的规定。依据{law}{rng.choice(ARTICLES)}，"
        f"本{d.unit}决定：处罚款人民币 {rng.randint(1, 200) * 1000} 元。",
        "## 履行方式和救济途径",
        "当事人应当自收到本决定书之日起 15 日内缴纳罚款。当事人对本决定不服的，可以在收到本决定书之日起"
        " 60 日内申请行政复议，或者在 6 个月内依法提起行政诉讼。"]) + "\n"
    number = _counter(ctx, code, year)
    fields = {"decision_kind": kind, "decision_no": f"示{d.abbr}{code}〔{year}〕{number}号",
              "decision_date": e.formed, "party": party, "decision_status": "生效"}
    return Built(title, f"Administrative Decision on {e.subject[1].title()} ({year})",
                 _summary(ctx, e.subject), fields, body, 600,
                 ("Party", "Facts", "Decision", "Remedies"), keywords=[e.subject[0], kind])


def procurement(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    stage = rng.choice(["采购意向", "采购公告", "更正公告", "结果公告", "合同公告"])
    year = e.published.year
    code = f"SLCG{year}-{rng.randint(1, 9999):04d}"
    fields = {"project_code": code, "procurement_stage": stage,
              "procurement_method": rng.choice(["公开招标", "竞争性磋商", "竞争性谈判", "询价", "单一来源"]),
              "budget_amount": round(rng.uniform(5, 2000), 2)}
    body = ctx.prose.body(rng.randint(500, 1500), ["项目基本情况", "采购需求", "供应商资格要求", "联系方式"])
    return Built(f"{d.name}{year}年{e.subject[0]}服务项目{stage}",
                 f"{d.name_en}: {e.subject[1].title()} Services Project ({year})",
                 _summary(ctx, e.subject), fields, body, 500,
                 ("Project", "Requirements", "Contact"), keywords=[e.subject[0], "政府采购"])


def personnel(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    kind = rng.choice(["任免", "事业单位招聘", "人才引进", "其他"])
    year = e.published.year
    title = {"任免": f"{d.name}关于{ctx.person()}等同志职务任免的通知",
             "事业单位招聘": f"{d.name}所属事业单位{year}年公开招聘工作人员公告",
             "人才引进": f"{d.name}{year}年{e.subject[0]}领域高层次人才引进公告",
             "其他": f"{d.name}{year}年度干部教育培训计划"}[kind]
    body = ctx.prose.body(rng.randint(300, 1200), ["基本情况", "有关事项"])
    return Built(title, f"{d.name_en}: Personnel Notice ({year})", _summary(ctx, e.subject),
                 {"personnel_kind": kind}, body, 400, keywords=["人事信息", kind])


def recruitment(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    stage = rng.choice(["招考公告", "职位表", "资格审查", "成绩公示", "拟录用公示", "录用结果"])
    year = e.published.year
    body = ctx.prose.body(rng.randint(300, 1000), ["招录职位", "报考条件", "有关要求"])
    return Built(f"{d.name}{year}年考试录用公务员{stage}",
                 f"{d.name_en}: Civil Service Recruitment {year}", _summary(ctx, e.subject),
                 {"recruitment_stage": stage, "posts": rng.randint(1, 30)}, body, 400,
                 keywords=["公务员招考", stage])


def plan(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    kind = rng.choice(["发展规划", "专项规划", "年度计划", "工作总结"])
    y = e.published.year
    title, period = {"发展规划": (f"示例市“十五五”{e.subject[0]}发展规划", "2026—2030年"),
                     "专项规划": (f"示例市{e.subject[0]}专项规划（{y}—{y + 4}年）", f"{y}—{y + 4}年"),
                     "年度计划": (f"{d.name}{y}年工作要点", f"{y}年"),
                     "工作总结": (f"{d.name}{y - 1}年工作总结和{y}年工作思路", f"{y - 1}年")}[kind]
    body = ctx.prose.body(rng.randint(1000, 3000), ["发展基础", "总体要求", "主要任务", "重点工程",
                                                     "保障措施"])
    return Built(title, f"{d.name_en}: {e.subject[1].title()} Plan ({period[:4]})",
                 _summary(ctx, e.subject), {"plan_kind": kind, "period": period}, body, 1000,
                 ("Basis", "Goals", "Tasks"), keywords=[e.subject[0], kind])


def statistics(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    y, m = e.formed.year, max(e.formed.month - 1, 1)
    period = f"{y}年1—{m}月" if m > 1 else f"{y}年1月"
    rows = [f"| {s[0]} | {rng.randint(100, 90000)} | {rng.uniform(-9, 25):.1f}% |"
            for s in rng.sample(d.subjects, 4)]
    table = "| 指标 | 数值 | 同比增长 |\n| --- | --- | --- |\n" + "\n".join(rows)
    body = ctx.prose.body(rng.randint(300, 1000), (), ctx.prose.sentence(e.subject), table)
    return Built(f"{period}示例市{e.subject[0]}统计数据", f"{e.subject[1].title()} Statistics, {y}",
                 _summary(ctx, e.subject), {"period": period}, body, 400,
                 keywords=[e.subject[0], "统计"])


def emergency(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    kind = rng.choice(["应急预案", "预警信息", "应对处置", "风险提示"])
    title = {"应急预案": f"示例市{e.subject[0]}突发事件应急预案",
             "预警信息": f"关于{e.subject[0]}的预警信息", "应对处置": f"{d.name}{e.subject[0]}突发事件应对处置情况通报",
             "风险提示": f"关于{e.subject[0]}的风险提示"}[kind]
    body = ctx.prose.body(rng.randint(400, 2000), ["总则", "组织体系", "预警和响应", "后期处置"])
    return Built(title, f"Emergency Information: {e.subject[1].title()}", _summary(ctx, e.subject),
                 {"emergency_kind": kind}, body, 600, keywords=[e.subject[0], kind])


def finance(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    kind = rng.choice(["预算", "决算", "三公经费", "绩效评价"])
    year = e.published.year - (kind != "预算")
    title = {"预算": f"{d.name}{year}年部门预算公开", "决算": f"{d.name}{year}年度部门决算公开",
             "三公经费": f"{d.name}{year}年度“三公”经费决算情况说明",
             "绩效评价": f"{d.name}{year}年度{e.subject[0]}项目支出绩效评价报告"}[kind]
    rows = "\n".join(f"| {s[0]} | {rng.uniform(10, 5000):.2f} |" for s in rng.sample(d.subjects, 3))
    body = ctx.prose.body(rng.randint(400, 1500), ["部门基本情况", "收支情况", "其他说明"], "",
                          "| 项目 | 金额（万元） |\n| --- | --- |\n" + rows)
    name = f"{e.slug}.xlsx"
    return Built(title, f"{d.name_en}: {kind_en(kind)} {year}", _summary(ctx, e.subject),
                 {"fiscal_year": year, "finance_kind": kind}, body, 400, files=[name],
                 attachments=[{"file": f"../files/{name}", "title": f"{title}表"}],
                 keywords=["财政信息", kind])


def kind_en(kind: str) -> str:
    return {"预算": "Budget", "决算": "Final Accounts", "三公经费": "Official Spending",
            "绩效评价": "Performance Evaluation"}[kind]


def fee(ctx: Any) -> Built:
    e, d, rng = ctx.entry, ctx.dept, ctx.rng
    word = rng.choice(["工本费", "检验费", "考试考务费", "鉴定费", "评审费"])
    fields = {"fee_standard": f"每件（次）{rng.randint(5, 300)} 元",
              "fee_basis": f"示价费〔{e.formed.year}〕{rng.randint(1, 60)}号",
              "collecting_body": f"{d.name}{rng.choice(d.divisions)}"}
    body = ctx.prose.body(rng.randint(300, 900), ["收费项目", "收费标准", "减免政策"])
    return Built(f"{e.subject[0]}{word}收费标准", f"Fees: {e.subject[1].title()}",
                 _summary(ctx, e.subject), fields, body, 300, keywords=["收费项目", word])


BUILDERS = {"policy": policy, "interpretation": interpretation,
            "licensing": lambda ctx: Built(**licensing(ctx)),
            "service-guide": lambda ctx: Built(**service_guide(ctx)), "form": form, "news": news,
            "notice": notice,
            "enforcement": enforcement, "procurement": procurement, "personnel": personnel,
            "recruitment": recruitment, "plan": plan, "statistics": statistics,
            "emergency": emergency, "finance": finance, "fee": fee,
            "guide": lambda ctx: Built(**disclosure_guide(ctx)),
            "annual-report": lambda ctx: Built(**annual_report(ctx))}
