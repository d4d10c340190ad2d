"""Cost estimate and expected recovery, in exact Decimals, each figure with its source."""

from __future__ import annotations

from decimal import Decimal

import pytest

from legalops.assessment.estimate import EstimateInputs, FeeTerms, estimate, parse_fee_terms
from legalops.assessment.settings import AssessmentSettings

TERMS = "基础费 5,000 元/件 + 回收额 3%"


def figures(result, group="costs"):
    return {f["key"]: f for f in result[group]}


@pytest.mark.parametrize(("text", "expected"), [
    (TERMS, FeeTerms(Decimal("5000"), Decimal("0.03"), "recovery")),
    ("基础费 3,000 元/件 + 回收额 4%", FeeTerms(Decimal("3000"), Decimal("0.04"), "recovery")),
    ("5000 + 2.5%", FeeTerms(Decimal("5000"), Decimal("0.025"), "recovery")),
    ("1万元 + 标的额 1%", FeeTerms(Decimal("10000"), Decimal("0.01"), "claim")),
    ("风险代理 8％", FeeTerms(Decimal("0"), Decimal("0.08"), "recovery")),
    ("固定费用 20000 元", FeeTerms(Decimal("20000"), Decimal("0"), "recovery")),
    ("", None),
    ("按件另议", None),
])
def test_parse_fee_terms(text, expected):
    assert parse_fee_terms(text) == expected


def test_ordinary_suit_worked_example():
    result = estimate(EstimateInputs(
        claim_amount=Decimal("1000000.00"), route="ordinary", collateral_value=Decimal("1200000.00"),
        expected_round="2", prior_claims=Decimal("100000.00"), appraisal_cost=Decimal("5000.00"),
        fee_terms=TERMS))
    costs, recovery = figures(result), figures(result, "recovery")
    assert {k: v["amount"] for k, v in costs.items()} == {
        "court_fee": "13800.00",          # 交纳办法 art. 13(1) on 1,000,000
        "preservation_fee": "5000.00",    # capped
        "lawyer_fee": "30800.00",         # 5,000 + 3% × 860,000
        "enforcement_fee": "11000.00",    # 7,400 + 1% × 360,000
        "appraisal_cost": "5000.00",
        "auction_cost": "0.00",
    }
    assert {k: v["amount"] for k, v in recovery.items()} == {
        "realised": "960000.00", "after_prior": "860000.00", "gross": "860000.00"}
    assert result["total_costs"] == "65600.00"
    assert result["gross_recovery"] == "860000.00"
    assert result["net_recovery"] == "794400.00"
    assert result["recovery_ratio"] == "0.7944" and result["recovery_ratio_pct"] == "79.44%"
    assert Decimal(result["net_recovery"]) == Decimal(result["gross_recovery"]) - Decimal(result["total_costs"])
    for key in ("court_fee", "preservation_fee", "enforcement_fee", "appraisal_cost", "auction_cost"):
        assert costs[key]["citations"], key
    assert costs["lawyer_fee"]["source"] == TERMS
    assert recovery["realised"]["citations"] and recovery["realised"]["conventions"][0]["setting"] == \
        "realisation_factors"


def test_simplified_procedure_halves_the_acceptance_fee():
    result = estimate(EstimateInputs(claim_amount=Decimal("350000.00"), route="simplified"))
    assert figures(result)["court_fee"]["amount"] == "3275.00"
    assert any(c["article"] == "第十六条" for c in figures(result)["court_fee"]["citations"])


def test_payment_order_costs_a_third_and_needs_no_preservation():
    result = estimate(EstimateInputs(claim_amount=Decimal("99999.99"), route="payment_order"))
    costs = figures(result)
    assert costs["court_fee"]["amount"] == "766.67"
    assert "preservation_fee" not in costs


