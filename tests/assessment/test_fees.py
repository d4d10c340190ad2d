"""Court fees against every row of legal-rules.md §1.4, plus halving, appeal and property tests."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalops.assessment.calculators import CalculatorInputError, Settings, calculate, parse_inputs
from legalops.assessment.calculators.fees import (
    ACCEPTANCE_BANDS,
    ENFORCEMENT_BANDS,
    PRESERVATION_BANDS,
    acceptance_fee_exact,
    enforcement_fee_exact,
    preservation_fee_exact,
)

# amount, acceptance exact, → cents, → yuan, halved cents, preservation, enforcement, payment order (§1.4)
TABLE = [
    ("1", "50", "50.00", "50", "25.00", "30.00", "50.00", "16.67"),
    ("1234.56", "50", "50.00", "50", "25.00", "32.35", "50.00", "16.67"),
    ("10000", "50", "50.00", "50", "25.00", "120.00", "50.00", "16.67"),
    ("10000.01", "50.00025", "50.00", "50", "25.00", "120.00", "50.00", "16.67"),
    ("50000", "1050", "1050.00", "1050", "525.00", "520.00", "650.00", "350.00"),
    ("99999.99", "2299.99975", "2300.00", "2300", "1150.00", "1020.00", "1400.00", "766.67"),
    ("100000", "2300", "2300.00", "2300", "1150.00", "1020.00", "1400.00", "766.67"),
    ("100000.01", "2300.0002", "2300.00", "2300", "1150.00", "1020.00", "1400.00", "766.67"),
    ("150000", "3300", "3300.00", "3300", "1650.00", "1270.00", "2150.00", "1100.00"),
    ("200000", "4300", "4300.00", "4300", "2150.00", "1520.00", "2900.00", "1433.33"),
    ("200000.01", "4300.00015", "4300.00", "4300", "2150.00", "1520.00", "2900.00", "1433.33"),
    ("350000", "6550", "6550.00", "6550", "3275.00", "2270.00", "5150.00", "2183.33"),
    ("500000", "8800", "8800.00", "8800", "4400.00", "3020.00", "7400.00", "2933.33"),
    ("500000.01", "8800.0001", "8800.00", "8800", "4400.00", "3020.00", "7400.00", "2933.33"),
    ("750000", "11300", "11300.00", "11300", "5650.00", "4270.00", "9900.00", "3766.67"),
    ("896000", "12760", "12760.00", "12760", "6380.00", "5000.00", "11360.00", "4253.33"),
    ("1000000", "13800", "13800.00", "13800", "6900.00", "5000.00", "12400.00", "4600.00"),
    ("1000000.01", "13800.00009", "13800.00", "13800", "6900.00", "5000.00", "12400.00", "4600.00"),
    ("1500000", "18300", "18300.00", "18300", "9150.00", "5000.00", "17400.00", "6100.00"),
    ("2000000", "22800", "22800.00", "22800", "11400.00", "5000.00", "22400.00", "7600.00"),
    ("2000000.01", "22800.00008", "22800.00", "22800", "11400.00", "5000.00", "22400.00", "7600.00"),
    ("3000000", "30800", "30800.00", "30800", "15400.00", "5000.00", "32400.00", "10266.67"),
    ("5000000", "46800", "46800.00", "46800", "23400.00", "5000.00", "52400.00", "15600.00"),
    ("5000000.01", "46800.00007", "46800.00", "46800", "23400.00", "5000.00", "52400.00", "15600.00"),
    ("8000000", "67800", "67800.00", "67800", "33900.00", "5000.00", "67400.00", "22600.00"),
    ("10000000", "81800", "81800.00", "81800", "40900.00", "5000.00", "77400.00", "27266.67"),
    ("10000000.01", "81800.00006", "81800.00", "81800", "40900.00", "5000.00", "77400.00", "27266.67"),
    ("15000000", "111800", "111800.00", "111800", "55900.00", "5000.00", "82400.00", "37266.67"),
    ("20000000", "141800", "141800.00", "141800", "70900.00", "5000.00", "87400.00", "47266.67"),
    ("20000000.01", "141800.00005", "141800.00", "141800", "70900.00", "5000.00", "87400.00", "47266.67"),
    ("50000000", "291800", "291800.00", "291800", "145900.00", "5000.00", "117400.00", "97266.67"),
    ("123456789.12", "659083.9456", "659083.95", "659084", "329541.97", "5000.00", "190856.79", "219694.65"),
    ("1000000000", "5041800", "5041800.00", "5041800", "2520900.00", "5000.00", "1067400.00", "1680600.00"),
]
YUAN = Settings(rounding="1")


def fee(name, settings=None, **inputs):
    return calculate(name, inputs, settings).outputs["fee"]


def test_table_has_all_33_rows():
    assert len(TABLE) == 33


@pytest.mark.parametrize(("amount", "exact", "cents", "yuan", "halved", "pres", "enf", "order"), TABLE)
def test_acceptance_fee_table(amount, exact, cents, yuan, halved, pres, enf, order):
    assert acceptance_fee_exact(Decimal(amount)) == Decimal(exact)
    result = calculate("acceptance-fee", {"claim_amount": amount})
    assert Decimal(result.outputs["fee_exact"]) == Decimal(exact)
    assert result.outputs["fee"] == cents
    assert Decimal(fee("acceptance-fee", YUAN, claim_amount=amount)) == Decimal(yuan)


@pytest.mark.parametrize(("amount", "exact", "cents", "yuan", "halved", "pres", "enf", "order"), TABLE)
@pytest.mark.parametrize("ground", [{"procedure": "simple"}, {"closed_by": "mediation"}, {"closed_by": "withdrawal"}])
def test_acceptance_fee_halved_table(amount, exact, cents, yuan, halved, pres, enf, order, ground):
    assert fee("acceptance-fee", claim_amount=amount, **ground) == halved


@pytest.mark.parametrize(("amount", "exact", "cents", "yuan", "halved", "pres", "enf", "order"), TABLE)
def test_application_fees_table(amount, exact, cents, yuan, halved, pres, enf, order):
    assert fee("preservation-fee", preserved_amount=amount) == pres
    assert fee("enforcement-fee", enforced_amount=amount) == enf
    assert fee("payment-order-fee", claim_amount=amount) == order


def test_regression_150000_is_3300_not_2700():
    assert fee("acceptance-fee", claim_amount="150,000") == "3300.00"
    assert acceptance_fee_exact(Decimal("150000")) == Decimal("3300")


def test_quick_formula_constants_match_the_tiered_sum():
    # fee = x·r + k inside each tier (§1.1); a sign error in k is a known public bug.
    for x, r, k in [("150000", "0.02", "300"), ("350000", "0.015", "1300"), ("750000", "0.01", "3800"),
                    ("1500000", "0.009", "4800"), ("3000000", "0.008", "6800"), ("8000000", "0.007", "11800"),
                    ("15000000", "0.006", "21800"), ("50000000", "0.005", "41800"), ("50000", "0.025", "-200")]:
        assert acceptance_fee_exact(Decimal(x)) == Decimal(x) * Decimal(r) + Decimal(k)


def test_halving_applies_once_only():
    result = calculate("acceptance-fee", {"claim_amount": "150000", "procedure": "simple", "closed_by": "mediation"})
    assert result.outputs["fee"] == "1650.00"
    assert ("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "2022修正 2022-04-10", "第二百零六条") in result.citations
    assert any("只能减半一次" in s for s in result.steps)


def test_halved_exact_keeps_all_places():
    result = calculate("acceptance-fee", {"claim_amount": "10000.01", "procedure": "simple"})
    assert result.outputs == {"fee": "25.00", "fee_exact": "25.000125"}


def test_appeal_uses_the_appealed_amount_on_the_full_schedule():
    result = calculate("acceptance-fee", {"claim_amount": "1000000", "stage": "appeal", "appealed_amount": "150000"})
    assert result.outputs["fee"] == "3300.00"
    assert any(c.article == "第十七条" for c in result.citations)
    withdrawn = calculate("acceptance-fee", {"stage": "appeal", "appealed_amount": "150000", "closed_by": "withdrawal"})
    assert withdrawn.outputs["fee"] == "1650.00"


def test_appeal_input_errors_name_the_field():
    with pytest.raises(CalculatorInputError) as info:
        calculate("acceptance-fee", {"claim_amount": "1000", "stage": "appeal"})
    assert info.value.field == "appealed_amount"
    with pytest.raises(CalculatorInputError) as info:
        calculate("acceptance-fee", {"stage": "appeal", "appealed_amount": "1000", "procedure": "simple"})
    assert info.value.field == "procedure"


def test_steps_and_citation_explain_the_fee():
    result = calculate("acceptance-fee", {"claim_amount": "150000"})
    assert result.steps[1] == "10,000 元以下部分：50 元"
    assert "超过 100,000 元至 200,000 元部分 50,000 元 × 2%：1,000 元" in result.steps
    assert result.citations[0] == ("诉讼费用交纳办法", "国务院令第481号 2007-04-01", "第十三条第（一）项")
    assert result.conventions[0].setting == "rounding" and result.conventions[0].value == "0.01"


def test_preservation_cap_is_reached_at_896000():
    assert preservation_fee_exact(Decimal("895999.99")) < Decimal("5000")
    assert preservation_fee_exact(Decimal("896000")) == Decimal("5000")
    assert preservation_fee_exact(Decimal("0")) == Decimal("30")


@pytest.mark.parametrize("bad", ["abc", "-5", "1.234", "", None])
def test_bad_money_names_the_field(bad):
    with pytest.raises(CalculatorInputError) as info:
        parse_inputs("preservation-fee", {"preserved_amount": bad})
    assert info.value.field == "preserved_amount"


def test_floats_are_refused_and_unknown_fields_named():
    with pytest.raises(CalculatorInputError, match="float") as info:
        parse_inputs("acceptance-fee", {"claim_amount": 1234.56})
    assert info.value.field == "claim_amount"
    with pytest.raises(CalculatorInputError) as info:
        parse_inputs("acceptance-fee", {"claim_amont": "1"})
    assert info.value.field == "claim_amont"
    assert parse_inputs("acceptance-fee", {"claim_amount": "1,234.56"})["claim_amount"] == Decimal("1234.56")


amounts = st.decimals(min_value=0, max_value=Decimal("2000000000"), places=2, allow_nan=False, allow_infinity=False)
EXACT_FEES = [acceptance_fee_exact, preservation_fee_exact, enforcement_fee_exact]


@given(amounts, amounts)
def test_fees_never_decrease_as_amounts_grow(a, b):
    low, high = sorted((a, b))
    for fn in EXACT_FEES:
        assert fn(low) <= fn(high)
    for name, field in [("acceptance-fee", "claim_amount"), ("payment-order-fee", "claim_amount"),
                        ("preservation-fee", "preserved_amount"), ("enforcement-fee", "enforced_amount")]:
        assert Decimal(fee(name, **{field: str(low)})) <= Decimal(fee(name, **{field: str(high)}))


EDGES = sorted({b for bands in (ACCEPTANCE_BANDS, PRESERVATION_BANDS, ENFORCEMENT_BANDS) for lo, hi, _ in bands
                for b in (lo, hi) if b is not None} | {Decimal("896000")})


@given(st.sampled_from(EDGES), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2))
def test_fees_are_continuous_at_bracket_edges(edge, delta):
    # Marginal rates never exceed 2.5%, so a step of `delta` moves the fee by at most 2.5% of it.
    for fn in EXACT_FEES:
        assert abs(fn(edge + delta) - fn(edge)) <= delta * Decimal("0.025")
        assert abs(fn(edge) - fn(edge - delta)) <= delta * Decimal("0.025")
