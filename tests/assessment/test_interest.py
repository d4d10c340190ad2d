"""Delay interest (both day-count conventions), contract interest with floating LPR, and LPR lookups."""

import datetime as dt
from decimal import Decimal

import pytest

from legalops.assessment import lpr as lpr_table
from legalops.assessment.calculators import CalculatorInputError, Settings, calculate
from legalops.assessment.calculators.interest import Rate

INCLUSIVE = Settings(delay_interest_days="inclusive")


@pytest.fixture(autouse=True)
def _fresh_lpr():
    lpr_table.reload()
    yield
    lpr_table.reload()


# --- delay interest ----------------------------------------------------------------------------------


def test_delay_interest_exclusive_default():
    result = calculate("delay-interest", {"unpaid_judgment_debt": "100,000", "performance_period_last_day": "2025-03-10",
                                          "paid_on": "2025-03-20"})
    assert result.outputs == {"days": 10, "interest": "175.00"}
    assert result.conventions[0].setting == "delay_interest_days" and result.conventions[0].value == "exclusive"
    assert any(c.article == "第二百六十四条" for c in result.citations)


def test_delay_interest_inclusive_adds_one_day():
    result = calculate("delay-interest", {"unpaid_judgment_debt": "100000", "performance_period_last_day": "2025-03-10",
                                          "paid_on": "2025-03-20"}, INCLUSIVE)
    assert result.outputs == {"days": 11, "interest": "192.50"}
    assert result.conventions[0].value == "inclusive"


def test_delay_interest_rounds_half_up_once():
    # 123,456.78 × 0.000175 × 365 = 7,885.801... → 7,885.80
    result = calculate("delay-interest", {"unpaid_judgment_debt": "123456.78", "performance_period_last_day": "2024-01-10",
                                          "paid_on": "2025-01-09"})
    assert result.outputs["days"] == 365
    assert result.outputs["interest"] == str((Decimal("123456.78") * Decimal("0.000175") * 365).quantize(Decimal("0.01")))


def test_partial_payments_each_run_to_their_own_date():
    inputs = {"unpaid_judgment_debt": "100000", "performance_period_last_day": "2025-01-01",
              "payments": [{"date": "2025-01-11", "amount": "40000"}, {"date": "2025-01-31", "amount": "60000"}]}
    # 40,000 × 10 days + 60,000 × 30 days, at 0.0175% a day = 70 + 315
    assert calculate("delay-interest", inputs).outputs == {"days": 30, "interest": "385.00"}
    # inclusive: 40,000 × 11 + 60,000 × 31 = 77 + 325.50
    assert calculate("delay-interest", inputs, INCLUSIVE).outputs == {"days": 31, "interest": "402.50"}


def test_unpaid_remainder_is_reported_in_the_steps():
    result = calculate("delay-interest", {"unpaid_judgment_debt": "100000", "performance_period_last_day": "2025-01-01",
                                          "payments": [{"date": "2025-01-11", "amount": "40000"}]})
    assert result.outputs["interest"] == "70.00"
    assert any("60,000" in s and "继续计算" in s for s in result.steps)


def test_excluded_days_and_early_payment():
    base = {"unpaid_judgment_debt": "100000", "performance_period_last_day": "2025-03-10"}
    assert calculate("delay-interest", {**base, "paid_on": "2025-03-20", "excluded_days": 4}).outputs["days"] == 6
    assert calculate("delay-interest", {**base, "paid_on": "2025-03-05"}).outputs == {"days": 0, "interest": "0.00"}


@pytest.mark.parametrize(("extra", "field"), [
    ({}, "paid_on"),
    ({"paid_on": "2025-03-20", "payments": [{"date": "2025-03-20", "amount": "1"}]}, "payments"),
    ({"payments": [{"date": "2025-03-20", "amount": "200000"}]}, "payments"),
    ({"payments": [{"date": "2025-03-20"}]}, "payments[0].amount"),
    ({"paid_on": "20/03/2025"}, "paid_on"),
])
def test_delay_interest_input_errors(extra, field):
    with pytest.raises(CalculatorInputError) as info:
        calculate("delay-interest", {"unpaid_judgment_debt": "100000", "performance_period_last_day": "2025-03-10",
                                     **extra})
    assert info.value.field == field


# --- contract interest ---------------------------------------------------------------------------------


def test_fixed_rate_full_year_both_conventions():
    inputs = {"principal": "1,000,000", "rate": "4.35%", "from": "2025-01-01", "to": "2025-12-31"}
    result = calculate("contract-interest", inputs)
    assert result.outputs["interest"] == "43500.00"
    assert result.outputs["breakdown"] == [{"from": "2025-01-01", "to": "2025-12-31", "days": 365,
                                            "annual_rate": "4.35", "interest": "43500.00"}]
    assert calculate("contract-interest", inputs, Settings(interest_inclusive=False)).outputs["interest"] == "43380.82"
    assert calculate("contract-interest", {**inputs, "basis": "360"}).outputs["interest"] == "44104.17"


