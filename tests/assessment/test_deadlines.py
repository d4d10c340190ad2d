"""Deadlines across weekends, State Council holidays and make-up working days."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from legalops.assessment.calculators import CalculatorInputError, Settings, calculate
from legalops.core import calendar as cal

D = dt.date


def last_day(name, settings=None, key="last_day", **inputs):
    return D.fromisoformat(calculate(name, inputs, settings).outputs[key])


# --- appeal ---------------------------------------------------------------------------------------


def test_judgment_appeal_rolls_over_spring_festival_2026():
    # served 1 Feb + 15 = 16 Feb (holiday) → first working day after the holiday, 24 Feb.
    result = calculate("appeal-deadline", {"document": "judgment", "served_on": "2026-02-01",
                                           "party_domiciled_in_china": True})
    assert result.outputs == {"last_day": "2026-02-24"}
    assert any("顺延" in s for s in result.steps)
    assert ("中华人民共和国民事诉讼法", "2023修正 2024-01-01施行", "第一百七十一条") in result.citations


def test_appeal_ending_on_a_makeup_saturday_is_not_moved():
    assert last_day("appeal-deadline", document="judgment", served_on="2026-01-30") == D(2026, 2, 14)


def test_ruling_appeal_is_ten_days_and_rolls_over_a_weekend():
    # 2025-03-05 + 10 = Saturday 15 March → Monday 17 March.
    assert last_day("appeal-deadline", document="ruling", served_on="2025-03-05") == D(2025, 3, 17)


def test_party_without_domicile_in_china_gets_thirty_days():
    result = calculate("appeal-deadline", {"document": "ruling", "served_on": "2025-09-01",
                                           "party_domiciled_in_china": "false"})
    assert result.outputs["last_day"] == "2025-10-09"  # 1 Oct + 8 days of National Day holiday
    assert any(c.article == "第二百八十六条" for c in result.citations)


def test_missing_calendar_year_names_the_input_field():
    with pytest.raises(CalculatorInputError) as info:
        calculate("appeal-deadline", {"document": "judgment", "served_on": "2027-06-01"})
    assert info.value.field == "served_on" and "2027" in info.value.message


# --- enforcement application ------------------------------------------------------------------------


def test_enforcement_application_is_two_years_rolled_forward():
    result = calculate("enforcement-application-deadline", {"last_day_of_performance_period": "2024-02-16"})
    assert result.outputs == {"last_day": "2026-02-24"}
    assert result.citations[0] == ("中华人民共和国民事诉讼法", "2023修正 2024-01-01施行", "第二百五十条")
    assert last_day("enforcement-application-deadline", last_day_of_performance_period="2024-03-11") == D(2026, 3, 11)


# --- limitation ---------------------------------------------------------------------------------------


def test_limitation_without_interruption():
    assert last_day("limitation-expiry", loan_due_date="2023-03-15") == D(2026, 3, 16)  # 15 Mar 2026 is a Sunday
    assert last_day("limitation-expiry", loan_due_date="2022-10-03") == D(2025, 10, 9)


def test_calendar_error_names_the_interruption_as_typed():
    with pytest.raises(CalculatorInputError) as info:
        calculate("limitation-expiry", {
            "loan_due_date": "2022-05-10",
            "interruptions": [{"date": "2024-02-08", "kind": "partial_payment"}, {"date": "2023-01-05", "kind": "demand"}],
        })
    assert info.value.field == "interruptions[0].date" and "2027" in info.value.message


def test_old_loan_with_a_chain_of_interruptions_needs_only_the_final_year():
    chain = ["2008-06-01", "2011-01-01", "2013-06-01", "2016-01-01", "2018-06-01", "2021-01-01", "2023-02-14"]
    result = calculate("limitation-expiry", {"loan_due_date": "2005-09-01",
                                             "interruptions": [{"date": d, "kind": "demand"} for d in chain]})
    assert result.outputs["last_day"] == "2025-09-01"  # 20-year maximum, no 2005-2023 tables needed


def test_interruption_inside_covered_years():
    result = calculate("limitation-expiry", {
        "loan_due_date": "2021-05-10",
        "interruptions": [{"date": "2023-02-17", "kind": "acknowledgement"}, {"date": "2022-01-05", "kind": "demand"}],
    })
    assert result.outputs["last_day"] == "2026-02-24"  # 17 Feb 2026 is inside the Spring Festival holiday
    assert any(c.article == "第一百九十五条" for c in result.citations)


def test_interruption_after_expiry_has_no_effect():
    plain = last_day("limitation-expiry", loan_due_date="2021-03-01")
    late = last_day("limitation-expiry", loan_due_date="2021-03-01",
                    interruptions=[{"date": "2024-06-01", "kind": "demand"}])
    assert plain == late == D(2024, 3, 1)


def test_twenty_year_maximum_caps_interruptions():
    chain = ["2008-06-01", "2011-01-01", "2013-06-01", "2016-01-01", "2018-06-01", "2021-01-01", "2023-06-01"]
    result = calculate("limitation-expiry", {"loan_due_date": "2006-03-01",
                                             "interruptions": [{"date": d, "kind": "suit"} for d in chain]})
    assert result.outputs["last_day"] == "2026-03-01"
    assert any("二十年" in s for s in result.steps)


def test_bad_interruption_kind_names_the_nested_field():
    with pytest.raises(CalculatorInputError) as info:
        calculate("limitation-expiry", {"loan_due_date": "2023-01-01",
                                        "interruptions": [{"date": "2024-01-01", "kind": "phone_call"}]})
    assert info.value.field == "interruptions[0].kind"


# --- guarantee period -----------------------------------------------------------------------------------


def test_guarantee_defaults_to_six_months_with_end_of_month_rule():
    assert last_day("guarantee-period-expiry", main_debt_due_date="2025-08-31") == D(2026, 2, 28)


def test_guarantee_period_is_not_extended_by_default():
    result = calculate("guarantee-period-expiry", {"main_debt_due_date": "2025-08-16"})
    assert result.outputs["last_day"] == "2026-02-16"  # a holiday, but art. 692 allows no extension
    assert result.conventions[0].setting == "guarantee_roll_forward" and result.conventions[0].value is False
    rolled = calculate("guarantee-period-expiry", {"main_debt_due_date": "2025-08-16"},
                       Settings(guarantee_roll_forward=True))
    assert rolled.outputs["last_day"] == "2026-02-24"


def test_agreed_guarantee_period():
    assert last_day("guarantee-period-expiry", main_debt_due_date="2024-01-31", agreed_period_months=24) == D(2026, 1, 31)


# --- preservation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("measure", "counted", "excluded"), [
    ("bank_deposit", "2026-04-14", "2026-04-15"),
    ("movables", "2027-04-14", "2027-04-15"),
    ("real_estate", "2028-04-14", "2028-04-15"),
    ("other_rights", "2028-04-14", "2028-04-15"),
])
def test_preservation_expiry_both_conventions(measure, counted, excluded):
    result = calculate("preservation-expiry", {"measure": measure, "start": "2025-04-15"})
    assert result.outputs == {"last_day": counted}
    assert result.conventions[0].setting == "preservation_start_day"
    alt = calculate("preservation-expiry", {"measure": measure, "start": "2025-04-15"},
                    Settings(preservation_start_day="excluded"))
    assert alt.outputs == {"last_day": excluded}


def test_renewal_never_rolls_forward():
    # 28 Feb - 7 = 21 Feb (holiday) → back to the make-up working Saturday 14 Feb.
    result = calculate("preservation-renewal", {"preservation_expiry": "2026-02-28"})
    assert result.outputs == {"apply_no_later_than": "2026-02-14"}
    assert last_day("preservation-renewal", key="apply_no_later_than", preservation_expiry="2026-03-20") == D(2026, 3, 13)
    assert last_day("preservation-renewal", key="apply_no_later_than", preservation_expiry="2025-10-13") == D(2025, 9, 30)


# --- properties ------------------------------------------------------------------------------------------

COVERED = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 11, 30))


@given(COVERED, st.sampled_from(["judgment", "ruling"]), st.booleans())
def test_appeal_deadline_is_a_working_day(served, document, domiciled):
    day = last_day("appeal-deadline", document=document, served_on=served.isoformat(),
                   party_domiciled_in_china=domiciled)
    assert cal.is_working_day(day) and day > served


@given(st.dates(min_value=D(2022, 1, 1), max_value=D(2024, 11, 30)))
def test_two_and_three_year_deadlines_are_working_days(start):
    for name, field, years in [("enforcement-application-deadline", "last_day_of_performance_period", 2),
                               ("limitation-expiry", "loan_due_date", 3)]:
        if cal.add_years(start, years).year > 2026:
            continue
        day = last_day(name, **{field: start.isoformat()})
        assert cal.is_working_day(day) and day >= cal.add_years(start, years)


@given(st.dates(min_value=D(2024, 1, 15), max_value=D(2026, 12, 31)))
def test_renewal_deadline_is_a_working_day_at_least_seven_days_before(expiry):
    day = last_day("preservation-renewal", key="apply_no_later_than", preservation_expiry=expiry.isoformat())
    assert cal.is_working_day(day) and (expiry - day).days >= 7


@given(st.dates(min_value=D(2023, 7, 1), max_value=D(2026, 6, 1)))
def test_rolled_guarantee_period_is_a_working_day(due):
    day = last_day("guarantee-period-expiry", Settings(guarantee_roll_forward=True), main_debt_due_date=due.isoformat())
    assert cal.is_working_day(day)


KINDS = st.sampled_from(["demand", "acknowledgement", "partial_payment", "suit", "other"])


@given(
    due=st.dates(min_value=D(2021, 1, 1), max_value=D(2023, 6, 30)),
    offsets=st.lists(st.integers(min_value=0, max_value=1200), max_size=3),
    later=st.integers(min_value=0, max_value=1200),
    kind=KINDS,
)
def test_a_later_interruption_never_shortens_the_period(due, offsets, later, kind):
    dates = [due + dt.timedelta(days=o) for o in offsets]
    extra = due + dt.timedelta(days=max(offsets + [0]) + later)
    assume(all(cal.add_years(d, 3).year <= 2026 for d in dates + [extra]))
    before = [{"date": d.isoformat(), "kind": "demand"} for d in dates]
    base = last_day("limitation-expiry", loan_due_date=due.isoformat(), interruptions=before)
    more = last_day("limitation-expiry", loan_due_date=due.isoformat(),
                    interruptions=before + [{"date": extra.isoformat(), "kind": kind}])
    assert more >= base
    assert cal.is_working_day(more)
