"""Read the audit trail: a case's timeline and the auditor's browser."""

from __future__ import annotations

from sqlalchemy import and_, not_, select
from sqlmodel import Session

from legalops.audit.models import AuditEntry
from legalops.db.paging import Page, paginate


def case_timeline(session: Session, case_id: int, limit: int = 200) -> list[AuditEntry]:
    """Return the newest audit entries of a case, newest first, without the deadlines the system computed."""
    # Every judgment or loan edit re-syncs a dozen computed deadlines; listed here they buried what people did.
    # They stay in the audit browser, and the case's deadline panel shows the deadlines themselves.
    computed = and_(AuditEntry.object_type == "deadline", AuditEntry.actor_id.is_(None))
    stmt = (select(AuditEntry).where(AuditEntry.case_id == case_id, not_(computed))
            .order_by(AuditEntry.id.desc()).limit(limit))
    return list(session.execute(stmt).scalars())


def list_entries(session: Session, *, object_type: str = "", action: str = "", actor: str = "",
                 case_id: int | None = None, page: int = 1, per_page: int = 50) -> Page:
    """Return a page of audit entries, newest first, filtered as asked."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if object_type:
        stmt = stmt.where(AuditEntry.object_type == object_type)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if actor:
        stmt = stmt.where(AuditEntry.actor_name.ilike(f"%{actor}%"))
    if case_id:
        stmt = stmt.where(AuditEntry.case_id == case_id)
    return paginate(session, stmt, page, per_page)
