"""Which departments the corpus has, and which items each publishes on which days.

Planning comes before writing because items refer to each other: an interpretation names its
policy's 索引号, a revised policy its successor's, a guide its list entry; serials follow the
order of publication within a department and year. A plan holds only dates and references,
so a department's plan is small even when the corpus is large.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from corpus_items import Entry
from corpus_vocab import BUREAUS, DISTRICTS, ROADS, pairs

AS_OF = dt.date(2026, 11, 21)
"""The tests' as-of day: nothing is published or formed after it."""
SPAN_DAYS = 3 * 365
WEIGHTS = {"news": 20, "enforcement": 12, "notice": 10, "policy": 8, "procurement": 7,
           "service-guide": 6, "interpretation": 5, "form": 5, "licensing": 4, "personnel": 4,
           "statistics": 4, "recruitment": 3, "plan": 3, "emergency": 3, "finance": 3, "fee": 2}
"""Share of each type among a department's items after its disclosure guide and annual reports."""
ORDER = {name: index for index, name in enumerate(
    ["guide", "annual-report", "policy", "interpretation", *[t for t in WEIGHTS if t not in
                                                             ("policy", "interpretation")]])}
RECENT_DAYS = {"news": 11, "notice": 150, "policy": 150, "procurement": 150, "enforcement": 150,
               "personnel": 300, "recruitment": 300, "plan": 300, "statistics": 300,
               "emergency": 300, "finance": 300}
"""A department's first item of these types is this recent, so its columns are not stale."""
VARIANTS = pairs("（变更）: (change);（延续）: (renewal);（注销）: (cancellation);（补证）: (reissue);"
                 "（跨区域）: (cross-region)")
SERVICE_KINDS = ["行政确认", "公共服务", "行政给付", "其他行政权力"]


@dataclass
class Department:
    id: str
    number: int
    name: str
    name_en: str
    short: str
    abbr: str
    topic: str
    level: str
    org_code: str
    subjects: list[tuple[str, str]]
    address: str
    postcode: str
    phone: str
    fax: str
    email: str
    office_hours: str
    office_name: str
    unit: str
    divisions: list[str]
    licensing_names: list[tuple[str, str]]
    service_names: list[tuple[str, str]]
    licensing: list[tuple[str, str, str, str]] | None = None
    services: list[tuple[str, str, str, str]] | None = None


def departments(count: int) -> list[Department]:
    """The first ``count`` departments: every city bureau, then district bureaus."""
    limit = len(BUREAUS) * (len(DISTRICTS) + 1)
    if count > limit:
        raise SystemExit(f"at most {limit} departments are available, not {count}")
    result = []
    for number in range(count):
        district, bureau = divmod(number, len(BUREAUS))
        ident, name, name_en, short, abbr, topic, subjects, lic, svc = BUREAUS[bureau]
        if district:
            place, pinyin = DISTRICTS[district - 1]
            ident, short, abbr = f"{ident}-{pinyin}", f"{place}区{short}", place[0] + abbr
            full, full_en = f"示例市{place}区{name}", f"{pinyin.title()} District {name_en}, Shili"
        else:
            place, full, full_en = "滨江", f"示例市{name}", f"Shili Municipal {name_en}"
        unit = "委" if name.endswith("委员会") else "局"
        subject_pairs = pairs(subjects)
        result.append(Department(
            id=ident, number=number, name=full, name_en=full_en, short=short, abbr=abbr,
            topic=topic, level="county" if district else "city",
            org_code=f"113399{district:02d}MB{number:07d}X", subjects=subject_pairs,
            address=f"示例市{place}区{ROADS[number % len(ROADS)]} {number * 7 % 300 + 1} 号",
            postcode=f"3399{district:02d}", phone=f"0599-88{number:03d}301",
            fax=f"0599-88{number:03d}309", email=f"{ident}@shili.gov.cn",
            office_hours="工作日上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）",
            office_name=f"{full}办公室（政务公开科）", unit=unit,
            divisions=["办公室", "政策法规科", "行政审批科", "综合执法大队",
                       f"{subject_pairs[0][0]}科", f"{subject_pairs[1][0]}科"],
            licensing_names=pairs(lic), service_names=pairs(svc)))
    return result


def _named(names: list[tuple[str, str]], index: int) -> tuple[str, str]:
    """The ``index``-th list entry: the base items, then each in its 变更/延续/... variants."""
    base, round_ = names[index % len(names)], index // len(names)
    if round_ == 0:
        return base
    if round_ <= len(VARIANTS):
        zh, en = VARIANTS[round_ - 1]
        return base[0] + zh, base[1] + en
    return f"{base[0]}（第{round_}类）", f"{base[1]} (class {round_})"


