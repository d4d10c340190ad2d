"""Read-only case queries; every one is scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, union
from sqlmodel import Session

from legalops.auth.models import Firm, User
from legalops.auth.policies import can_read_all_cases
from legalops.cases.models import Case, CaseParty, Collateral, Loan, Portfolio
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.db.paging import Page, paginate
from legalops.parties.models import Party

SORTS = {
    "reference": Case.reference,
    "opened_on": Case.opened_on,
    "stage": Case.stage,
    "updated": Case.updated_at,
}


def scope(stmt, user: User):
    """Restrict a select over Case to the cases `user` may see (law firms: their firm's assignments)."""
    if can_read_all_cases(user):
        return stmt
    if user.firm_id is None:
        return stmt.where(False)
    return stmt.where(Case.firm_id == user.firm_id)


def get_case(session: Session, user: User, case_id: int) -> Case:
    """Return the case if the user may see it; otherwise NotFound, exactly as if it did not exist."""
    case = session.execute(scope(select(Case).where(Case.id == case_id), user)).scalar_one_or_none()
    if case is None:
        raise NotFound(N_("No such case."))
    return case


def get_case_by_reference(session: Session, user: User, reference: str) -> Case:
    """Return the visible case with this reference, or NotFound."""
    case = session.execute(scope(select(Case).where(Case.reference == reference), user)).scalar_one_or_none()
    if case is None:
        raise NotFound(N_("No such case."))
    return case


@dataclass
class CaseFilters:
    """What the case list is filtered and sorted by."""

    q: str = ""
    stage: str = ""
    firm_id: int | None = None
    portfolio_id: int | None = None
    counsel_id: int | None = None
    sort: str = "updated"
    descending: bool = True


def _matching_case_ids(q: str):
    like = f"%{q}%"
    # One indexed lookup per searchable column, unioned: faster than OR across joined tables.
    return union(
        select(Case.id).where(Case.reference.ilike(like)),
        select(Case.id).where(Case.court_case_number.ilike(like)),
        select(Loan.case_id).where(Loan.contract_number.ilike(like)),
        select(CaseParty.case_id).join(Party, Party.id == CaseParty.party_id).where(
            or_(Party.name.ilike(like), Party.id_number == q.upper())),
    )


def list_cases(session: Session, user: User, filters: CaseFilters, page: int = 1, per_page: int = 25) -> Page:
    """Return a page of visible cases with their first borrower's name, creditor, firm and principal."""
    conditions = []
    if filters.q.strip():
        conditions.append(Case.id.in_(_matching_case_ids(filters.q.strip())))
    if filters.stage:
        conditions.append(Case.stage == filters.stage)
    if filters.firm_id:
        conditions.append(Case.firm_id == filters.firm_id)
    if filters.portfolio_id:
        conditions.append(Case.portfolio_id == filters.portfolio_id)
    if filters.counsel_id:
        conditions.append(Case.counsel_id == filters.counsel_id)
    where = and_(True, *conditions)
    count = scope(select(func.count(Case.id)).where(where), user)
    order_col = SORTS.get(filters.sort, Case.updated_at)
    order = order_col.desc() if filters.descending else order_col.asc()
    debtor = (
        select(Party.name).join(CaseParty, CaseParty.party_id == Party.id)
        .where(CaseParty.case_id == Case.id).order_by(CaseParty.id).limit(1).correlate(Case).scalar_subquery()
    )
    principal = select(func.sum(Loan.outstanding_principal)).where(Loan.case_id == Case.id).correlate(Case).scalar_subquery()
    stmt = scope(
        select(Case, debtor.label("debtor_name"), principal.label("outstanding_principal"), Firm.name.label("firm_name"))
        .outerjoin(Firm, Firm.id == Case.firm_id)
        .where(where)
        .order_by(order, Case.id.desc()),
        user,
    )
    return paginate(session, stmt, page, per_page, count_stmt=count)


def list_debtors(session: Session, case: Case) -> list[tuple[CaseParty, Party]]:
    """Return the case's parties with their roles, in the order they were added."""
    rows = session.execute(
        select(CaseParty, Party).join(Party, Party.id == CaseParty.party_id)
        .where(CaseParty.case_id == case.id).order_by(CaseParty.id)
    ).all()
    return [(link, party) for link, party in rows]


def list_loans(session: Session, case: Case) -> list[Loan]:
    """Return the case's loans."""
    return list(session.execute(select(Loan).where(Loan.case_id == case.id).order_by(Loan.id)).scalars())


def list_collateral(session: Session, case: Case) -> list[Collateral]:
    """Return the case's collateral, first-ranking first."""
    return list(session.execute(select(Collateral).where(Collateral.case_id == case.id)
                                .order_by(Collateral.id)).scalars())


def get_debtor(session: Session, case: Case, link_id: int) -> CaseParty:
    """Return one of the case's party links, or NotFound."""
    link = session.get(CaseParty, link_id)
    if link is None or link.case_id != case.id:
        raise NotFound(N_("Not found."))
    return link


def get_loan(session: Session, case: Case, loan_id: int) -> Loan:
    """Return one of the case's loans, or NotFound."""
    loan = session.get(Loan, loan_id)
    if loan is None or loan.case_id != case.id:
        raise NotFound(N_("Not found."))
    return loan


def get_collateral(session: Session, case: Case, item_id: int) -> Collateral:
    """Return one of the case's collateral items, or NotFound."""
    item = session.get(Collateral, item_id)
    if item is None or item.case_id != case.id:
        raise NotFound(N_("Not found."))
    return item


def list_portfolios(session: Session) -> list[Portfolio]:
    """Return all portfolios by name."""
    return list(session.execute(select(Portfolio).order_by(Portfolio.name)).scalars())
