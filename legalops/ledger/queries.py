"""Read-only ledger queries: a case's entries with allocations, totals by month, portfolio and firm."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import Firm
from legalops.cases.models import Case, CaseParty, Portfolio
from legalops.ledger.claims import Claim
from legalops.ledger.models import LedgerAllocation, LedgerEntry
from legalops.parties.models import Party

ZERO = Decimal("0.00")


@dataclass
class EntryRow:
    """An entry with its allocations per part and whether it has been reversed."""

    entry: LedgerEntry
    allocations: dict[str, Decimal] = field(default_factory=dict)
    reversed_by: int | None = None


def list_entries(session: Session, case_id: int) -> list[EntryRow]:
    """Return the case's entries, newest value date first, with their allocations."""
    entries = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case_id)
                              .order_by(LedgerEntry.received_on.desc(), LedgerEntry.id.desc())).scalars().all()
    rows = {e.id: EntryRow(e) for e in entries}
    if rows:
        for entry_id, part, amount in session.execute(
                select(LedgerAllocation.entry_id, LedgerAllocation.part, LedgerAllocation.amount)
                .where(LedgerAllocation.entry_id.in_(list(rows)))):
            rows[entry_id].allocations[part] = amount
    for entry in entries:
        if entry.reverses_id in rows:
            rows[entry.reverses_id].reversed_by = entry.id
    return list(rows.values())


def get_entry(session: Session, case_id: int, entry_id: int) -> LedgerEntry | None:
    """Return one of the case's entries."""
    entry = session.get(LedgerEntry, entry_id)
    return entry if entry is not None and entry.case_id == case_id else None


def debtor_liabilities(session: Session, case: Case, claim: Claim) -> list[dict]:
    """Return each debtor's liability on the joint claim (guarantors up to their limit) and what they paid."""
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for party_id, amount in session.execute(select(LedgerEntry.debtor_party_id, LedgerEntry.amount)
                                            .where(LedgerEntry.case_id == case.id)):
        if party_id is not None:
            paid[party_id] += amount
    rows = []
    for link, party in session.execute(select(CaseParty, Party).join(Party, Party.id == CaseParty.party_id)
                                       .where(CaseParty.case_id == case.id).order_by(CaseParty.id)).all():
        if link.party_id == case.creditor_id:
            continue
        liability = claim.total
        if link.guarantee_limit is not None:
            liability = max(min(liability, link.guarantee_limit - paid[party.id]), ZERO)
        rows.append({"party": party, "role": link.role, "paid": paid[party.id], "liability": liability,
                     "capped": link.guarantee_limit is not None})
    return rows


def recovery_rows(session: Session, case_ids_stmt=None, period: str | None = None) -> list[tuple]:
    """Return (entry, case reference, portfolio name, firm name) for entries, optionally of one booking month."""
    stmt = (select(LedgerEntry, Case.reference, Portfolio.name, Firm.name)
            .join(Case, Case.id == LedgerEntry.case_id)
            .outerjoin(Portfolio, Portfolio.id == Case.portfolio_id)
            .outerjoin(Firm, Firm.id == Case.firm_id)
            .order_by(LedgerEntry.period, LedgerEntry.received_on, LedgerEntry.id))
    if period:
        stmt = stmt.where(LedgerEntry.period == period)
    if case_ids_stmt is not None:
        stmt = stmt.where(LedgerEntry.case_id.in_(case_ids_stmt))
    return session.execute(stmt).all()


def allocations_by_entry(session: Session, entry_ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """Return the allocations of many entries at once."""
    out: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for start in range(0, len(entry_ids), 5000):
        chunk = entry_ids[start:start + 5000]
        for entry_id, part, amount in session.execute(
                select(LedgerAllocation.entry_id, LedgerAllocation.part, LedgerAllocation.amount)
                .where(LedgerAllocation.entry_id.in_(chunk))):
            out[entry_id][part] = amount
    return out
