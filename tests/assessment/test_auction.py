"""Auction floors: reserve minimums, deposit ranges and announcement dates (legal-rules.md §4.1/§4.2)."""

from datetime import date

import pytest

from legalops.assessment.calculators import CalculatorInputError, Settings, calculate
from legalops.core import calendar as cal


def floors(**inputs):
    return calculate("auction-floors", inputs).outputs


def test_online_first_round_real_estate():
    out = floors(mode="online", asset="real_estate", round=1, reference_price="1,000,000", auction_start="2026-06-30")
    assert out == {"min_reserve": "700000.00", "deposit_min": "35000.00", "deposit_max": "140000.00",
                   "publish_no_later_than": "2026-05-29"}  # 30 days before 30 June is Sunday 31 May → Friday 29 May


def test_online_first_round_over_spring_festival_rolls_back_to_the_makeup_saturday():
    out = floors(mode="online", asset="real_estate", round=1, reference_price="500000", auction_start="2026-03-20")
    # 20 Mar - 30 days = 18 Feb, inside the holiday; moved earlier, never later.
    assert out["publish_no_later_than"] == "2026-02-14"
    assert cal.is_working_day(date(2026, 2, 14))


def test_online_movable_notice_periods():
    assert floors(mode="online", asset="movable", round=1, reference_price="10000",
                  auction_start="2025-07-16")["publish_no_later_than"] == "2025-07-01"
    assert floors(mode="online", asset="movable", round=2, previous_reserve="7000",
                  auction_start="2025-07-16")["publish_no_later_than"] == "2025-07-09"


def test_online_second_round_may_drop_twenty_percent():
    out = floors(mode="online", asset="real_estate", round=2, previous_reserve="700000")
    assert out == {"min_reserve": "560000.00", "deposit_min": "28000.00", "deposit_max": "112000.00",
                   "publish_no_later_than": None}


def test_floor_is_rounded_up_and_cap_down():
    out = floors(mode="online", asset="movable", round=1, reference_price="100.01")
    assert out["min_reserve"] == "70.01"  # 70.007 rounded up, never below 70%
    assert out["deposit_max"] == "14.00"  # 14.002 rounded down, never above 20%
    yuan = calculate("auction-floors", {"mode": "online", "asset": "movable", "round": 1,
                                        "reference_price": "100.01"}, Settings(rounding="1"))
    assert yuan.outputs["min_reserve"] == "71.00"


def test_commissioned_auction_reserve_is_the_appraisal_price():
    out = floors(mode="commissioned", asset="real_estate", round=1, reference_price="800000",
                 auction_start="2025-05-20")
    assert out == {"min_reserve": "800000.00", "deposit_min": "40000.00", "deposit_max": None,
                   "publish_no_later_than": "2025-04-30"}  # 20 May - 15 days = 5 May, a holiday → 30 Apr
    result = calculate("auction-floors", {"mode": "commissioned", "asset": "real_estate", "round": 3,
                                          "previous_reserve": "640000", "reference_price": "800000"})
    assert result.outputs["min_reserve"] == "512000.00"
    assert result.outputs["deposit_min"] == "40000.00"
    assert any(c.article == "第五条" for c in result.citations)


def test_commissioned_later_round_without_appraisal_has_no_deposit_floor():
    out = floors(mode="commissioned", asset="movable", round=2, previous_reserve="10000", auction_start="2025-06-20")
    assert out["deposit_min"] is None and out["min_reserve"] == "8000.00"
    assert out["publish_no_later_than"] == "2025-06-13"


@pytest.mark.parametrize(("inputs", "field"), [
    ({"mode": "online", "asset": "real_estate", "round": 3, "previous_reserve": "1"}, "round"),
    ({"mode": "commissioned", "asset": "movable", "round": 3, "previous_reserve": "1"}, "round"),
    ({"mode": "commissioned", "asset": "real_estate", "round": 4, "previous_reserve": "1"}, "round"),
    ({"mode": "online", "asset": "real_estate", "round": 0, "reference_price": "1"}, "round"),
    ({"mode": "online", "asset": "real_estate", "round": 1}, "reference_price"),
    ({"mode": "online", "asset": "real_estate", "round": 2, "reference_price": "1"}, "previous_reserve"),
    ({"mode": "online", "asset": "ship", "round": 1, "reference_price": "1"}, "asset"),
    ({"mode": "online", "asset": "movable", "round": "1.5", "reference_price": "1"}, "round"),
    ({"mode": "online", "asset": "movable", "round": 1, "reference_price": "1", "auction_start": "2027-03-01"},
     "auction_start"),
])
def test_input_errors_name_the_field(inputs, field):
    with pytest.raises(CalculatorInputError) as info:
        calculate("auction-floors", inputs)
    assert info.value.field == field
