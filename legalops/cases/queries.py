"""Read-only case queries; every one is scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Text, and_, cast, func, literal_column, select, union
from sqlmodel import Session

from legalops.auth.models import Firm, User
from legalops.auth.policies import can_read_all_cases
from legalops.cases.models import Case, CaseParty, Collateral, Loan, Portfolio
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.db.paging import Page
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


#: Shorter fragments yield no trigram, so pg_trgm cannot narrow them down (Chinese names are 2-3 characters).
TRIGRAM = 3


def _escape_like(q: str) -> str:
    """Escape LIKE's wildcards so that `q` matches literally."""
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(column, q: str, short_index: bool):
    """Return the condition that `column` contains `q` (case-insensitive) in a form the search indexes serve."""
    pattern = f"%{_escape_like(q)}%"
    # Without cased letters (Chinese, digits) LIKE means the same as ILIKE and skips lower-casing every row.
    match = (column.like(pattern, escape="\\") if q.lower() == q == q.upper()
             else column.ilike(pattern, escape="\\"))
    if not short_index:
        return match
    # PostgreSQL: a fragment too short for trigrams is prefiltered on the GIN index of the column's characters
    # (migration 0002); every character of lower(q) must occur in lower(column), and `match` decides.
    chars = func.string_to_array(func.lower(column), literal_column("NULL::text"))
    wanted = func.string_to_array(func.lower(cast(q, Text)), literal_column("NULL::text"))
    return and_(chars.op("@>")(wanted), match)


def _matching_case_ids(q: str, postgresql: bool = False):
    short = postgresql and len(q) < TRIGRAM
    # One indexed lookup per searchable column, unioned: faster than OR across joined tables.
    return union(
        select(Case.id).where(_contains(Case.reference, q, short)),
        select(Case.id).where(_contains(Case.court_case_number, q, short)),
        select(Loan.case_id).where(_contains(Loan.contract_number, q, short)),
        select(CaseParty.case_id).join(Party, Party.id == CaseParty.party_id).where(_contains(Party.name, q, short)),
        select(CaseParty.case_id).join(Party, Party.id == CaseParty.party_id).where(Party.id_number == q.upper()),
    )


def _order(filters: CaseFilters) -> list:
    """Return the ORDER BY keys for the chosen sort and direction."""
    column = SORTS.get(filters.sort, Case.updated_at)
    # The id breaks ties in the same direction, so one (column, id) index serves both directions and every page.
    keys = [column] if column is Case.reference else [column, Case.id]  # references are unique
    return [k.desc() if filters.descending else k.asc() for k in keys]


def list_cases(session: Session, user: User, filters: CaseFilters, page: int = 1, per_page: int = 25) -> Page:
    """Return a page of visible cases with their first borrower's name, creditor, firm and principal."""
    page = max(1, page)
    postgresql = session.get_bind().dialect.name == "postgresql"
    conditions = []
    q = filters.q.strip()
    if q:
        conditions.append(Case.id.in_(_matching_case_ids(q, postgresql)))
    if filters.stage:
        conditions.append(Case.stage == filters.stage)
    if filters.firm_id:
        conditions.append(Case.firm_id == filters.firm_id)
    if filters.portfolio_id:
        conditions.append(Case.portfolio_id == filters.portfolio_id)
    if filters.counsel_id:
        conditions.append(Case.counsel_id == filters.counsel_id)
    where = and_(True, *conditions)
    total = session.execute(scope(select(func.count()).select_from(Case).where(where), user)).scalar_one()
    order = _order(filters)
    # Find the page's ids first (index order, no joins), then fetch details for those rows only: the
    # per-row debtor and principal subqueries then run 25 times, not once per row skipped by the offset.
    page_ids = (scope(select(Case.id).where(where), user)
                .order_by(*order).limit(per_page).offset((page - 1) * per_page).subquery("page_ids"))
    debtor = (
        select(Party.name).join(CaseParty, CaseParty.party_id == Party.id)
        .where(CaseParty.case_id == Case.id).order_by(CaseParty.id).limit(1).correlate(Case).scalar_subquery()
    )
    principal = select(func.sum(Loan.outstanding_principal)).where(Loan.case_id == Case.id).correlate(Case).scalar_subquery()
    stmt = scope(
        select(Case, debtor.label("debtor_name"), principal.label("outstanding_principal"), Firm.name.label("firm_name"))
        .join(page_ids, page_ids.c.id == Case.id)
        .outerjoin(Firm, Firm.id == Case.firm_id)
        .order_by(*order),
        user,
    )
    return Page(items=session.execute(stmt).all(), page=page, per_page=per_page, total=total)


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
