"""Chinese and English prose for the benchmark corpus, built sentence by sentence.

Each sentence fills one of many templates from the vocabulary (the department's own
subjects, general government terms, laws, mechanisms, goals, numbers), so bodies read like
government writing and the vocabulary a search index sees is large and uneven, as in a real
portal. Every choice comes from the generator passed in: same seed, same text.
"""

from __future__ import annotations

import random

from corpus_vocab import (ACTORS, ARTICLES, DISTRICTS, EN_ACTORS, EN_GOALS, EN_VERBS, GENERAL,
                          GOALS, LAWS, MECHANISMS, NUMERALS, PLACES, REASONS, ROADS, SURNAMES,
                          VERBS)

ZH_TEMPLATES = [
    "{r}，{a}要{v}{s}工作，{v2}{g}。",
    "围绕{s}，{v}{m}，确保{goal}。",
    "截至{y}年{mo}月底，全市累计{v}{s}项目{n}个，同比增长{p}%。",
    "依照{law}{art}的规定，{a}应当{v}{g}，不得擅自变更{s}相关事项。",
    "{a}要把{s}摆在突出位置，{v}{g}和{g2}，形成{m}。",
    "通过{place}，群众可以查询{s}办理进度，实现{g}“一次办、就近办”。",
    "对{s}中发现的问题，实行{m}，做到发现一起、整改一起、销号一起。",
    "{y}年以来，共开展{s}专项检查{n}次，发现问题{n2}个，已整改{n3}个。",
    "坚持问题导向和目标导向，{v}{s}，{v2}{g}，推动{goal}。",
    "各责任单位要明确责任分工，细化工作措施，于每月{d}日前报送{s}工作进展。",
    "对工作推进不力、造成不良影响的，依规依纪严肃追责问责。",
    "{a}要加强与有关部门的沟通协作，建立{m}，形成{s}工作合力。",
    "进一步{v}{g}，将{s}纳入年度绩效考核，考核结果作为评先评优的重要依据。",
    "鼓励社会力量参与{s}，对符合条件的项目给予最高{n}万元的资金支持。",
    "{s}工作涉及面广、政策性强，{a}要高度重视，加强组织领导，确保各项措施落地见效。",
    "在{place}设立{s}服务专区，提供咨询、受理、办理一站式服务。",
    "全年完成{s}相关投资{f}亿元，占年度计划的{p}%。",
    "市民对{s}有意见建议的，可以通过{place}反映，相关部门将在{d}个工作日内答复。",
    "下一步，将继续{v}{s}，着力{v2}{g}，为{goal}提供有力保障。",
    "本年度{s}工作的重点是{v}{g}、{v2}{g2}，力争{goal}。",
    "{a}应当于{y}年{mo}月{d}日前完成{s}自查，并将自查报告报送市级主管部门。",
    "{s}所需经费列入年度部门预算，实行专款专用，接受财政、审计部门的监督。",
    "针对{s}领域群众反映强烈的突出问题，{v}{m}，集中开展为期{n2}天的专项整治。",
    "据统计，{y}年{mo}月全市{s}相关业务办理量达{n}件，按时办结率为{rate}%。",
    "各地要结合实际制定{s}实施方案，明确时间表、路线图和责任人。",
    "{a}要{v}{s}信息公开，及时发布{g}相关政策文件和办事指南。",
    "以{g}为抓手，{v}{s}全流程管理，实现{goal}。",
    "{law}实施以来，{a}{v}{s}，取得了明显成效。",
    "{mo}月{d}日，工作组在{district}区{road}一带开展{s}现场检查，走访经营主体和居民{n2}户。",
    "{district}区{v}{s}试点，探索形成可复制、可推广的经验做法，计划于{y}年底前在全市推开。",
    "{surname}某某等{n2}名群众来电反映{s}问题，{a}已于{d}个工作日内核实处理并回复。",
]
EN_TEMPLATES = [
    "The bureau will {v} {s} and {v2} {g}, with the aim of {goal}.",
    "By the end of {mo}/{y}, {n} projects in {s} had been completed, up {p}% year on year.",
    "All {a} should {v} {g} and report progress on {s} before day {d} of each month.",
    "Residents can follow the progress of {s} applications online and at service centres.",
    "In {y}, {n} inspections of {s} found {n2} problems, of which {n3} have been fixed.",
    "Funding for {s} is part of the annual budget and is audited every year.",
    "Work on {s} will be included in the annual performance assessment.",
    "Those with suggestions on {s} can contact the hotline and will receive a reply within "
    "{d} working days.",
    "The measures {v} {g} and are expected to bring {goal}.",
    "A joint mechanism with {a} will {v} {s} across the city.",
    "Eligible projects in {s} may receive support of up to {n} thousand yuan.",
    "The next step is to {v} {s} further and to {v2} {g}.",
]


