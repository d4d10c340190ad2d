"""Assessment commands: start, record facts, evidence and events, submit, decide go / no-go. Flush, never commit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from legalops.assessment.evidence import EVIDENCE_KINDS
from legalops.assessment.models import (
    Assessment,
    AssessmentDecision,
    AssessmentStatus,
    CaseEvent,
    EvidenceItem,
)
from legalops.assessment.policies import can_decide_assessment, can_prepare_assessment
from legalops.assessment.queries import get_assessment, list_evidence
from legalops.assessment.schemas import DecisionIn, EventIn, EvidenceLineIn, FactsIn
from legalops.audit.services import diff, record, snapshot
from legalops.auth.models import User
from legalops.cases import services as case_services
from legalops.cases.models import Case, CaseParty, Stage
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError
from legalops.core.i18n import N_

ST = AssessmentStatus
_FACT_FIELDS = ("claim_amount", "notarised_contract", "debt_uncontested", "debtor_reachable", "collateral_value",
                "expected_round", "prior_claims", "appraisal_cost", "auction_cost", "lawyer_fee", "summary")
_DEFAULTS = {"prior_claims": Decimal("0"), "appraisal_cost": Decimal("0"), "auction_cost": Decimal("0"), "summary": ""}


def _require(allowed: bool) -> None:
    if not allowed:
        raise DomainError(N_("You may not change this assessment."))


def start_assessment(session: Session, case: Case, actor: User) -> Assessment:
    """Return the case's assessment, creating it (with an all-missing checklist) on first use."""
    assessment = get_assessment(session, case)
    if assessment is not None:
        return assessment
    _require(can_prepare_assessment(actor))
    assessment = Assessment(case_id=case.id)
    session.add(assessment)
    session.flush()
    for kind in EVIDENCE_KINDS:
        session.add(EvidenceItem(assessment_id=assessment.id, case_id=case.id, kind=kind))
    session.flush()
    record(session, actor, "create", assessment, after=snapshot(assessment))
    return assessment


def _editable(session: Session, assessment: Assessment, actor: User) -> None:
    """Refuse edits to a decided go; edits to a submitted or refused assessment send it back to draft."""
    _require(can_prepare_assessment(actor))
    if assessment.status == ST.go:
        raise DomainError(N_("The assessment was approved; it can no longer be changed."))
    if assessment.status in (ST.submitted, ST.no_go):
        before = {"status": assessment.status}
        assessment.status = ST.draft
        assessment.prepared_by_id = None
        assessment.prepared_at = None
        assessment.findings = None
        assessment.findings_as_of = None
        record(session, actor, "update", assessment, before=before, after={"status": ST.draft.value},
               summary="reopened for changes")


def _touch(assessment: Assessment) -> None:
    assessment.version += 1
    assessment.updated_at = utcnow()


def save_facts(session: Session, case: Case, data: FactsIn, actor: User) -> Assessment:
    """Record the facts that drive the route and the estimate."""
    assessment = start_assessment(session, case, actor)
    _editable(session, assessment, actor)
    values = data.model_dump(include=set(_FACT_FIELDS))
    values = {k: (_DEFAULTS[k] if v is None and k in _DEFAULTS else v) for k, v in values.items()}
    before = snapshot(assessment, list(_FACT_FIELDS))
    for key, value in values.items():
        setattr(assessment, key, value)
    old, new = diff(before, snapshot(assessment, list(_FACT_FIELDS)))
    if new:
        _touch(assessment)
        record(session, actor, "update", assessment, before=old, after=new)
    return assessment


def save_evidence(session: Session, case: Case, lines: dict[str, EvidenceLineIn], actor: User) -> Assessment:
    """Record each checklist line's status and note."""
    assessment = start_assessment(session, case, actor)
    _editable(session, assessment, actor)
    existing = list_evidence(session, assessment)
    for kind, line in lines.items():
        if kind not in EVIDENCE_KINDS:
            raise DomainError(N_("Choose one of the listed options."), field=f"{kind}_status")
        item = existing.get(kind)
        if item is None:
            item = EvidenceItem(assessment_id=assessment.id, case_id=case.id, kind=kind)
            session.add(item)
        before = snapshot(item, ["status", "note"])
        item.status, item.note = line.status, line.note or ""
        old, new = diff(before, snapshot(item, ["status", "note"]))
        if new:
            session.flush()
            record(session, actor, "update", item, before=old, after=new, summary=kind)
    _touch(assessment)
    return assessment


