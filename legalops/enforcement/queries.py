"""Read-only enforcement queries; callers pass a case already fetched through cases.queries.get_case (scoped)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from legalops.cases.models import Case
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.enforcement.models import CourtReceipt, EnforcementCase, PropertyLead
from legalops.ledger.models import LedgerEntry


def list_enforcement_cases(session: Session, case: Case) -> list[EnforcementCase]:
    """Return the case's enforcement procedures, oldest first (a resumption follows the one it resumes)."""
    return list(session.execute(select(EnforcementCase).where(EnforcementCase.case_id == case.id)
                                .order_by(EnforcementCase.id)).scalars())


def current_enforcement(session: Session, case_id: int) -> EnforcementCase | None:
    """Return the case's latest enforcement procedure."""
    return session.execute(select(EnforcementCase).where(EnforcementCase.case_id == case_id)
                           .order_by(EnforcementCase.id.desc()).limit(1)).scalar_one_or_none()


def list_leads(session: Session, case_id: int) -> list[PropertyLead]:
    """Return the case's property leads, newest first."""
    return list(session.execute(select(PropertyLead).where(PropertyLead.case_id == case_id)
                                .order_by(PropertyLead.reported_on.desc(), PropertyLead.id.desc())).scalars())


def get_lead(session: Session, case: Case, lead_id: int) -> PropertyLead:
    """Return one of the case's property leads, or NotFound."""
    lead = session.get(PropertyLead, lead_id)
    if lead is None or lead.case_id != case.id:
        raise NotFound(N_("Not found."))
    return lead


def list_receipts(session: Session, case_id: int) -> list[CourtReceipt]:
    """Return the money received through the court, in date order."""
    return list(session.execute(select(CourtReceipt).where(CourtReceipt.case_id == case_id)
                                .order_by(CourtReceipt.received_on, CourtReceipt.id)).scalars())


def get_standing_receipt(session: Session, case_id: int, reference: str) -> CourtReceipt | None:
    """Return the case's receipt with this reference whose ledger entry has not been reversed, if any."""
    reversed_ids = select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.is_not(None))
    return session.execute(select(CourtReceipt).where(
        CourtReceipt.case_id == case_id, CourtReceipt.reference == reference,
        CourtReceipt.ledger_entry_id.is_(None) | CourtReceipt.ledger_entry_id.not_in(reversed_ids))
        .order_by(CourtReceipt.id).limit(1)).scalar_one_or_none()