def _counts(items: int, number: int) -> dict[str, int]:
    """How many of each type one department publishes: largest remainders, rotated per
    department so that small corpora still cover every type somewhere."""
    annual = min(3, items - 1)
    rest = items - 1 - annual
    total = sum(WEIGHTS.values())
    counts = {name: rest * weight // total for name, weight in WEIGHTS.items()}
    names = list(WEIGHTS)
    leftover = rest - sum(counts.values())
    start = number * leftover % len(names)  # consecutive departments take consecutive types
    for offset in range(leftover):
        counts[names[(start + offset) % len(names)]] += 1
    surplus = counts["interpretation"] - counts["policy"]
    if surplus > 0:  # each interpretation needs its own policy
        counts["interpretation"] -= (surplus + 1) // 2
        counts["policy"] += (surplus + 1) // 2
    return {"guide": 1, "annual-report": annual, **counts}


def _cover_every_type(all_counts: list[dict[str, int]]) -> None:
    """Give each type no department has one item, taken from the commonest type (annual
    reports included) that keeps at least one item elsewhere and every interpretation's policy."""
    totals = {name: sum(c[name] for c in all_counts) for name in ("annual-report", *WEIGHTS)}
    for name in WEIGHTS:
        if totals[name]:
            continue
        donors = [(totals[other], counts[other], -index, other)
                  for index, counts in enumerate(all_counts) for other in totals
                  if other != name and counts[other] and totals[other] > 1
                  and (other != "policy" or counts["policy"] > counts["interpretation"] + 1)
                  and (name != "interpretation" or counts["policy"] > 0)]
        if donors:
            *_, negative_index, other = max(donors)  # ties go to the first department
            all_counts[-negative_index][other] -= 1
            all_counts[-negative_index][name] += 1
            totals[other] -= 1
            totals[name] += 1


def plan(depts: list[Department], total: int, seed: int
         ) -> Iterator[tuple[Department, list[Entry]]]:
    """Each department with its entries in order of publication, 索引号 and slugs assigned."""
    per, extra = divmod(total, len(depts))
    all_counts = [_counts(per + (d.number < extra), d.number) for d in depts]
    _cover_every_type(all_counts)
    for dept, counts in zip(depts, all_counts, strict=True):
        rng = random.Random(f"{seed}:{dept.id}:plan")
        dept.licensing = [(f"{dept.number + 1:06d}{k + 1:03d}000", *_named(dept.licensing_names, k),
                           "行政许可") for k in range(counts["licensing"])]
        dept.services = [(f"SL-{dept.id.upper()}-GG-{k + 1:03d}", *_named(dept.service_names, k),
                          SERVICE_KINDS[k % len(SERVICE_KINDS)])
                         for k in range(counts["service-guide"])]
        yield dept, _entries(rng, dept, counts)


def _day(rng: random.Random, newest: int, oldest: int) -> dt.date:
    day = AS_OF - dt.timedelta(days=rng.randint(newest, oldest))
    return day - dt.timedelta(days=max(day.weekday() - 4, 0))  # weekends move to Friday


def _entries(rng: random.Random, dept: Department, counts: dict[str, int]) -> list[Entry]:
    entries: list[Entry] = []
    subjects = dept.subjects
    for year in range(AS_OF.year - 3, AS_OF.year):
        if counts["annual-report"] > AS_OF.year - 1 - year:
            published = dt.date(year + 1, 1, rng.randint(10, 25))
            entries.append(Entry("annual-report", published, published - dt.timedelta(days=4),
                                 ("政务公开", "open government"), extra={"year": year}))
    published = _day(rng, 30, 330)
    entries.append(Entry("guide", published, published - dt.timedelta(days=3),
                         ("政务公开", "open government")))
    policies: list[Entry] = []
    for name in WEIGHTS:
        if name == "interpretation":
            continue
        for k in range(counts[name]):
            published = _day(rng, 0, RECENT_DAYS[name]) if k == 0 and name in RECENT_DAYS \
                else _day(rng, 0, SPAN_DAYS)
            back = rng.randint(0, 1) if name == "news" else rng.randint(0, 10)
            entry = Entry(name, published, published - dt.timedelta(days=back),
                          rng.choice(subjects))
            if name == "policy":
                policies.append(entry)
            elif name in ("licensing", "service-guide"):
                entry.ref = (dept.licensing if name == "licensing" else dept.services)[k]
            elif name == "form":
                codes = dept.licensing + dept.services
                entry.ref = codes[k % len(codes)][:3] if codes else None
            if entry.ref:  # a guide or form is about its list entry; its slug says which
                entry.subject = entry.ref[1:3]
            entries.append(entry)
    for policy in policies[:counts["interpretation"]]:  # the first policy is a recent one
        policy.extra["normative"] = True
        published = min(policy.published + dt.timedelta(days=rng.randint(0, 2)), AS_OF)
        formed = published - dt.timedelta(days=rng.randint(0, 3))
        entries.append(Entry("interpretation", published, formed, policy.subject, ref=policy))
    _revise(rng, sorted(policies, key=lambda e: e.published))
    entries.sort(key=lambda e: (e.published, ORDER[e.type]))
    serials: dict[int, int] = {}
    for entry in entries:
        year = entry.published.year
        serials[year] = entry.serial = serials.get(year, 0) + 1
        entry.index_no = f"{dept.org_code}/{year}-{entry.serial:05d}"
        entry.slug = {"guide": "disclosure-guide",
                      "annual-report": f"annual-report-{entry.extra.get('year')}"}.get(
            entry.type, f"{_slug(entry.subject[1])}-{year}-{entry.serial:05d}")
        entry.translated = rng.random() < 0.1
    return entries


def _revise(rng: random.Random, policies: list[Entry]) -> None:
    """Some policies are revised (superseded by the next one, which stays in force) or
    repealed; newest first, so a successor's own validity is known when it is chosen."""
    for current, successor in reversed(list(zip(policies, policies[1:]))):
        roll = rng.random()
        if roll < 0.1 and "validity" not in successor.extra:
            current.extra.update(validity="已修订", changed=successor.published)
            current.ref = successor
        elif roll < 0.15:
            current.extra.update(validity="已废止", changed=min(
                current.published + dt.timedelta(days=rng.randint(60, 400)), AS_OF))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
