"""Read firm updates; every query goes through the case scope, so a firm sees only its own cases' updates."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlmodel import Session

from legalops.auth.models import Firm, User
from legalops.cases.models import Case, CaseParty
from legalops.cases.queries import scope
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.parties.models import Party
from legalops.portal.models import CaseUpdate, UpdateStatus


def list_pending_updates(session: Session, user: User) -> list[tuple[CaseUpdate, Case, str]]:
    """Return the pending updates of every case the user may see, oldest first, with case and firm name."""
    stmt = scope(select(CaseUpdate, Case, Firm.name).join(Case, Case.id == CaseUpdate.case_id)
                 .join(Firm, Firm.id == CaseUpdate.firm_id)
                 .where(CaseUpdate.status == UpdateStatus.pending)
                 .order_by(CaseUpdate.created_at, CaseUpdate.id), user)
    return [(u, c, name) for u, c, name in session.execute(stmt).all()]


def list_case_updates(session: Session, user: User, case_id: int) -> list[CaseUpdate]:
    """Return a visible case's updates, newest first (a firm sees only the ones its firm posted)."""
    stmt = scope(select(CaseUpdate).join(Case, Case.id == CaseUpdate.case_id)
                 .where(CaseUpdate.case_id == case_id), user)
    if user.firm_id is not None:
        stmt = stmt.where(CaseUpdate.firm_id == user.firm_id)
    return list(session.execute(stmt.order_by(CaseUpdate.created_at.desc(), CaseUpdate.id.desc())).scalars())


def get_update(session: Session, user: User, update_id: int, case_id: int | None = None) -> CaseUpdate:
    """Return an update of a case the user may see, or NotFound exactly as if it did not exist."""
    stmt = scope(select(CaseUpdate).join(Case, Case.id == CaseUpdate.case_id).where(CaseUpdate.id == update_id), user)
    if case_id is not None:
        stmt = stmt.where(CaseUpdate.case_id == case_id)
    if user.firm_id is not None:
        stmt = stmt.where(CaseUpdate.firm_id == user.firm_id)
    update = session.execute(stmt).scalar_one_or_none()
    if update is None:
        raise NotFound(N_("Not found."))
    return update


def party_names(session: Session, updates) -> dict[int, str]:
    """Return the names of the parties the updates' per-defendant rows refer to, by party id."""
    ids = {row.get("party_id") for u in updates for row in (u.payload or {}).get("parties") or []
           if isinstance(row, dict)}
    ids.discard(None)
    if not ids:
        return {}
    # Only the updates' own cases' parties: an id of another case's party must not reveal its name.
    cases = {u.case_id for u in updates}
    linked = select(CaseParty.party_id).where(CaseParty.case_id.in_(cases))
    creditors = select(Case.creditor_id).where(Case.id.in_(cases))
    return dict(session.execute(select(Party.id, Party.name).where(
        Party.id.in_(ids), or_(Party.id.in_(linked), Party.id.in_(creditors)))).all())
