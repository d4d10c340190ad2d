"""Chinese working-day calendar and legal period arithmetic (民法典 arts. 200-204, 民诉法 art. 85).

Rest days are weekends plus State Council holidays minus make-up working days (调休上班日).
The table is data: one JSON file per year in ``legalops/core/data/holidays/``, optionally
extended or overridden by ``*.json`` files in the directory named by ``LEGALOPS_CALENDAR_DIR``.
A date in a year with no file is an explicit error, never a guess.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BUILTIN_DIR = Path(__file__).resolve().parent / "data" / "holidays"
ENV_DIR = "LEGALOPS_CALENDAR_DIR"
# Rest days never run longer than this; a longer scan means the table is broken.
MAX_HOLIDAY_RUN = 40


class CalendarYearMissing(LookupError):
    """The holiday table has no entry for the year of a date that had to be checked."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"No holiday calendar for {year}: add legalops/core/data/holidays/{year}.json "
            f'(keys "year", "holidays", "makeup_workdays", "source" — copy the State Council notice for {year}), '
            f"or put {year}.json in the directory named by ${ENV_DIR}."
        )


class CalendarDataError(ValueError):
    """A holiday file is malformed or contradicts itself."""


@dataclass(frozen=True)
class YearCalendar:
    """One year's State Council holiday arrangement."""

    year: int
    holidays: frozenset[dt.date]
    makeup_workdays: frozenset[dt.date]
    source: str
    path: str


def _parse_year_file(path: Path) -> YearCalendar:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        year = int(raw["year"]) if "year" in raw else int(path.stem)
        holidays = frozenset(dt.date.fromisoformat(x) for x in raw["holidays"])
        makeup = frozenset(dt.date.fromisoformat(x) for x in raw["makeup_workdays"])
        source = str(raw["source"]).strip()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CalendarDataError(f"{path}: {exc}") from exc
    if not source:
        raise CalendarDataError(f"{path}: 'source' must cite the State Council notice")
    stray = sorted(d for d in holidays | makeup if d.year != year)
    if stray:
        raise CalendarDataError(f"{path}: dates outside {year}: {stray[:3]}")
    if holidays & makeup:
        raise CalendarDataError(f"{path}: a day cannot be both holiday and make-up workday")
    weekday_makeup = sorted(d for d in makeup if d.weekday() < 5)
    if weekday_makeup:
        # A make-up working day on a weekday would be a no-op; it is almost surely a typo.
        raise CalendarDataError(f"{path}: make-up workdays must be weekend days: {weekday_makeup}")
    return YearCalendar(year, holidays, makeup, source, str(path))


@lru_cache(maxsize=8)
def _load(extra_dir: str | None) -> dict[int, YearCalendar]:
    years: dict[int, YearCalendar] = {}
    dirs = [BUILTIN_DIR] + ([Path(extra_dir)] if extra_dir else [])
    for directory in dirs:
        if not directory.is_dir():
            raise CalendarDataError(f"{ENV_DIR}={directory} is not a directory")
        for path in sorted(directory.glob("*.json")):
            cal = _parse_year_file(path)
            years[cal.year] = cal  # later directories override, so a local fix wins
    return years


def calendars() -> dict[int, YearCalendar]:
    """Return the loaded year tables, built-in plus $LEGALOPS_CALENDAR_DIR."""
    return _load(os.environ.get(ENV_DIR) or None)


def reload() -> None:
    """Forget cached tables so edited files or a changed env var take effect."""
    _load.cache_clear()


def year_calendar(year: int) -> YearCalendar:
    """Return one year's table or raise CalendarYearMissing."""
    try:
        return calendars()[year]
    except KeyError:
        raise CalendarYearMissing(year) from None


def covered_years() -> list[int]:
    """List the years the table covers."""
    return sorted(calendars())


def is_rest_day(day: dt.date) -> bool:
    """Tell whether a date is a weekend or State Council holiday not swapped for a make-up workday."""
    cal = year_calendar(day.year)
    if day in cal.makeup_workdays:
        return False
    return day in cal.holidays or day.weekday() >= 5


def is_working_day(day: dt.date) -> bool:
    """Tell whether courts are open on a date."""
    return not is_rest_day(day)


def next_working_day(day: dt.date) -> dt.date:
    """Return the first working day strictly after a date."""
    return _scan(day, 1)


def previous_working_day(day: dt.date) -> dt.date:
    """Return the last working day strictly before a date."""
    return _scan(day, -1)


def _scan(day: dt.date, step: int) -> dt.date:
    candidate = day
    for _ in range(MAX_HOLIDAY_RUN):
        candidate += dt.timedelta(days=step)
        if not is_rest_day(candidate):
            return candidate
    raise CalendarDataError(f"no working day within {MAX_HOLIDAY_RUN} days of {day}")


def roll_forward(last_day: dt.date) -> dt.date:
    """Move a period's last day off a rest day to the first working day after it (民法典 art. 203)."""
    return last_day if not is_rest_day(last_day) else next_working_day(last_day)


def roll_back(day: dt.date) -> dt.date:
    """Move a backward-counted deadline to the last working day on or before it (never later)."""
    return day if not is_rest_day(day) else previous_working_day(day)


def add_days(start: dt.date, days: int) -> dt.date:
    """Count days from a start day that itself is not counted (民法典 art. 201)."""
    return start + dt.timedelta(days=days)


def add_months(start: dt.date, months: int) -> dt.date:
    """Return the corresponding day `months` later, or that month's last day if none (民法典 art. 202)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdcal.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(start.day, last))


def add_years(start: dt.date, years: int) -> dt.date:
    """Return the corresponding day `years` later (29 Feb maps to 28 Feb in common years)."""
    return add_months(start, 12 * years)
