"""What the assessment memo shows, for the HTML page and the court-style document alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from legalops.assessment import queries
from legalops.assessment.findings import build_findings
from legalops.assessment.models import AssessmentStatus
from legalops.assessment.settings import AssessmentSettings
from legalops.auth.models import User
from legalops.cases.models import Case


def gather_memo(session: Session, case: Case, today: dt.date, settings: AssessmentSettings) -> dict[str, Any]:
    """Return the assessment, its findings (frozen once submitted, live while drafting), decisions and names."""
    assessment = queries.get_assessment(session, case)
    live = assessment is None or assessment.status == AssessmentStatus.draft or not assessment.findings
    findings = build_findings(session, case, assessment, today, settings) if live else assessment.findings
    decisions = queries.list_decisions(session, assessment)
    user_ids = {d.decided_by_id for d in decisions} | {assessment.prepared_by_id if assessment else None}
    users = {u.id: u.display_name
             for u in session.execute(select(User).where(User.id.in_(user_ids - {None}))).scalars()}
    return {"case": case, "assessment": assessment, "findings": findings, "live": live, "decisions": decisions,
            "users": users, "events": queries.list_events(session, case),
            "evidence": queries.list_evidence(session, assessment)}