def add_event(session: Session, case: Case, data: EventIn, actor: User) -> CaseEvent:
    """Record a dated event (due date, demand, acknowledgement, payment, suit) for one debtor or all."""
    _require(can_prepare_assessment(actor))
    if data.debtor_id is not None:
        link = session.get(CaseParty, data.debtor_id)
        if link is None or link.case_id != case.id:
            raise DomainError(N_("Choose one of the listed options."), field="debtor_id")
    event = CaseEvent(case_id=case.id, debtor_id=data.debtor_id, kind=data.kind, occurred_on=data.occurred_on,
                      note=data.note or "", created_by_id=actor.id)
    session.add(event)
    session.flush()
    record(session, actor, "create", event, after=snapshot(event), summary=f"{data.kind} {data.occurred_on}")
    return event


def delete_event(session: Session, case: Case, event: CaseEvent, actor: User) -> None:
    """Remove an event entered by mistake (kept in the audit trail)."""
    _require(can_prepare_assessment(actor))
    record(session, actor, "delete", event, before=snapshot(event), summary=f"{event.kind} {event.occurred_on}")
    session.delete(event)


def submit_assessment(session: Session, case: Case, findings: dict[str, Any], as_of: dt.date,
                      actor: User) -> Assessment:
    """Submit the assessment for decision, freezing the findings the approver will see."""
    assessment = start_assessment(session, case, actor)
    _require(can_prepare_assessment(actor))
    if assessment.status == ST.go:
        raise DomainError(N_("The assessment was approved; it can no longer be changed."))
    if case.stage != Stage.assessment:
        raise DomainError(N_("Move the case to the assessment stage before submitting its assessment."))
    before = {"status": assessment.status}
    assessment.status = ST.submitted
    assessment.prepared_by_id = actor.id
    assessment.prepared_at = utcnow()
    assessment.findings = findings
    assessment.findings_as_of = as_of
    _touch(assessment)
    record(session, actor, "submit", assessment, before=before,
           after={"status": ST.submitted.value, "route": findings["routes"]["recommended"],
                  "net_recovery": findings["estimate"]["net_recovery"]})
    return assessment


def decide(session: Session, case: Case, data: DecisionIn, actor: User) -> AssessmentDecision:
    """Record an approver's go / no-go; a go moves the case to litigation or settlement."""
    assessment = get_assessment(session, case)
    if not can_decide_assessment(actor):
        raise DomainError(N_("Only counsel or an administrator may decide on an assessment."))
    if assessment is None or assessment.status != ST.submitted:
        raise DomainError(N_("Only a submitted assessment can be decided."), field="decision")
    if assessment.prepared_by_id == actor.id:
        raise DomainError(N_("You prepared this assessment; another counsel or an administrator must decide it."),
                          field="decision")
    if data.decision == "go" and data.target_stage is None:
        raise DomainError(N_("Choose the stage the case moves to."), field="target_stage")
    comments = (data.comments or "").strip()
    decision = AssessmentDecision(
        assessment_id=assessment.id, case_id=case.id, decision=data.decision,
        target_stage=data.target_stage or "" if data.decision == "go" else "",
        route=data.route or (assessment.findings or {}).get("routes", {}).get("recommended", ""),
        comments=comments, prepared_by_id=assessment.prepared_by_id, decided_by_id=actor.id)
    session.add(decision)
    before = {"status": assessment.status}
    assessment.status = ST.go if data.decision == "go" else ST.no_go
    _touch(assessment)
    session.flush()
    record(session, actor, "decide", decision, after=snapshot(decision), summary=data.decision)
    record(session, actor, "update", assessment, before=before, after={"status": assessment.status})
    if data.decision == "go":
        case_services.change_stage(session, case, data.target_stage, comments or "go", actor, via_decision=True)
    return decision
