"""Enforcement commands: open, measures, leads, court receipts, 终本, resumption (执恢), closure. Flush, never commit."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from legalops.assessment.calculators import DEFAULT_SETTINGS, Settings
from legalops.audit.services import record, snapshot
from legalops.auth.models import User
from legalops.cases.models import Case, CaseParty
from legalops.core.clock import utcnow
from legalops.core.errors import Conflict, DomainError
from legalops.core.i18n import N_
from legalops.enforcement import queries
from legalops.enforcement.models import CourtReceipt, EnforcementCase, PropertyLead
from legalops.enforcement.schemas import (
    ClosureIn,
    CourtReceiptIn,
    EnforcementCaseIn,
    LeadStatusIn,
    PropertyLeadIn,
    ResumptionIn,
    TerminationIn,
)
from legalops.litigation import deadline_sync
from legalops.litigation.measures import record_measure as _record_measure
from legalops.litigation.measures import release_measure, renew_measure  # noqa: F401 - enforcement verbs too
from legalops.litigation.models import Measure
from legalops.litigation.queries import latest_judgment
from legalops.litigation.schemas import MeasureIn
from legalops.litigation.services import advance_stage


def _current(session: Session, case: Case, *states: str) -> EnforcementCase:
    current = queries.current_enforcement(session, case.id)
    if current is None or current.status not in states:
        if current is None:
            raise DomainError(N_("Open the enforcement case first."), field="__all__")
        raise Conflict(N_("The enforcement case is not in a state that allows this."), field="__all__")
    return current


def open_enforcement(session: Session, case: Case, data: EnforcementCaseIn, actor: User) -> EnforcementCase:
    """Record the application for enforcement; the case moves to enforcement and the 2-year clock is met."""
    current = queries.current_enforcement(session, case.id)
    if current is not None and current.status in ("open", "terminated"):
        raise Conflict(N_("An enforcement case is already open; resume or close it instead."), field="__all__")
    judgment = latest_judgment(session, case.id)
    item = EnforcementCase(case_id=case.id, judgment_id=judgment.id if judgment else None,
                           court_name=data.court_name, court_case_number=data.court_case_number or "",
                           judge=data.judge or "", applied_on=data.applied_on, accepted_on=data.accepted_on)
    session.add(item)
    session.flush()
    record(session, actor, "create", item, after=snapshot(item), summary=item.court_case_number)
    if judgment is not None:
        deadline_sync.close_enforcement_application(session, judgment, actor)
    advance_stage(session, case, "enforcement", actor)
    case.updated_at = utcnow()
    return item


def record_measure(session: Session, case: Case, data: MeasureIn, actor: User,
                   settings: Settings = DEFAULT_SETTINGS) -> Measure:
    """Record a freeze, seizure or attachment ordered in enforcement."""
    return _record_measure(session, case, data.model_copy(update={"phase": "enforcement"}), actor, settings)


def record_property_lead(session: Session, case: Case, data: PropertyLeadIn, actor: User) -> PropertyLead:
    """Record a lead to a debtor's asset."""
    if data.party_id is not None and session.execute(select(CaseParty.id).where(
            CaseParty.case_id == case.id, CaseParty.party_id == data.party_id)).first() is None:
        raise DomainError(N_("Choose one of the case's parties."), field="party_id")
    lead = PropertyLead(case_id=case.id, party_id=data.party_id, kind=data.kind, description=data.description,
                        identifier=data.identifier or "", source=data.source or "", status=data.status,
                        reported_on=data.reported_on)
    session.add(lead)
    session.flush()
    record(session, actor, "create", lead, after=snapshot(lead), summary=lead.description[:80])
    case.updated_at = utcnow()
    return lead


def update_lead_status(session: Session, case: Case, lead: PropertyLead, data: LeadStatusIn, actor: User) -> PropertyLead:
    """Record how far a lead has been followed."""
    if lead.status != data.status:
        before = {"status": lead.status}
        lead.status = data.status
        lead.version += 1
        record(session, actor, "update", lead, before=before, after={"status": lead.status},
               summary=lead.description[:80])
    return lead


def _post_to_ledger(session: Session, case: Case, receipt: CourtReceipt, actor: User) -> int | None:
    try:
        from legalops.ledger.services import post_recovery
    except ImportError:  # the ledger is optional: without it the receipt is our own record
        return None
    entry = post_recovery(session, case_id=case.id, amount=receipt.amount, received_on=receipt.received_on,
                          source="court_enforcement", payer=receipt.payer or case.court_name,
                          reference=receipt.reference, actor=actor)
    return entry.id


def record_court_receipt(session: Session, case: Case, data: CourtReceiptIn, actor: User) -> CourtReceipt:
    """Record enforcement money paid out by the court (执行款) and post it to the ledger."""
    current = queries.current_enforcement(session, case.id)
    receipt = CourtReceipt(case_id=case.id, enforcement_case_id=current.id if current else None, amount=data.amount,
                           received_on=data.received_on, reference=data.reference or "", payer=data.payer or "",
                           created_by_id=actor.id)
    session.add(receipt)
    session.flush()
    receipt.ledger_entry_id = _post_to_ledger(session, case, receipt, actor)
    record(session, actor, "create", receipt, after=snapshot(receipt), summary=receipt.reference)
    case.updated_at = utcnow()
    return receipt


def terminate_enforcement(session: Session, case: Case, data: TerminationIn, actor: User) -> EnforcementCase:
    """Record the ruling terminating the current procedure (终本); the case moves to terminated."""
    current = _current(session, case, "open")
    if data.terminated_on < current.applied_on:
        raise DomainError(N_("The procedure cannot end before the application."), field="terminated_on")
    before = {"status": current.status}
    current.status, current.terminated_on, current.termination_reason = "terminated", data.terminated_on, data.reason
    current.version += 1
    record(session, actor, "update", current, before=before, after={
        "status": current.status, "terminated_on": data.terminated_on.isoformat(), "reason": data.reason})
    advance_stage(session, case, "terminated", actor, reason=data.reason)
    return current


def resume_enforcement(session: Session, case: Case, data: ResumptionIn, actor: User) -> EnforcementCase:
    """Resume enforcement after 终本 (执恢) as a new procedure; re-application is not time-barred (解释 art. 517)."""
    previous = _current(session, case, "terminated")
    if data.applied_on < previous.terminated_on:
        raise DomainError(N_("Enforcement can only resume after it was terminated."), field="applied_on")
    previous.status = "resumed"
    previous.version += 1
    item = EnforcementCase(case_id=case.id, judgment_id=previous.judgment_id, court_name=previous.court_name,
                           court_case_number=data.court_case_number or "", judge=data.judge or previous.judge,
                           applied_on=data.applied_on, resumed_from_id=previous.id)
    session.add(item)
    session.flush()
    record(session, actor, "create", item, after={**snapshot(item), "reason": data.reason or ""},
           summary=item.court_case_number)
    advance_stage(session, case, "enforcement", actor, reason=data.reason or "")
    return item


def close_enforcement(session: Session, case: Case, data: ClosureIn, actor: User) -> EnforcementCase:
    """Close enforcement for good (paid, settled, or 终结执行); the case is closed."""
    current = _current(session, case, "open", "terminated")
    before = {"status": current.status}
    current.status, current.closed_on, current.closure_reason = "closed", data.closed_on, data.reason
    current.version += 1
    record(session, actor, "update", current, before=before, after={
        "status": "closed", "closed_on": data.closed_on.isoformat(), "reason": data.reason})
    advance_stage(session, case, "closed", actor, reason=data.reason)
    return current