@pytest.mark.parametrize(("basis", "fee"), [("half_acceptance", "1650.00"), ("full_acceptance", "3300.00")])
def test_security_realisation_fee_follows_the_court_setting(basis, fee):
    result = estimate(EstimateInputs(claim_amount=Decimal("150000.00"), route="security_realisation"),
                      AssessmentSettings(security_fee_basis=basis))
    court = figures(result)["court_fee"]
    assert court["amount"] == fee
    assert {"setting": "security_fee_basis", "value": basis} == {k: court["conventions"][-1][k]
                                                                for k in ("setting", "value")}


def test_notarised_enforcement_has_no_acceptance_fee():
    result = estimate(EstimateInputs(claim_amount=Decimal("500000.00"), route="notarised_enforcement"))
    assert figures(result)["court_fee"]["amount"] == "0.00"


@pytest.mark.parametrize(("round_", "realised"), [("1", "1000000.00"), ("2", "800000.00"), ("sale", "640000.00")])
def test_realisation_factor_by_expected_round(round_, realised):
    result = estimate(EstimateInputs(claim_amount=Decimal("2000000.00"), route="ordinary",
                                     collateral_value=Decimal("1000000.00"), expected_round=round_))
    assert figures(result, "recovery")["realised"]["amount"] == realised
    assert result["gross_recovery"] == realised


def test_realisation_factors_are_settings():
    settings = AssessmentSettings.from_dict({"realisation_factors": {"1": "0.9", "2": "0.72", "sale": "0.5"}})
    result = estimate(EstimateInputs(claim_amount=Decimal("2000000.00"), route="ordinary",
                                     collateral_value=Decimal("333333.33"), expected_round="1"), settings)
    assert figures(result, "recovery")["realised"]["amount"] == "300000.00"  # 299,999.997 rounded once


def test_recovery_is_capped_at_the_claim():
    result = estimate(EstimateInputs(claim_amount=Decimal("1000000.00"), route="ordinary",
                                     collateral_value=Decimal("3000000.00")))
    assert result["gross_recovery"] == "1000000.00"


def test_prior_claims_above_the_proceeds_leave_nothing():
    result = estimate(EstimateInputs(claim_amount=Decimal("1000000.00"), route="ordinary",
                                     collateral_value=Decimal("500000.00"), prior_claims=Decimal("600000.00")))
    assert result["gross_recovery"] == "0.00"
    assert "enforcement_fee" not in figures(result)


def test_without_collateral_the_net_recovery_is_minus_the_costs():
    result = estimate(EstimateInputs(claim_amount=Decimal("100000.00"), route="ordinary",
                                     lawyer_fee=Decimal("8000.00")))
    assert result["total_costs"] == "11320.00"  # 2,300 acceptance + 1,020 preservation + 8,000 lawyer
    assert result["net_recovery"] == "-11320.00"
    assert result["recovery_ratio"] == "-0.1132"


def test_typed_lawyer_fee_wins_over_the_fee_terms():
    result = estimate(EstimateInputs(claim_amount=Decimal("100000.00"), route="ordinary",
                                     lawyer_fee=Decimal("12345.67"), fee_terms=TERMS))
    assert figures(result)["lawyer_fee"]["amount"] == "12345.67"


def test_fee_terms_on_the_claim_amount():
    result = estimate(EstimateInputs(claim_amount=Decimal("200000.00"), route="ordinary", fee_terms="2000 + 标的额 1%"))
    assert figures(result)["lawyer_fee"]["amount"] == "4000.00"


def test_every_amount_is_a_two_place_decimal_string():
    result = estimate(EstimateInputs(claim_amount=Decimal("123456.78"), route="ordinary",
                                     collateral_value=Decimal("99999.99"), expected_round="sale", fee_terms=TERMS))
    amounts = [f["amount"] for f in result["costs"] + result["recovery"]]
    amounts += [result[k] for k in ("total_costs", "gross_recovery", "net_recovery", "claim_amount")]
    for amount in amounts:
        assert Decimal(amount) == Decimal(amount).quantize(Decimal("0.01")) and "." in amount
