"""Read court documents; callers reach a case through cases.queries.get_case, which scopes by firm."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.casefiles.models import CaseDocument
from legalops.cases.queries import get_case
from legalops.core.errors import NotFound
from legalops.core.i18n import N_


def list_case_documents(session: Session, case_id: int) -> list[CaseDocument]:
    """Return a case's court documents, newest first (check the case is visible before calling)."""
    stmt = select(CaseDocument).where(CaseDocument.case_id == case_id).order_by(CaseDocument.uploaded_at.desc(),
                                                                                CaseDocument.id.desc())
    return list(session.execute(stmt).scalars())


def get_case_document(session: Session, user: User, case_id: int, document_id: int) -> CaseDocument:
    """Return one document of a case the user may see, or NotFound exactly as if it did not exist."""
    get_case(session, user, case_id)
    document = session.get(CaseDocument, document_id)
    if document is None or document.case_id != case_id:
        raise NotFound(N_("Not found."))
    return document
