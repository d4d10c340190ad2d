"""Month close: once every line of a month is dealt with, lock its entries and lines."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.core.clock import today
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.ledger.models import LedgerEntry, MonthClose
from legalops.ledger.reconciliation.models import StatementLine
from legalops.ledger.services import closed_periods, period_of

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_period(period: str) -> str:
    """Return a YYYY-MM period or refuse it."""
    period = (period or "").strip()
    if not PERIOD.match(period):
        raise DomainError(N_("Give the month as YYYY-MM."), field="month")
    return period


def open_lines(session: Session, period: str) -> int:
    """Count a month's statement lines still waiting for a match."""
    return session.execute(select(func.count()).select_from(StatementLine).where(
        StatementLine.period == period, StatementLine.status == "open")).scalar_one()


def earliest_open_before(session: Session, period: str) -> str | None:
    """Return the earliest month before `period` that has ledger entries or statement lines and is still open."""
    closed = closed_periods(session)
    used = set(session.execute(select(LedgerEntry.period).where(LedgerEntry.period < period).distinct()).scalars())
    used |= set(session.execute(select(StatementLine.period).where(StatementLine.period < period).distinct()).scalars())
    return min(used - closed, default=None)


def close_month(session: Session, period: str, actor) -> MonthClose:
    """Close a month that has ended, has no line waiting and follows only closed months; flush, never commit.

    Months close in sequence: were a later month closed first, late lines of the earlier one would still book
    into it after the later close.
    """
    period = check_period(period)
    if period in closed_periods(session):
        raise DomainError(N_("The month %(period)s is already closed."), period=period)
    if period >= period_of(today()):
        raise DomainError(N_("The month %(period)s has not ended yet."), period=period)
    earlier = earliest_open_before(session, period)
    if earlier is not None:
        raise DomainError(N_("Months are closed in order: close %(earlier)s before %(period)s."), earlier=earlier,
                          period=period)
    waiting = open_lines(session, period)
    if waiting:
        raise DomainError(N_("%(count)s statement lines of %(period)s still wait for a match."), count=waiting,
                          period=period)
    closed = MonthClose(period=period, closed_by_id=getattr(actor, "id", None))
    session.add(closed)
    session.flush()
    record(session, actor, "close", closed, after={"period": period})
    return closed
