"""Legal last days that degrade to a flagged weekends-only date when the holiday table lacks the year."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from legalops.core import calendar as cal


class DueDate(NamedTuple):
    """A due date and, when it could not be checked against the holiday table, why (else None)."""

    due_on: dt.date
    provisional_note: str | None


def provisional_note(year: int) -> str:
    """Return the note stored with a date counted without `year`'s holiday table."""
    return (f"{year}年节假日安排尚未录入节假日表，本日期仅按周末顺延计算（暂定）；"
            f"录入国务院{year}年放假通知后运行 legalops deadlines --recompute 重算。")


def _weekend_only(day: dt.date, step: int) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def last_day_or_provisional(last_day: dt.date, *, backward: bool = False) -> DueDate:
    """Move a period's last day off rest days (forward; `backward` for 'N days before' deadlines) or flag it.

    With the year in the table this is calendar.roll_forward / roll_back. Without it, the date moves off
    weekends only and carries a note, so callers never guess silently and `--recompute` can fix it later.
    """
    try:
        return DueDate(cal.roll_back(last_day) if backward else cal.roll_forward(last_day), None)
    except cal.CalendarYearMissing as exc:
        return DueDate(_weekend_only(last_day, -1 if backward else 1), provisional_note(exc.year))
