"""Route rules: each procedure fits or not for stated reasons, and the fastest that fits is recommended."""

from __future__ import annotations

from decimal import Decimal

import pytest

from legalops.assessment.routes import ROUTES, RouteFacts, recommend
from legalops.assessment.settings import AssessmentSettings

BASE = dict(claim_amount=Decimal("500000.00"), has_registered_collateral=False, notarised_contract=False,
            debt_uncontested=False, debtor_reachable=True, evidence_complete=True)


def run(**changes):
    result = recommend(RouteFacts(**{**BASE, **changes}))
    return result, {o["key"]: o for o in result["options"]}


@pytest.mark.parametrize(("changes", "expected"), [
    ({"notarised_contract": True, "has_registered_collateral": True, "debt_uncontested": True},
     "notarised_enforcement"),
    ({"has_registered_collateral": True, "debt_uncontested": True}, "security_realisation"),
    ({"debt_uncontested": True}, "payment_order"),
    ({}, "simplified"),
    ({"claim_amount": Decimal("1000000.01")}, "ordinary"),
    ({"evidence_complete": False}, "ordinary"),
    ({"debtor_reachable": False, "debt_uncontested": True}, "ordinary"),
    ({"has_registered_collateral": True}, "simplified"),
])
def test_recommended_route(changes, expected):
    assert run(**changes)[0]["recommended"] == expected


def test_every_route_gives_reasons_and_citations():
    result, options = run()
    assert list(options) == list(ROUTES)
    for option in options.values():
        assert option["reasons"] and option["citations"]
        assert all(c["instrument"] and c["version"] and c["article"] for c in option["citations"])


def test_contested_debt_rules_out_security_realisation_and_payment_order_with_the_reason():
    _, options = run(has_registered_collateral=True)
    assert not options["security_realisation"]["suitable"]
    assert "substantive dispute" in options["security_realisation"]["reasons"][0]["msg"]
    assert not options["payment_order"]["suitable"]
    assert options["ordinary"]["suitable"]


def test_unreachable_debtor_rules_out_payment_order_and_simplified_procedure():
    _, options = run(debt_uncontested=True, debtor_reachable=False)
    assert not options["payment_order"]["suitable"] and not options["simplified"]["suitable"]
    assert any("public notice" in r["msg"] for r in options["payment_order"]["reasons"])
    assert any(c["article"] == "第一百四十条" for c in options["simplified"]["citations"])


def test_no_registered_collateral_is_the_reason_security_realisation_does_not_fit():
    _, options = run(debt_uncontested=True)
    assert options["security_realisation"]["reasons"][0]["msg"] == "No registered collateral is recorded."


def test_simplified_ceiling_is_a_setting_and_named_in_the_reason():
    result = recommend(RouteFacts(**BASE), AssessmentSettings(simple_procedure_ceiling=Decimal("300000")))
    simplified = next(o for o in result["options"] if o["key"] == "simplified")
    assert not simplified["suitable"]
    assert simplified["reasons"][0]["params"] == {"amount": "500,000.00", "ceiling": "300,000.00"}


def test_dead_claims_raise_a_warning():
    result = recommend(RouteFacts(**BASE, claim_alive=False))
    assert result["warnings"] and result["warning_citations"][0]["article"] == "第一百九十二条"
    assert not recommend(RouteFacts(**BASE))["warnings"]
