"""Read-only reconciliation queries: accounts, lines waiting, months and their state, candidates for a line."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from legalops.cases.models import Case
from legalops.ledger.models import LedgerEntry, MonthClose
from legalops.ledger.reconciliation.models import (
    BankAccount,
    ExpectedRecovery,
    LineMatch,
    StatementImport,
    StatementLine,
)


def list_accounts(session: Session) -> list[BankAccount]:
    """Return the bank accounts by name."""
    return list(session.execute(select(BankAccount).order_by(BankAccount.name)).scalars())


def list_open_lines(session: Session, limit: int = 200) -> list[tuple[StatementLine, str, Decimal]]:
    """Return lines waiting for a match, oldest first, with their account name and the amount left to match."""
    reversed_ids = select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.is_not(None))
    matched = (select(LineMatch.line_id, func.sum(LineMatch.amount).label("amount"))
               .where(LineMatch.entry_id.not_in(reversed_ids)).group_by(LineMatch.line_id).subquery())
    rows = session.execute(select(StatementLine, BankAccount.name, matched.c.amount).join(BankAccount)
                           .outerjoin(matched, matched.c.line_id == StatementLine.id)
                           .where(StatementLine.status == "open")
                           .order_by(StatementLine.booked_on, StatementLine.id).limit(limit)).all()
    return [(line, account, line.amount - Decimal(done or 0)) for line, account, done in rows]


def recent_imports(session: Session, limit: int = 10) -> list[tuple[StatementImport, str]]:
    """Return the latest statement imports with their account name."""
    return session.execute(select(StatementImport, BankAccount.name).join(BankAccount)
                           .order_by(StatementImport.id.desc()).limit(limit)).all()


def list_months(session: Session) -> list[dict]:
    """Return every month with entries or lines: entry count, lines waiting, closed or not."""
    months: dict[str, dict] = {}
    for period, count in session.execute(select(LedgerEntry.period, func.count()).group_by(LedgerEntry.period)):
        months.setdefault(period, {"period": period, "entries": 0, "open": 0, "lines": 0})["entries"] = count
    for period, status, count in session.execute(select(StatementLine.period, StatementLine.status, func.count())
                                                 .group_by(StatementLine.period, StatementLine.status)):
        month = months.setdefault(period, {"period": period, "entries": 0, "open": 0, "lines": 0})
        month["lines"] += count
        if status == "open":
            month["open"] += count
    closed = {c.period: c for c in session.execute(select(MonthClose)).scalars()}
    for period, month in months.items():
        month["closed"] = closed.get(period)
    return sorted(months.values(), key=lambda m: m["period"], reverse=True)


def list_line_matches(session: Session, line: StatementLine) -> list[tuple[LineMatch, str, int | None]]:
    """Return the parts of a line posted to cases, with each case's reference and the entry reversing it, if any."""
    reversal = aliased(LedgerEntry)
    return session.execute(select(LineMatch, Case.reference, reversal.id).join(Case, Case.id == LineMatch.case_id)
                           .outerjoin(reversal, reversal.reverses_id == LineMatch.entry_id)
                           .where(LineMatch.line_id == line.id).order_by(LineMatch.id)).all()


def line_candidates(session: Session, line: StatementLine, limit: int = 10,
                    amount: Decimal | None = None) -> list[tuple[ExpectedRecovery, str]]:
    """Return open expected recoveries of the amount left to match, nearest date first, with their case reference."""
    amount = line.amount if amount is None else amount
    rows = session.execute(select(ExpectedRecovery, Case.reference).join(Case, Case.id == ExpectedRecovery.case_id)
                           .where(ExpectedRecovery.status == "open", ExpectedRecovery.amount == amount)).all()
    rows.sort(key=lambda r: abs((r[0].expected_on - line.booked_on).days))
    return rows[:limit]


def cases_quoted(session: Session, line: StatementLine, limit: int = 5) -> list[Case]:
    """Return cases whose reference appears in the line's memo (a hint for a manual match)."""
    words = [w for w in line.memo.replace("，", " ").split() if len(w) >= 4][:5]
    if not words:
        return []
    return list(session.execute(select(Case).where(or_(*[Case.reference == w for w in words]))
                                .limit(limit)).scalars())