class Prose:
    """Sentences, paragraphs and sectioned bodies about one department's ``subjects``."""

    def __init__(self, rng: random.Random, subjects: list[tuple[str, str]], year: int) -> None:
        self.rng = rng
        self.subjects = subjects
        self.year = year
        self.subject = subjects[0]
        """The item's own subject: most sections of a body are about it."""

    def _slots(self, subject: tuple[str, str] | None) -> dict[str, object]:
        rng = self.rng
        s = subject or rng.choice(self.subjects)
        g, g2 = rng.choice(GENERAL), rng.choice(GENERAL)
        return {"r": rng.choice(REASONS), "a": rng.choice(ACTORS), "v": rng.choice(VERBS),
                "v2": rng.choice(VERBS), "s": s[0], "g": g[0], "g2": g2[0],
                "m": rng.choice(MECHANISMS), "goal": rng.choice(GOALS),
                "y": self.year - rng.randint(0, 2), "mo": rng.randint(1, 12),
                "d": rng.randint(5, 28), "n": rng.randint(12, 4800), "n2": rng.randint(3, 90),
                "n3": rng.randint(1, 3), "p": f"{rng.uniform(1, 40):.1f}",
                "rate": f"{rng.uniform(92, 100):.1f}",
                "f": f"{rng.uniform(0.5, 80):.2f}", "law": rng.choice(LAWS),
                "art": rng.choice(ARTICLES), "place": rng.choice(PLACES),
                "district": rng.choice(DISTRICTS)[0], "road": rng.choice(ROADS),
                "surname": rng.choice(SURNAMES)}

    def sentence(self, subject: tuple[str, str] | None = None) -> str:
        return self.rng.choice(ZH_TEMPLATES).format(**self._slots(subject))

    def paragraph(self, subject: tuple[str, str] | None = None) -> str:
        return "".join(self.sentence(subject) for _ in range(self.rng.randint(2, 5)))

    def body(self, length: int, headings: list[str] | tuple[str, ...] = (), opening: str = "",
             closing: str = "") -> str:
        """About ``length`` characters: ``opening``, sections under ``headings``, ``closing``."""
        parts = [opening] if opening else []
        # A paragraph averages some 120 characters; spread them over the sections.
        count = max(len(headings), 1, (length - len(opening) - len(closing)) // 120)
        sections = len(headings) or 1
        for index in range(sections):
            if headings:
                parts.append(f"## {NUMERALS[index]}、{headings[index]}")
            subject = self.subject if index == 0 or self.rng.random() < 0.5 \
                else self.rng.choice(self.subjects)
            share = count // sections + (index < count % sections)
            parts.extend(self.paragraph(subject) for _ in range(share))
        if closing:
            parts.append(closing)
        return "\n\n".join(parts) + "\n"

    def en_sentence(self) -> str:
        rng = self.rng
        return rng.choice(EN_TEMPLATES).format(
            v=rng.choice(EN_VERBS), v2=rng.choice(EN_VERBS), s=rng.choice(self.subjects)[1],
            g=rng.choice(GENERAL)[1], goal=rng.choice(EN_GOALS), a=rng.choice(EN_ACTORS),
            y=self.year - rng.randint(0, 2), mo=rng.randint(1, 12), d=rng.randint(5, 28),
            n=rng.randint(12, 4800), n2=rng.randint(3, 90), n3=rng.randint(1, 3),
            p=f"{rng.uniform(1, 99):.1f}")

    def en_body(self, length: int, headings: list[str]) -> str:
        """An English body of about ``length`` characters (English runs longer than Chinese)."""
        parts, size = [], 0
        for index in range(max(len(headings), 1)):
            if headings:
                parts.append(f"## {index + 1}. {headings[index]}")
            for _ in range(self.rng.randint(1, 2)):
                text = " ".join(self.en_sentence() for _ in range(self.rng.randint(2, 5)))
                parts.append(text)
                size += len(text)
        while size < length:
            text = " ".join(self.en_sentence() for _ in range(self.rng.randint(2, 5)))
            parts.append(text)
            size += len(text)
        return "\n\n".join(parts) + "\n"
