"""Chinese working-day calendar: table data, rest days, roll-forward and period arithmetic."""

import datetime as dt
import json

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalops.core import calendar as cal

D = dt.date


@pytest.fixture(autouse=True)
def _fresh_tables():
    cal.reload()
    yield
    cal.reload()


@pytest.mark.parametrize("year", range(2019, 2027))
def test_table_agrees_with_chinese_calendar_package_every_day(year):
    day, mismatches = D(year, 1, 1), []
    while day.year == year:
        if cal.is_working_day(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize("year", range(2019, 2027))
def test_year_files_cite_a_source_and_swap_only_weekend_days(year):
    table = cal.year_calendar(year)
    assert "国务院" in table.source
    assert all(d.weekday() >= 5 for d in table.makeup_workdays)
    assert all(d.year == year for d in table.holidays)


@pytest.mark.parametrize(
    ("day", "rest"),
    [
        (D(2026, 2, 13), False),  # Friday before Spring Festival
        (D(2026, 2, 14), False),  # make-up working Saturday
        (D(2026, 2, 15), True),  # Sunday, first holiday
        (D(2026, 2, 18), True),  # Wednesday inside the holiday
        (D(2026, 2, 23), True),  # Monday, last holiday
        (D(2026, 2, 24), False),
        (D(2026, 2, 28), False),  # make-up working Saturday
        (D(2026, 3, 1), True),  # ordinary Sunday
        (D(2025, 1, 26), False),  # make-up working Sunday
        (D(2025, 10, 8), True),  # Wednesday holiday
        (D(2024, 2, 18), False),  # make-up working Sunday
        (D(2024, 6, 10), True),  # Dragon Boat Monday
    ],
)
def test_rest_days(day, rest):
    assert cal.is_rest_day(day) is rest


def test_next_working_day_and_roll_forward_over_spring_festival_2026():
    assert cal.next_working_day(D(2026, 2, 13)) == D(2026, 2, 14)
    assert cal.next_working_day(D(2026, 2, 14)) == D(2026, 2, 24)
    assert cal.roll_forward(D(2026, 2, 16)) == D(2026, 2, 24)
    assert cal.roll_forward(D(2026, 2, 14)) == D(2026, 2, 14)
    assert cal.roll_forward(D(2026, 3, 1)) == D(2026, 3, 2)


def test_roll_back_never_moves_later():
    assert cal.roll_back(D(2026, 2, 21)) == D(2026, 2, 14)
    assert cal.previous_working_day(D(2026, 2, 24)) == D(2026, 2, 14)
    assert cal.roll_back(D(2026, 3, 13)) == D(2026, 3, 13)


def test_roll_forward_crosses_the_year_end():
    assert cal.roll_forward(D(2024, 12, 31)) == D(2024, 12, 31)
    assert cal.next_working_day(D(2025, 12, 31)) == D(2026, 1, 4)  # 1-3 Jan holiday, 4 Jan is a make-up Sunday
    assert cal.is_working_day(D(2026, 1, 4))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # 民法典 art. 202: no 31 Feb → month end
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2025, 3, 15), 3, D(2025, 6, 15)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
    ],
)
def test_add_months_end_of_month_rule(start, months, expected):
    assert cal.add_months(start, months) == expected


def test_add_years_and_days():
    assert cal.add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert cal.add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert cal.add_days(D(2026, 2, 1), 15) == D(2026, 2, 16)


def test_missing_year_is_a_clear_error():
    with pytest.raises(cal.CalendarYearMissing) as info:
        cal.is_rest_day(D(2027, 3, 1))
    message = str(info.value)
    assert info.value.year == 2027
    assert "2027.json" in message and "LEGALOPS_CALENDAR_DIR" in message
    with pytest.raises(cal.CalendarYearMissing):
        cal.roll_forward(D(2018, 12, 29))


def test_extra_directory_adds_a_year(tmp_path, monkeypatch):
    (tmp_path / "2027.json").write_text(
        json.dumps({"year": 2027, "source": "测试用国务院通知", "holidays": ["2027-01-01"], "makeup_workdays": []}),
        encoding="utf-8",
    )
    monkeypatch.setenv(cal.ENV_DIR, str(tmp_path))
    assert cal.is_rest_day(D(2027, 1, 1))
    assert not cal.is_rest_day(D(2027, 1, 4))
    assert 2027 in cal.covered_years() and 2026 in cal.covered_years()


def test_malformed_extra_file_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "2027.json").write_text(
        json.dumps({"year": 2027, "source": "x", "holidays": [], "makeup_workdays": ["2027-01-04"]}),
        encoding="utf-8",
    )
    monkeypatch.setenv(cal.ENV_DIR, str(tmp_path))
    with pytest.raises(cal.CalendarDataError, match="weekend"):
        cal.covered_years()


@given(st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 1)))
def test_roll_forward_lands_on_a_working_day_not_before_the_input(day):
    rolled = cal.roll_forward(day)
    assert rolled >= day and cal.is_working_day(rolled)
    assert all(cal.is_rest_day(day + dt.timedelta(days=i)) for i in range((rolled - day).days))
