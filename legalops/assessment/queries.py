"""Read-only assessment queries; callers obtain the case through cases.queries.get_case, which scopes it."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from legalops.assessment.models import Assessment, AssessmentDecision, CaseEvent, EvidenceItem
from legalops.cases.models import Case
from legalops.core.errors import NotFound
from legalops.core.i18n import N_


def get_assessment(session: Session, case: Case) -> Assessment | None:
    """Return the case's assessment, or None if none was started."""
    return session.execute(select(Assessment).where(Assessment.case_id == case.id)).scalar_one_or_none()


def list_evidence(session: Session, assessment: Assessment | None) -> dict[str, EvidenceItem]:
    """Return the checklist lines by kind."""
    if assessment is None:
        return {}
    rows = session.execute(select(EvidenceItem).where(EvidenceItem.assessment_id == assessment.id)).scalars()
    return {row.kind: row for row in rows}


def list_events(session: Session, case: Case) -> list[CaseEvent]:
    """Return the case's dated events, oldest first."""
    return list(session.execute(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                .order_by(CaseEvent.occurred_on, CaseEvent.id)).scalars())


def get_event(session: Session, case: Case, event_id: int | None) -> CaseEvent:
    """Return one of the case's events, or NotFound."""
    event = session.get(CaseEvent, event_id) if event_id else None
    if event is None or event.case_id != case.id:
        raise NotFound(N_("Not found."), field="event_id")
    return event


def list_decisions(session: Session, assessment: Assessment | None) -> list[AssessmentDecision]:
    """Return the decisions taken on the assessment, latest first."""
    if assessment is None:
        return []
    return list(session.execute(select(AssessmentDecision).where(AssessmentDecision.assessment_id == assessment.id)
                                .order_by(AssessmentDecision.decided_at.desc(), AssessmentDecision.id.desc()))
                .scalars())


def has_go_decision(session: Session, case: Case) -> bool:
    """Tell whether the case was cleared to proceed by a go decision."""
    return session.execute(select(AssessmentDecision.id).where(
        AssessmentDecision.case_id == case.id, AssessmentDecision.decision == "go")).first() is not None
