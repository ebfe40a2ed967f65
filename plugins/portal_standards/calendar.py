"""Working days (工作日) under China's statutory holidays and make-up working days (调休).

Deadlines in the disclosure and licensing laws count working days, which exclude
statutory holidays but include the weekend days the State Council swaps in as
working days. The calendar comes from the maintained ``chinesecalendar`` library;
``config/standards/calendar.yaml`` adds years it does not cover yet (the State
Council publishes each year's arrangement in the preceding November or December)
and may correct a year it does. A year known to neither is an error, never a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import chinese_calendar

from portal_model.errors import PortalConfigError

CALENDAR_FILE = "config/standards/calendar.yaml"


@dataclass(frozen=True)
class YearOverride:
    """One year's arrangement as given in the config file."""

    holidays: frozenset[dt.date]
    """Statutory holidays and the days off around them that fall on weekdays or weekends."""
    workdays: frozenset[dt.date]
    """Make-up working days (调休上班), usually a Saturday or Sunday."""


class WorkingCalendar:
    """Counts working days; each year's day-by-day table is built once, when first needed."""

    def __init__(self, overrides: Mapping[int, YearOverride] | None = None):
        self.overrides = dict(overrides or {})
        self._cumulative: dict[int, list[int]] = {}

    def is_workday(self, day: dt.date) -> bool:
        override = self.overrides.get(day.year)
        if override is not None:
            if day in override.workdays:
                return True
            return day.weekday() < 5 and day not in override.holidays
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise PortalConfigError(
                f"{CALENDAR_FILE}: no holiday calendar for {day.year}: chinesecalendar "
                f"{chinese_calendar.__version__} does not cover it; add that year's holidays "
                f"and make-up working days under `years: {day.year}:`") from None

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

        Day one of a statutory period is the day after the event, so a notice formed on
        a Friday and published the next Monday took one working day.
        """
        if end <= start:
            return 0
        return self._through(end, start.year) - self._through(start, start.year)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date on which ``days`` working days after ``start`` are used up (the deadline)."""
        day, left = start, days
        while left > 0:
            day += dt.timedelta(days=1)
            left -= self.is_workday(day)
        return day

    def overdue(self, start: dt.date, done: dt.date, limit: int
                ) -> tuple[int, dt.date] | None:
        """``(working days used, due date)`` when ``done`` came more than ``limit`` working
        days after ``start``; None when it was in time."""
        used = self.working_days_between(start, done)
        return (used, self.add_working_days(start, limit)) if used > limit else None

    def _through(self, day: dt.date, origin: int) -> int:
        """Working days from 1 January of ``origin`` through ``day``.

        Counts only ever subtract two days from the same origin, so the earlier
        day's year serves and no year before it is ever needed.
        """
        total = sum(self._year(year)[-1] for year in range(origin, day.year))
        return total + self._year(day.year)[day.timetuple().tm_yday - 1]

    def _year(self, year: int) -> list[int]:
        table = self._cumulative.get(year)
        if table is None:
            day, running, table = dt.date(year, 1, 1), 0, []
            while day.year == year:
                running += self.is_workday(day)
                table.append(running)
                day += dt.timedelta(days=1)
            self._cumulative[year] = table
        return table


def parse_overrides(years: Mapping[int, Mapping[str, Iterable[dt.date]]]
                    ) -> dict[int, YearOverride]:
    """The ``years:`` mapping of the calendar file, already schema-valid, as overrides."""
    return {int(year): YearOverride(frozenset(days.get("holidays", ())),
                                    frozenset(days.get("workdays", ())))
            for year, days in years.items()}