def test_floating_lpr_is_split_at_each_change():
    result = calculate("contract-interest", {"principal": "1000000", "rate": "1Y LPR + 1.5%",
                                             "from": "2024-07-01", "to": "2024-12-31"})
    breakdown = result.outputs["breakdown"]
    assert [(b["from"], b["to"], b["days"], b["annual_rate"]) for b in breakdown] == [
        ("2024-07-01", "2024-07-21", 21, "4.95"),
        ("2024-07-22", "2024-10-20", 91, "4.85"),
        ("2024-10-21", "2024-12-31", 72, "4.60"),
    ]
    expected = Decimal(1000000) * (Decimal("0.0495") * 21 + Decimal("0.0485") * 91 + Decimal("0.046") * 72) / 365
    assert result.outputs["interest"] == str(expected.quantize(Decimal("0.01"))) == "24013.70"
    assert any("LPR" in c.instrument for c in result.citations)


def test_unchanged_publications_do_not_split_the_period():
    result = calculate("contract-interest", {"principal": "100000", "rate": "5Y LPR", "from": "2025-06-01",
                                             "to": "2025-12-31"})
    assert len(result.outputs["breakdown"]) == 1
    assert result.outputs["breakdown"][0]["annual_rate"] == "3.50"


@pytest.mark.parametrize(("text", "day", "percent"), [
    ("4.35%", dt.date(2024, 1, 1), "4.35"),
    ("1Y LPR", dt.date(2024, 7, 22), "3.35"),
    ("5y lpr + 1.5%", dt.date(2024, 7, 22), "5.35"),
    ("1Y LPR - 50bp", dt.date(2024, 7, 22), "2.85"),
    ("1Y LPR * 1.5", dt.date(2024, 7, 22), "5.025"),
    ("4.35% × 1.5", dt.date(2024, 7, 22), "6.525"),
])
def test_rate_grammar(text, day, percent):
    assert Rate(text).percent_on(day) == Decimal(percent)


@pytest.mark.parametrize(("inputs", "field"), [
    ({"rate": "LPR"}, "rate"),
    ({"rate": "4.35"}, "rate"),
    ({"to": "2024-12-01", "from": "2025-01-01"}, "to"),
    ({"rate": "1Y LPR", "from": "2019-08-01"}, "from"),
    ({"basis": "366"}, "basis"),
])
def test_contract_interest_input_errors(inputs, field):
    base = {"principal": "1000", "rate": "4%", "from": "2025-01-01", "to": "2025-02-01"}
    with pytest.raises(CalculatorInputError) as info:
        calculate("contract-interest", {**base, **inputs})
    assert info.value.field == field


# --- LPR ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "one", "five"), [
    ("2019-08-20", "4.25", "4.85"),
    ("2021-02-19", "3.85", "4.65"),
    ("2021-12-20", "3.80", "4.65"),
    ("2022-05-19", "3.70", "4.60"),
    ("2022-05-20", "3.70", "4.45"),
    ("2024-07-21", "3.45", "3.95"),
    ("2024-07-22", "3.35", "3.85"),
    ("2025-05-20", "3.00", "3.50"),
])
def test_lpr_floor_lookup(day, one, five):
    assert calculate("lpr", {"date": day}).outputs == {"lpr_1y": one, "lpr_5y": five}


def test_lpr_table_is_complete_and_ordered():
    quotes = lpr_table.quotes()
    assert len(quotes) == 78
    assert quotes[0].published == dt.date(2019, 8, 20) and quotes[-1].published == dt.date(2026, 1, 20)


def test_lpr_before_the_reform_is_a_clear_error():
    with pytest.raises(CalculatorInputError) as info:
        calculate("lpr", {"date": "2019-08-19"})
    assert info.value.field == "date" and "2019-08-20" in info.value.message


def test_stale_table_is_flagged():
    result = calculate("lpr", {"date": "2026-11-23"})
    assert result.outputs["lpr_1y"] == "3.00"
    assert any("尚未录入" in s for s in result.steps)


def test_env_file_extends_and_corrects_the_table(tmp_path, monkeypatch):
    extra = tmp_path / "lpr.csv"
    extra.write_text("published,lpr_1y,lpr_5y\n2026-02-24,2.90,3.40\n", encoding="utf-8")
    monkeypatch.setenv(lpr_table.ENV_FILE, str(extra))
    assert calculate("lpr", {"date": "2026-03-01"}).outputs == {"lpr_1y": "2.90", "lpr_5y": "3.40"}
    assert calculate("lpr", {"date": "2026-02-23"}).outputs == {"lpr_1y": "3.00", "lpr_5y": "3.50"}
