"""Claim status per debtor: limitation and guarantee periods across real dates, flagged red / amber / green."""

from __future__ import annotations

import datetime as dt

import pytest

from legalops.assessment.claims import Debtor, Event, claim_statuses, due_date, flag_for
from legalops.assessment.settings import AssessmentSettings

D = dt.date
BORROWER = Debtor(1, "借款人甲", "borrower")
CO_BORROWER = Debtor(2, "共同借款人乙", "co_borrower")
JOINT = Debtor(3, "连带保证人丙", "joint_guarantor")
GENERAL = Debtor(4, "一般保证人丁", "general_guarantor")
MORTGAGOR = Debtor(5, "抵押人戊", "mortgagor")


def one(debtor, events, maturity, today, **settings):
    return claim_statuses([BORROWER, debtor] if debtor is not BORROWER else [BORROWER], events, [maturity], today,
                          AssessmentSettings(**settings))[-1]


def articles(status):
    return {c.article for c in status.citations}


@pytest.mark.parametrize(("today", "flag", "days_left"), [
    (D(2026, 1, 10), "green", 171),
    (D(2026, 4, 1), "amber", 90),   # exactly the amber threshold
    (D(2026, 3, 31), "green", 91),
    (D(2026, 6, 30), "amber", 0),   # the last day itself is still in time
    (D(2026, 7, 1), "red", -1),
])
def test_borrower_limitation_flags_around_the_three_year_expiry(today, flag, days_left):
    status = one(BORROWER, [], D(2023, 6, 30), today)
    assert status.last_day == D(2026, 6, 30)
    assert (status.flag, status.days_left) == (flag, days_left)
    assert "第一百八十八条" in articles(status)
    assert status.steps and status.conventions[0].setting == "limitation_day_zero"


def test_amber_window_is_a_setting():
    assert one(BORROWER, [], D(2023, 6, 30), D(2026, 1, 10), amber_days=180).flag == "amber"


def test_expiry_on_national_day_rolls_to_the_next_working_day():
    status = one(BORROWER, [], D(2023, 10, 1), D(2026, 9, 1))
    assert status.last_day == D(2026, 10, 8)
    assert any("顺延" in step for step in status.steps)


def test_a_demand_within_the_period_restarts_it():
    status = one(BORROWER, [Event("demand", D(2023, 1, 16), BORROWER.id)], D(2022, 6, 30), D(2025, 12, 1))
    assert status.last_day == D(2026, 1, 16)
    assert status.flag == "amber"
    assert {"第一百九十五条", "第八条"} <= articles(status)


def test_a_demand_after_expiry_does_not_revive_the_claim():
    status = one(BORROWER, [Event("demand", D(2024, 6, 1), BORROWER.id)], D(2021, 1, 4), D(2025, 1, 1))
    assert status.last_day == D(2024, 1, 4)
    assert status.flag == "red"
    assert status.reasons[-1]["params"] == {"day": "2024-01-04"}


def test_part_payment_and_acknowledgement_interrupt_too():
    events = [Event("payment", D(2021, 5, 10), None), Event("acknowledgement", D(2023, 2, 20), BORROWER.id)]
    # Three years from the acknowledgement is 2026-02-20, inside the Spring Festival holiday (15-23 Feb).
    assert one(BORROWER, events, D(2020, 12, 31), D(2025, 1, 1)).last_day == D(2026, 2, 24)


def test_interruption_against_a_co_borrower_binds_the_borrower():
    statuses = claim_statuses([BORROWER, CO_BORROWER], [Event("demand", D(2023, 1, 16), CO_BORROWER.id)],
                              [D(2022, 6, 30)], D(2025, 1, 1))
    assert [s.last_day for s in statuses] == [D(2026, 1, 16)] * 2
    assert "第十五条" in articles(statuses[0])


def test_a_missing_holiday_year_gives_the_conservative_unrolled_date():
    status = one(BORROWER, [], D(2027, 5, 1), D(2026, 1, 1))
    assert status.last_day == D(2030, 5, 1)
    assert status.flag == "green"
    assert status.conventions[0].setting == "holiday_calendar" and "2030" in status.conventions[0].note
    # The note is for users: no file paths or JSON keys of the holiday table.
    assert "makeup_workdays" not in status.conventions[0].note and ".json" not in status.conventions[0].note


