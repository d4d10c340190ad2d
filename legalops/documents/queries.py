"""Read-only filing queries; callers pass a case id they have already checked the user may see."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.documents.models import Filing


def get_filing(session: Session, case_id: int, filing_id: int) -> Filing:
    """Return the filing if it belongs to the case, else NotFound (never another case's filing)."""
    filing = session.execute(select(Filing).where(Filing.id == filing_id, Filing.case_id == case_id)
                             ).scalar_one_or_none()
    if filing is None:
        raise NotFound(N_("No such filing."))
    return filing


def list_filings(session: Session, case_id: int) -> list[Filing]:
    """Return the case's filings, newest version of each form first."""
    return list(session.execute(select(Filing).where(Filing.case_id == case_id)
                                .order_by(Filing.form_key, Filing.version_number.desc())).scalars())


def list_filings_by_id(session: Session, ids: list[int]) -> list[Filing]:
    """Return these filings (used by bulk downloads, whose ids come from a job the user may see)."""
    if not ids:
        return []
    return list(session.execute(select(Filing).where(Filing.id.in_(ids)).order_by(Filing.id)).scalars())
