"""Payment order and security realisation applications (fees from the calculators), and the recovery forms' wiring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from legalops.assessment import queries as assessment_queries
from legalops.assessment.calculators.base import yuan
from legalops.assessment.estimate import court_fee
from legalops.assessment.settings import AssessmentSettings
from legalops.cases.documents import FormContext, register_form_builder
from legalops.cases.documents_recovery import CaseData, build_demand_letter, build_element_complaint, finish
from legalops.cases.models import Case
from legalops.core.clock import utcnow
from legalops.core.i18n import N_

GUARANTEES = ("joint_guarantee", "general_guarantee")


def _cite(instrument: str, article: str) -> str:
    """Write a citation the way a court form does: 《…》第…条, with inner titles in 〈〉."""
    return "《" + instrument.replace("《", "〈").replace("》", "〉") + "》" + article


def fee_block(route: str, claim: Decimal, settings: AssessmentSettings) -> dict[str, Any]:
    """Return the route's court fee as the form prints it: amount, the basis in words, and the calculator's citations."""
    figure = court_fee(route, claim, settings)
    if route == "payment_order":
        basis = f"以请求给付金额{yuan(claim)}元为基数，按财产案件受理费标准的三分之一交纳"
    elif settings.security_fee_basis == "half_acceptance":
        basis = (f"以申请实现的担保债权{yuan(claim)}元为基数，按财产案件受理费标准减半交纳"
                 "（各地收取标准不一，以受理法院核定为准）")
    else:
        basis = (f"以申请实现的担保债权{yuan(claim)}元为基数，按财产案件受理费标准交纳"
                 "（各地收取标准不一，以受理法院核定为准）")
    return {"amount": figure.amount, "basis": basis,
            "citations": [_cite(c.instrument, c.article) for c in figure.citations]}


def _route_facts(session: Session, case: Case, missing: list) -> None:
    """Add to `missing` what the assessment says against a summary route (uncontested debt)."""
    assessment = assessment_queries.get_assessment(session, case)
    if assessment is None or not assessment.debt_uncontested:
        missing.append((N_("The assessment does not record the debt as uncontested: an objection or a "
                           "substantive dispute ends this procedure."), {}))


def build_payment_order(session: Session, case: Case, today: dt.date,
                        settings: AssessmentSettings | None = None) -> FormContext:
    """Build the payment order application against the borrowers, with the fee from the payment-order calculator."""
    settings = settings or AssessmentSettings()
    result = FormContext(form_key="payment_order", snapshot_at=utcnow())
    facts = CaseData(session, case, today)
    data = facts.base(result.missing)
    _route_facts(session, case, result.missing)
    assessment = assessment_queries.get_assessment(session, case)
    if assessment is not None and not assessment.debtor_reachable:
        result.missing.append((N_("The debtor cannot be served in China other than by public notice: a payment "
                                  "order is not available (民事诉讼法 art. 225)."), {}))
    if any(loan.currency != "CNY" for loan in facts.loans):
        result.missing.append((N_("A payment order here is for a claim in yuan; a loan is in another currency."), {}))
    if result.missing:
        return result
    # A payment order binds only the debtor it is issued to, never the guarantors (民诉法解释 art. 434).
    data["respondents"] = [r for r in facts.respondents if any(i["kind"] == "principal" for i in r["liabilities"])]
    for r in data["respondents"]:
        r["liabilities"] = [{"kind": "principal"}]
    data["guarantors_not_bound"] = [r["name"] for r in facts.respondents
                                    if all(i["kind"] != "principal" for i in r["liabilities"])]
    data["fee"] = fee_block("payment_order", data["amounts"]["total"], settings)
    return finish(result, data)


def build_security_realisation(session: Session, case: Case, today: dt.date,
                               settings: AssessmentSettings | None = None) -> FormContext:
    """Build the application to realise the security: one request per collateral item, against its owner."""
    settings = settings or AssessmentSettings()
    result = FormContext(form_key="security_realisation", snapshot_at=utcnow())
    facts = CaseData(session, case, today)
    data = facts.base(result.missing)
    _route_facts(session, case, result.missing)
    if not facts.collateral:
        result.missing.append((N_("The case has no collateral."), {}))
    items = facts.securities()
    for item in items:
        if not item["owner"]:
            result.missing.append((N_("The collateral %(item)s has no owner (mortgagor or pledgor)."),
                                   {"item": item["description"]}))
        if not item["certificate_number"]:
            result.missing.append((N_("The collateral %(item)s has no registration certificate number."),
                                   {"item": item["description"]}))
    if result.missing:
        return result
    owners = {item["owner"] for item in items}
    data["respondents"] = [r for r in facts.respondents if r["name"] in owners]
    data["debtor_names"] = facts.principal_names()
    data["items"], data["collateral"] = items, facts.collateral_blocks()
    secured = sum((item["registered_amount"] or Decimal("0") for item in items), Decimal("0"))
    claim = min(data["amounts"]["total"], secured) if secured else data["amounts"]["total"]
    data["fee"] = fee_block("security_realisation", claim, settings)
    return finish(result, data)


def register_recovery_builders(config: Mapping[str, Any]) -> None:
    """Register the demand letter, element-style complaint, payment order and security realisation builders."""
    settings = AssessmentSettings.from_dict(config.get("ASSESSMENT_SETTINGS"))
    register_form_builder("demand_letter", build_demand_letter)
    register_form_builder("complaint_elements", build_element_complaint)
    register_form_builder("payment_order",
                          lambda session, case, today: build_payment_order(session, case, today, settings))
    register_form_builder("security_realisation",
                          lambda session, case, today: build_security_realisation(session, case, today, settings))
