"""Put the assessment together from the case's records: claims, evidence, route and estimate, JSON-ready."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from legalops.assessment import queries
from legalops.assessment.claims import Debtor, Event, claim_statuses, delivered_demands, due_date
from legalops.assessment.estimate import EstimateInputs, estimate
from legalops.assessment.evidence import applicable_kinds, is_complete, summarise
from legalops.assessment.models import Assessment
from legalops.assessment.routes import RouteFacts, recommend
from legalops.assessment.settings import AssessmentSettings
from legalops.auth.models import Firm
from legalops.cases.demands import list_deliveries
from legalops.cases.models import Case
from legalops.cases.queries import list_collateral, list_debtors, list_loans
from legalops.disposal.queries import case_reference_value

ZERO = Decimal("0.00")
GUARANTOR_ROLES = ("general_guarantor", "joint_guarantor")


def outstanding_total(loans) -> Decimal:
    """Return the loans' outstanding principal, interest and penalty together."""
    return sum((loan.outstanding_principal + loan.outstanding_interest + loan.outstanding_penalty for loan in loans),
               ZERO)


def build_findings(session: Session, case: Case, assessment: Assessment | None, today: dt.date,
                   settings: AssessmentSettings | None = None) -> dict[str, Any]:
    """Compute every finding of the assessment as of `today` (plain data, ready to show or to freeze)."""
    settings = settings or AssessmentSettings()
    facts = assessment or Assessment(case_id=case.id)
    links = list_debtors(session, case)
    loans = list_loans(session, case)
    collateral = list_collateral(session, case)
    events = [Event(e.kind, e.occurred_on, e.debtor_id) for e in queries.list_events(session, case)]
    events += delivered_demands([(d.delivered_on, d.party_id) for d, _ in list_deliveries(session, case)],
                                [(link.id, link.party_id) for link, _ in links])
    debtors = [Debtor(link.id, party.name, link.role, link.guarantee_period_months) for link, party in links]
    maturities = [loan.maturity_date for loan in loans]
    statuses = claim_statuses(debtors, events, maturities, today, settings)

    applicable = applicable_kinds(any(d.role in GUARANTOR_ROLES for d in debtors), bool(collateral))
    lines = queries.list_evidence(session, assessment)
    evidence_status = {kind: line.status for kind, line in lines.items()}
    complete = is_complete(evidence_status, applicable)

    claim = facts.claim_amount if facts.claim_amount is not None else outstanding_total(loans)
    registered = [c for c in collateral if c.registered_amount or c.certificate_number]
    value, proxy = facts.collateral_value, False
    # Valid reference prices fixed in disposal beat counsel's estimate and the registered amounts.
    reference = case_reference_value(session, case, today)
    if reference is not None:
        value = reference.total
    elif value is None and registered:
        value, proxy = sum((c.registered_amount or ZERO for c in registered), ZERO), True
    alive = any(s.flag != "red" for s in statuses if s.role not in GUARANTOR_ROLES)
    route_facts = RouteFacts(claim, bool(registered), facts.notarised_contract, facts.debt_uncontested,
                             facts.debtor_reachable, complete, alive)
    routes = recommend(route_facts, settings)
    firm = session.get(Firm, case.firm_id) if case.firm_id else None
    figures = estimate(EstimateInputs(
        claim_amount=claim, route=routes["recommended"], collateral_value=value, collateral_value_is_proxy=proxy,
        collateral_value_steps=reference.steps() if reference else (),
        collateral_value_citations=reference.citations() if reference else (),
        expected_round=facts.expected_round, prior_claims=facts.prior_claims or ZERO,
        appraisal_cost=facts.appraisal_cost or ZERO, auction_cost=facts.auction_cost or ZERO,
        lawyer_fee=facts.lawyer_fee, fee_terms=firm.fee_terms if firm else ""), settings)
    due = due_date(events, maturities)
    return {
        "as_of": today.isoformat(),
        "due_date": due.isoformat() if due else None,
        "amber_days": settings.amber_days,
        "claims": [s.to_dict() for s in statuses],
        "flags": {flag: sum(1 for s in statuses if s.flag == flag) for flag in ("red", "amber", "green")},
        "evidence": {"applicable": applicable, "status": evidence_status, "complete": complete,
                     "groups": summarise(evidence_status, applicable)},
        "routes": routes,
        "estimate": figures,
        "firm": {"name": firm.name, "fee_terms": firm.fee_terms} if firm else None,
    }
