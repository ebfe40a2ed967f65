"""Working days under China's holiday calendar (OGI-26 counts them)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import audit_findings, write
from portal_model.errors import PortalConfigError
from portal_model.schemas import SchemaSet
from portal_standards.calendar import WorkingCalendar, YearOverride
from portal_standards.profiles import StandardsConfigError, load_calendar

D = dt.date


def test_spring_festival_2026_is_not_counted():
    calendar = WorkingCalendar()
    # 15–23 February 2026 are the Spring Festival holiday; Saturday 14 and Saturday 28
    # February are make-up working days.
    assert calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2  # 14th, 24th
    assert calendar.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)


def test_make_up_working_day_on_a_weekend_counts():
    calendar = WorkingCalendar()
    assert calendar.is_workday(D(2026, 2, 28))  # a Saturday
    assert not calendar.is_workday(D(2026, 3, 1))  # an ordinary Sunday
    assert calendar.working_days_between(D(2026, 2, 27), D(2026, 3, 2)) == 2


def test_day_one_is_the_day_after_the_event():
    calendar = WorkingCalendar()
    friday, monday = D(2026, 11, 20), D(2026, 11, 23)
    assert calendar.working_days_between(friday, monday) == 1
    assert calendar.working_days_between(friday, friday) == 0
    assert calendar.working_days_between(monday, friday) == 0


def test_counts_span_new_year():
    calendar = WorkingCalendar()
    # 1–3 January 2026 are holidays; Sunday 4 January is a make-up working day.
    assert calendar.working_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 3  # 31st, 4th, 5th


def test_a_year_the_library_lacks_is_an_error_not_a_guess():
    with pytest.raises(PortalConfigError, match="no holiday calendar for 2031"):
        WorkingCalendar().is_workday(D(2031, 5, 6))


def test_override_supplies_a_missing_year():
    calendar = WorkingCalendar({2031: YearOverride(frozenset({D(2031, 1, 1)}),
                                                   frozenset({D(2031, 1, 4)}))})
    assert not calendar.is_workday(D(2031, 1, 1))  # a Wednesday holiday
    assert calendar.is_workday(D(2031, 1, 4))  # a Saturday made a working day
    assert calendar.working_days_between(D(2031, 1, 1), D(2031, 1, 6)) == 4  # 2nd–4th, 6th


def test_calendar_file_is_read_and_checked(site):
    write(site, "config/standards/calendar.yaml",
          "years:\n  2031:\n    holidays: [2031-01-01]\n    workdays: [2031-01-04]\n")
    calendar = load_calendar(site, SchemaSet(site / "config" / "schemas"))
    assert calendar.is_workday(D(2031, 1, 4))
    write(site, "config/standards/calendar.yaml",
          "years:\n  2031:\n    holidays: [2030-12-31, 2031-13-01]\n    workdays: []\n")
    with pytest.raises(StandardsConfigError) as caught:
        load_calendar(site, SchemaSet(site / "config" / "schemas"))
    lines = caught.value.report("en")
    assert "config/standards/calendar.yaml:3: years.2031.holidays[1]:" in lines
    assert ("config/standards/calendar.yaml:3: years.2031.holidays[0]: expected a date in "
            "2031; got '2030-12-31'") in lines


def test_ogi26_late_across_the_national_day_holiday(site):
    notice = site / "content/demo/notice/example.md"
    text = notice.read_text("utf-8").replace("index_no: 11339900000000001A/2026-00001",
                                             "index_no: 11339900000000001A/2026-00001")
    text = re.sub(r"published_date: .*", "published_date: 2026-11-02", text)
    text = re.sub(r"formed_date: .*", "formed_date: 2026-09-28", text)
    notice.write_text(text, "utf-8")
    # 29 Sep – 2 Nov: 1–7 Oct are holidays and Saturday 10 Oct is a working day, so
    # 21 working days have passed: one too many; the 20th was Friday 30 October.
    found = [f for f in audit_findings(site, "OGI-26") if f.file.endswith("notice/example.md")]
    assert [(f.rule, f.code, f.field) for f in found] == [("OGI-26", "late", "published_date")]
    assert dict(found[0].data)["used"] == 21
    assert dict(found[0].data)["deadline"] == "2026-10-30"
    text = re.sub(r"published_date: .*", "published_date: 2026-10-30", text)
    notice.write_text(text, "utf-8")
    assert not [f for f in audit_findings(site, "OGI-26") if f.file.endswith("notice/example.md")]