def test_no_due_date_cannot_be_computed_safely():
    status = claim_statuses([BORROWER], [], [None], D(2026, 1, 1))[0]
    assert status.flag == "red" and status.last_day is None


def test_a_due_date_event_overrides_the_loan_maturity():
    assert due_date([Event("due_date", D(2024, 3, 1))], [D(2025, 1, 1)]) == D(2024, 3, 1)
    assert due_date([], [D(2024, 1, 1), None, D(2025, 1, 1)]) == D(2025, 1, 1)


def test_mortgagor_follows_the_main_claim_limitation():
    status = one(MORTGAGOR, [], D(2023, 6, 30), D(2026, 1, 10))
    assert status.last_day == D(2026, 6, 30)
    assert "第四百一十九条" in articles(status)


# --- guarantors -----------------------------------------------------------------------------------


def test_joint_guarantor_without_demand_is_flagged_on_the_six_month_period():
    status = one(JOINT, [], D(2025, 9, 30), D(2026, 1, 15))
    assert status.last_day == D(2026, 3, 30)
    assert status.flag == "amber" and status.days_left == 74
    assert {"第六百九十二条", "第六百九十三条", "第三十二条"} <= articles(status)
    assert "Demand payment from the guarantor" in status.reasons[0]["msg"]


def test_joint_guarantor_released_when_no_demand_was_made_in_time():
    status = one(JOINT, [Event("suit", D(2023, 6, 1), BORROWER.id)], D(2023, 1, 10), D(2026, 1, 1))
    # Suing the borrower does not preserve a joint-liability guarantee: the guarantor must be asked.
    assert status.last_day == D(2023, 7, 10) and status.flag == "red"
    assert "released" in status.reasons[0]["msg"]


def test_joint_guarantor_demanded_in_time_runs_its_own_limitation_from_the_demand():
    status = one(JOINT, [Event("demand", D(2023, 5, 4), JOINT.id)], D(2023, 1, 10), D(2026, 3, 1))
    # 2026-05-04 falls in the Labour Day holiday (1-5 May 2026), so the period ends on 6 May.
    assert status.last_day == D(2026, 5, 6)
    assert status.flag == "amber"
    assert status.basis == "Guarantor's limitation period"
    assert "第六百九十四条" in articles(status)


def test_joint_guarantor_demand_after_the_guarantee_period_is_too_late():
    status = one(JOINT, [Event("demand", D(2023, 8, 1), JOINT.id)], D(2023, 1, 10), D(2024, 1, 1))
    assert status.last_day == D(2023, 7, 10) and status.flag == "red"


def test_general_guarantor_is_released_if_only_the_guarantor_was_asked():
    status = one(GENERAL, [Event("demand", D(2023, 3, 1), GENERAL.id)], D(2023, 1, 10), D(2026, 1, 1))
    assert status.last_day == D(2023, 7, 10) and status.flag == "red"
    assert "no suit against the debtor" in status.reasons[0]["msg"]


def test_general_guarantor_is_kept_by_a_suit_against_the_debtor_in_time():
    status = one(GENERAL, [Event("suit", D(2023, 6, 1), BORROWER.id)], D(2023, 1, 10), D(2026, 1, 1))
    assert status.flag == "green"
    assert status.reasons[0]["params"] == {"act": "2023-06-01", "day": "2023-07-10"}


def test_general_guarantor_before_the_deadline_is_told_to_sue_the_debtor():
    status = one(Debtor(4, "丁", "general_guarantor", 12), [], D(2025, 3, 31), D(2026, 1, 1))
    assert status.last_day == D(2026, 3, 31)  # agreed 12 months
    assert status.flag == "amber"
    assert "Sue the debtor" in status.reasons[0]["msg"]


@pytest.mark.parametrize(("last", "today", "expected"), [
    (None, D(2026, 1, 1), "red"),
    (D(2026, 1, 1), D(2026, 1, 2), "red"),
    (D(2026, 1, 1), D(2026, 1, 1), "amber"),
    (D(2026, 4, 1), D(2026, 1, 1), "amber"),
    (D(2026, 4, 2), D(2026, 1, 1), "green"),
])
def test_flag_thresholds(last, today, expected):
    assert flag_for(last, today, 90) == expected
