"""Partial-payment allocation: 民法典 art. 561 default order, agreed orders, and exact sums."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalops.assessment.calculators import CalculatorInputError, calculate

OUTSTANDING = {"expenses": "300", "interest": "500", "principal": "10,000"}


def test_default_order_is_costs_then_interest_then_principal():
    result = calculate("payment-allocation", {"payment": "1000", "outstanding": OUTSTANDING})
    assert result.outputs == {
        "to_expenses": "300.00", "to_interest": "500.00", "to_principal": "200.00",
        "remaining": {"expenses": "0.00", "interest": "0.00", "principal": "9800.00"},
    }
    assert result.citations == [("中华人民共和国民法典", "2021-01-01施行", "第五百六十一条")]
    assert any("法定顺序" in s for s in result.steps)


def test_small_payment_stops_at_costs():
    result = calculate("payment-allocation", {"payment": "120.50", "outstanding": OUTSTANDING})
    assert (result.outputs["to_expenses"], result.outputs["to_interest"], result.outputs["to_principal"]) == (
        "120.50", "0.00", "0.00")
    assert result.outputs["remaining"]["expenses"] == "179.50"


def test_agreed_order_overrides_the_default():
    result = calculate("payment-allocation", {"payment": "1000", "outstanding": OUTSTANDING,
                                              "order": ["interest", "principal", "expenses"]})
    assert (result.outputs["to_interest"], result.outputs["to_principal"], result.outputs["to_expenses"]) == (
        "500.00", "500.00", "0.00")
    assert any("约定顺序" in s for s in result.steps)
    assert calculate("payment-allocation", {"payment": "1000", "outstanding": OUTSTANDING,
                                            "order": "principal,interest,expenses"}).outputs["to_principal"] == "1000.00"


def test_missing_outstanding_part_counts_as_zero():
    result = calculate("payment-allocation", {"payment": "100", "outstanding": {"principal": "500"}})
    assert result.outputs["to_principal"] == "100.00"


@pytest.mark.parametrize(("inputs", "field"), [
    ({"payment": "20000"}, "payment"),
    ({"order": ["interest", "principal"]}, "order"),
    ({"order": ["interest", "principal", "fees"]}, "order[2]"),
    ({"outstanding": {"interest": "abc"}}, "outstanding.interest"),
    ({"outstanding": {"penalty": "1"}}, "outstanding.penalty"),
    ({"payment": None}, "payment"),
])
def test_input_errors_name_the_field(inputs, field):
    with pytest.raises(CalculatorInputError) as info:
        calculate("payment-allocation", {"payment": "100", "outstanding": OUTSTANDING, **inputs})
    assert info.value.field == field


money = st.decimals(min_value=0, max_value=Decimal("100000000"), places=2, allow_nan=False, allow_infinity=False)
ORDERS = st.permutations(["expenses", "interest", "principal"])


@given(money, money, money, st.integers(min_value=0, max_value=100), ORDERS)
def test_parts_always_sum_to_the_payment(expenses, interest, principal, share, order):
    total = expenses + interest + principal
    payment = (total * share / 100).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    out = calculate("payment-allocation", {
        "payment": str(payment), "outstanding": {"expenses": str(expenses), "interest": str(interest),
                                                 "principal": str(principal)}, "order": order}).outputs
    parts = [Decimal(out[f"to_{p}"]) for p in ("expenses", "interest", "principal")]
    assert sum(parts) == payment
    assert all(p >= 0 for p in parts)
    owed = {"expenses": expenses, "interest": interest, "principal": principal}
    for name in owed:
        assert Decimal(out[f"to_{name}"]) + Decimal(out["remaining"][name]) == owed[name]
    # Nothing goes to a later part while an earlier one is still owed.
    for earlier, later in zip(order, order[1:], strict=False):
        if Decimal(out["remaining"][earlier]) > 0:
            assert Decimal(out[f"to_{later}"]) == 0
