"""Ledger commands: post a recovery (allocated per art. 561 or the agreed/adjudged order), reverse one, add a cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.cases.models import Case, CaseParty
from legalops.core.clock import today
from legalops.core.errors import DomainError, NotFound
from legalops.core.i18n import N_
from legalops.ledger.allocation import allocate_recovery, resolve_order
from legalops.ledger.claims import compute_claim
from legalops.ledger.models import SOURCES, ClaimCost, LedgerAllocation, LedgerEntry, MonthClose

MAX_AMOUNT = Decimal("9999999999999999.99")


def period_of(day: dt.date) -> str:
    """Return the accounting month of a date as YYYY-MM."""
    return f"{day.year:04d}-{day.month:02d}"


def next_period(period: str) -> str:
    """Return the month after YYYY-MM."""
    year, month = int(period[:4]), int(period[5:])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def closed_periods(session: Session) -> set[str]:
    """Return the closed accounting months."""
    return set(session.execute(select(MonthClose.period)).scalars())


def open_period(session: Session, day: dt.date) -> str:
    """Return the month an entry dated `day` is booked in: its own, or the first open one after a closed month."""
    closed, period = closed_periods(session), period_of(day)
    while period in closed:
        period = next_period(period)
    return period


def _check(amount: Decimal, received_on: dt.date, source: str) -> Decimal:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise DomainError(N_("Enter an amount in yuan."), field="amount")
    if amount <= 0:
        raise DomainError(N_("A recovery must be more than zero; to correct one, reverse it."), field="amount")
    if amount != amount.quantize(Decimal("0.01")) or amount > MAX_AMOUNT:
        raise DomainError(N_("Enter an amount in yuan with at most two decimal places."), field="amount")
    if received_on > today():
        raise DomainError(N_("A recovery cannot be dated in the future."), field="received_on")
    if source not in SOURCES:
        raise DomainError(N_("Choose where the money came from."), field="source")
    return amount


def _lock_case(session: Session, case_id: int) -> Case:
    # Serialise postings on one case: each allocation is computed against what the previous ones left.
    case = session.execute(select(Case).where(Case.id == case_id).with_for_update()).scalar_one_or_none()
    if case is None:
        raise NotFound(N_("No such case."))
    return case


def post_recovery(session: Session, *, case_id: int, amount: Decimal, received_on: dt.date, source: str,
                  payer: str, reference: str, actor, debtor_party_id: int | None = None,
                  order: str | Sequence[str] | None = None) -> LedgerEntry:
    """Record money recovered on a case and allocate it to costs, interest and principal; flush, never commit.

    Without an `order`, the judgment's order applies once delayed-performance interest runs, else 民法典 art. 561.
    """
    amount = _check(amount, received_on, source)
    case = _lock_case(session, case_id)
    if debtor_party_id is not None and session.execute(
            select(CaseParty.id).where(CaseParty.case_id == case.id, CaseParty.party_id == debtor_party_id)).first() is None:
        raise DomainError(N_("The payer is not a debtor of this case."), field="debtor_party_id")
    claim = compute_claim(session, case.id, received_on, all_applied=True)
    if order is None and claim.performance_end is not None:
        # After a judgment the money debt it fixed is paid before the doubled interest (迟延履行利息解释 art. 4).
        order = "judgment"
    basis, parts, citation = resolve_order(order)
    applied = allocate_recovery(amount, claim.outstanding, parts)
    entry = LedgerEntry(case_id=case.id, debtor_party_id=debtor_party_id, amount=amount, received_on=received_on,
                        period=open_period(session, received_on), source=source, payer=payer.strip()[:200],
                        reference=reference.strip()[:120], allocation_basis=basis, allocation_order=",".join(parts),
                        citation=citation, created_by_id=getattr(actor, "id", None))
    session.add(entry)
    session.flush()
    session.add_all(LedgerAllocation(entry_id=entry.id, part=part, amount=value) for part, value in applied.items())
    record(session, actor, "create", entry, case_id=case.id,
           after={"amount": str(amount), "received_on": received_on.isoformat(), "source": source, "payer": entry.payer,
                  "reference": entry.reference, **{f"to_{p}": str(v) for p, v in applied.items()}},
           summary=f"{source} {amount}")
    session.flush()
    if source == "settlement_instalment":
        from legalops.ledger.settlement import close_paid_deadlines  # settlement builds on this module

        close_paid_deadlines(session, case.id, actor)
    return entry


def allocations_of(session: Session, entry: LedgerEntry) -> dict[str, Decimal]:
    """Return an entry's allocation per part."""
    rows = session.execute(select(LedgerAllocation.part, LedgerAllocation.amount)
                           .where(LedgerAllocation.entry_id == entry.id)).all()
    return {part: amount for part, amount in rows}


def reverse_entry(session: Session, entry: LedgerEntry, reason: str, actor) -> LedgerEntry:
    """Cancel an entry with its exact negative mirror, booked in the first open month; flush, never commit.

    A statement line (or the part of a split) that posted the entry is reopened for a new match.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(N_("Give the reason for the reversal."), field="reason")
    if entry.reverses_id is not None:
        raise DomainError(N_("A reversal cannot be reversed; post a new recovery instead."))
    _lock_case(session, entry.case_id)
    if session.execute(select(LedgerEntry.id).where(LedgerEntry.reverses_id == entry.id)).first() is not None:
        raise DomainError(N_("This entry has already been reversed."))
    mirror = LedgerEntry(case_id=entry.case_id, debtor_party_id=entry.debtor_party_id, amount=-entry.amount,
                         received_on=entry.received_on, period=open_period(session, entry.received_on),
                         source=entry.source, payer=entry.payer, reference=entry.reference,
                         allocation_basis=entry.allocation_basis, allocation_order=entry.allocation_order,
                         citation=entry.citation, reverses_id=entry.id, reason=reason[:500],
                         created_by_id=getattr(actor, "id", None))
    session.add(mirror)
    session.flush()
    session.add_all(LedgerAllocation(entry_id=mirror.id, part=part, amount=-value)
                    for part, value in allocations_of(session, entry).items())
    record(session, actor, "reverse", mirror, case_id=entry.case_id,
           after={"reverses": entry.id, "amount": str(mirror.amount), "reason": mirror.reason},
           summary=f"reverse #{entry.id}: {mirror.reason}")
    session.flush()
    # Statement money the entry had taken is unmatched again and waits for finance to match it to the right case
    # (a lazy import: reconciliation builds on this module).
    from legalops.ledger.reconciliation.services import reopen_reversed

    reopen_reversed(session, entry, mirror, actor)
    return mirror


def add_cost(session: Session, *, case_id: int, kind: str, amount: Decimal, incurred_on: dt.date, description: str,
             actor) -> ClaimCost:
    """Record a cost of realising the claim (court, preservation, appraisal fees); flush, never commit."""
    if not isinstance(amount, Decimal) or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(N_("Enter an amount in yuan with at most two decimal places."), field="amount")
    if not kind.strip():
        raise DomainError(N_("Say what the cost is for."), field="kind")
    cost = ClaimCost(case_id=_lock_case(session, case_id).id, kind=kind.strip()[:40], amount=amount,
                     incurred_on=incurred_on, description=description.strip()[:300], created_by_id=getattr(actor, "id", None))
    session.add(cost)
    session.flush()
    record(session, actor, "create", cost, after={"kind": cost.kind, "amount": str(amount)}, summary=f"{cost.kind} {amount}")
    return cost
