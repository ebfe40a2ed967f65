"""OGI-26: published within 20 working days of being formed or changed."""

from __future__ import annotations

from ..audit import RuleRun
from ..registry import BLOCKING, Message, rule


@rule("OGI-26", title=("主动公开时限（形成或变更之日起20个工作日内）",
                       "Published within 20 working days of being formed or changed"),
      severity=BLOCKING,
      source="《政府信息公开条例》第二十六条",
      params={"working_days": 20},
      messages={"late": Message(
          zh="{formed_label}为 {start}，发布于 {published}，用了 {used} 个工作日，"
             "超过 {limit} 个工作日的时限（应不晚于 {deadline}）",
          en="{formed_field} is {start} and it was published on {published}: {used} working "
             "days, over the limit of {limit} (due by {deadline})",
          fix_zh="今后在形成或变更后 {limit} 个工作日内发布；若{formed_label}（{formed_field}）填错，"
                 "请更正为实际日期",
          fix_en="publish within {limit} working days of forming or changing the information; "
                 "if {formed_field} is wrong, correct it to the real date")})
def published_in_time(run: RuleRun) -> None:
    """The clock starts at the later of ``formed_date`` and ``changed_date`` (Art. 26)."""
    limit = run.params["working_days"]
    calendar = run.audit.calendar
    for item in run.audit.originals:
        changed = item.meta.get("changed_date")
        start_field = "changed_date" if changed and changed > item.meta["formed_date"] \
            else "formed_date"
        start, published = item.meta[start_field], item.published_date
        late = calendar.overdue(start, published, limit)
        if late:
            used, deadline = late
            run.item("late", item, ("published_date",), formed_field=start_field,
                     formed_label=run.audit.portal.label(item.type, start_field), start=start,
                     published=published, used=used, limit=limit, deadline=deadline)
