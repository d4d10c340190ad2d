"""Read-only deadline queries, every one scoped through cases.queries.scope (law firms: their firm's cases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from legalops.auth.models import Role, User
from legalops.cases.models import Case
from legalops.cases.queries import scope
from legalops.core.clock import today as china_today
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.db.paging import Page
from legalops.deadlines.events import deadline_is_event, event_condition
from legalops.deadlines.models import Deadline, DeadlineState

ST = DeadlineState
SOON_DAYS = 7
RECENT_DAYS = 30
Responsible = aliased(User)


#: Missed deadlines younger than this stay at the top of the list; older ones go below the coming ones.
RECENT_DAYS = 30


def state_is(state: str, today: dt.date):
    """Return the condition for a deadline's effective state: an open task past its day counts as missed,
    an event (deadlines.events) past its day as passed.

    The daily job also stores `missed` and `passed`; reading it this way keeps the list right between runs.
    """
    live = (ST.open.value, ST.missed.value)
    event = event_condition()
    passed_event = and_(Deadline.state.in_(live), Deadline.due_on < today, event)
    overdue = and_(Deadline.state == ST.open.value, Deadline.due_on < today)
    if state == ST.missed:
        return and_(or_(Deadline.state == ST.missed.value, overdue), ~event)
    if state == ST.passed:
        return or_(Deadline.state == ST.passed.value, passed_event)
    if state == ST.open:
        return and_(Deadline.state == ST.open.value, Deadline.due_on >= today)
    if state in (ST.done, ST.cancelled):
        return Deadline.state == state
    if state == "all":
        return True
    return and_(Deadline.state.in_(live), ~passed_event)  # "" → everything still to act on


def effective_state(deadline: Deadline, today: dt.date) -> str:
    """Return the state to show: missed for an open task whose last day has passed, passed for such an event."""
    if deadline.state in (ST.open, ST.missed) and deadline.due_on < today and deadline_is_event(deadline):
        return ST.passed.value
    if deadline.state == ST.open and deadline.due_on < today:
        return ST.missed.value
    return deadline.state


@dataclass
class DeadlineFilters:
    """What the deadline list is filtered by."""

    kind: str = ""
    state: str = ""
    within_days: int | None = None
    mine: bool = False
    firm_id: int | None = None
    portfolio_id: int | None = None
    case_id: int | None = None
    since: dt.date | None = None


def _conditions(filters: DeadlineFilters, user: User, today: dt.date) -> list:
    conditions = [state_is(filters.state, today)]
    if filters.kind:
        conditions.append(Deadline.kind == filters.kind)
    if filters.within_days is not None:
        conditions.append(Deadline.due_on <= today + dt.timedelta(days=filters.within_days))
    if filters.mine:
        conditions.append(Deadline.responsible_id == user.id)
    if filters.firm_id:
        conditions.append(Case.firm_id == filters.firm_id)
    if filters.portfolio_id:
        conditions.append(Case.portfolio_id == filters.portfolio_id)
    if filters.case_id:
        conditions.append(Deadline.case_id == filters.case_id)
    if filters.since:
        conditions.append(Deadline.due_on >= filters.since)
    return conditions


def _nearest_first(today: dt.date) -> list:
    """Order the last month's missed deadlines first, then coming ones, then older missed ones (latest first)."""
    # Plain ascending order put limitation periods that ran out years ago above next week's hearing.
    upcoming = Deadline.due_on >= today
    recent = and_(Deadline.due_on < today, Deadline.due_on >= today - dt.timedelta(days=RECENT_DAYS))
    return [case((recent, 0), (upcoming, 1), else_=2), case((or_(recent, upcoming), Deadline.due_on)),
            Deadline.due_on.desc(), Deadline.id]


def list_deadlines(session: Session, user: User, filters: DeadlineFilters, page: int = 1, per_page: int = 50,
                   today: dt.date | None = None) -> Page:
    """Return a page of visible deadlines, the last month's missed and coming ones first (see _nearest_first), as (Deadline, case reference, responsible name) rows."""
    today = today or china_today()
    page = max(1, page)
    where = and_(True, *_conditions(filters, user, today))
    base = select(Deadline.id).join(Case, Case.id == Deadline.case_id).where(where)
    total = session.execute(select(func.count()).select_from(scope(base, user).subquery())).scalar_one()
    stmt = scope(
        select(Deadline, Case.reference, Responsible.display_name)
        .join(Case, Case.id == Deadline.case_id)
        .outerjoin(Responsible, Responsible.id == Deadline.responsible_id)
        .where(where)
        .order_by(*_nearest_first(today))
        .limit(per_page).offset((page - 1) * per_page),
        user,
    )
    return Page(items=session.execute(stmt).all(), page=page, per_page=per_page, total=total)


def list_case_deadlines(session: Session, user: User, case: Case, include_closed: bool = False) -> list:
    """Return the case's deadlines (live ones unless `include_closed`), nearest first, scoped to the user."""
    filters = DeadlineFilters(case_id=case.id, state="all" if include_closed else "")
    return list(list_deadlines(session, user, filters, per_page=500).items)


def get_deadline(session: Session, user: User, deadline_id: int) -> Deadline:
    """Return a deadline on a case the user may see, or NotFound."""
    stmt = scope(select(Deadline).join(Case, Case.id == Deadline.case_id).where(Deadline.id == deadline_id), user)
    deadline = session.execute(stmt).scalar_one_or_none()
    if deadline is None:
        raise NotFound(N_("No such deadline."))
    return deadline


def feed_filters(user: User) -> DeadlineFilters:
    """Return whose deadlines a user's calendar feed carries: their own, or for a law firm the firm's cases."""
    return DeadlineFilters(state="all", mine=user.role != Role.law_firm)


def list_feed_deadlines(session: Session, user: User, since: dt.date) -> list:
    """Return the deadlines for the user's feed from `since` on, done ones included (calendars keep history)."""
    filters = feed_filters(user)
    where = and_(*_conditions(filters, user, since), Deadline.due_on >= since, Deadline.state != ST.cancelled.value)
    stmt = scope(select(Deadline, Case.reference).join(Case, Case.id == Deadline.case_id).where(where)
                 .order_by(Deadline.due_on, Deadline.id), user)
    return list(session.execute(stmt).all())


def dashboard_summary(session: Session, user: User, today: dt.date | None = None, nearest: int = 5) -> dict:
    """Return the user's overdue and due-within-7-days counts and nearest live deadlines (theirs, or their firm's)."""
    today = today or china_today()
    filters = feed_filters(user)
    filters.state = ""
    soon = today + dt.timedelta(days=SOON_DAYS)
    conditions = and_(*_conditions(filters, user, today))
    overdue = case((Deadline.due_on < today, 1), else_=0)
    due_soon = case((and_(Deadline.due_on >= today, Deadline.due_on <= soon), 1), else_=0)
    counts = session.execute(scope(select(func.coalesce(func.sum(overdue), 0), func.coalesce(func.sum(due_soon), 0))
                                   .select_from(Deadline).join(Case, Case.id == Deadline.case_id)
                                   .where(conditions), user)).one()
    # Nearest means recent or coming: years-old missed deadlines stay in the count and the list, not here.
    recent = DeadlineFilters(mine=filters.mine, within_days=SOON_DAYS, since=today - dt.timedelta(days=RECENT_DAYS))
    items = list_deadlines(session, user, recent, per_page=nearest, today=today).items
    return {"overdue": int(counts[0]), "soon": int(counts[1]), "items": items, "today": today}
