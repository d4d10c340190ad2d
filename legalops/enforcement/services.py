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
from legalops.ledger.services import post_recovery
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


def _lock_case(session: Session, case: Case) -> None:
    # Serialise receipts on one case, so two submissions of one reference cannot both pass the check below.
    session.execute(select(Case.id).where(Case.id == case.id).with_for_update())


def record_court_receipt(session: Session, case: Case, data: CourtReceiptIn, actor: User) -> CourtReceipt:
    """Record enforcement money paid out by the court (执行款) and post it to the ledger, once per reference.

    Submitting the same reference again with the same amount and date returns the receipt already recorded
    (a double click or a firm reporting what counsel entered); with other figures it is a conflict, to be
    corrected by reversing the first receipt's ledger entry.
    """
    reference, payer = (data.reference or "").strip(), (data.payer or "").strip()
    _lock_case(session, case)
    if reference:
        standing = queries.get_standing_receipt(session, case.id, reference)
        if standing is not None:
            if (standing.amount, standing.received_on) == (data.amount, data.received_on):
                return standing
            # Same msgid as disposal's receipts: the Chinese says "this money", which fits court payouts too.
            raise Conflict(N_("These proceeds are already in the ledger (reference %(reference)s); reverse that entry "
                              "first to correct it."), field="reference", reference=reference)
    current = queries.current_enforcement(session, case.id)
    receipt = CourtReceipt(case_id=case.id, enforcement_case_id=current.id if current else None, amount=data.amount,
                           received_on=data.received_on, reference=reference, payer=payer, created_by_id=actor.id)
    session.add(receipt)
    session.flush()
    entry = post_recovery(session, case_id=case.id, amount=receipt.amount, received_on=receipt.received_on,
                          source="court_enforcement", payer=payer or case.court_name, reference=reference, actor=actor)
    receipt.ledger_entry_id = entry.id
    record(session, actor, "create", receipt, after=snapshot(receipt), summary=reference)
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
