"""Proceeds that reach us: the expected amount of a round, and its posting to the recovery ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.auth.models import User
from legalops.cases.models import Case, Collateral
from legalops.core.errors import Conflict, DomainError
from legalops.core.i18n import N_
from legalops.deadlines.services import close_deadlines
from legalops.disposal import queries
from legalops.disposal.models import AuctionRound, RoundStatus
from legalops.disposal.overview import ROUND_ORIGIN, distribution_at, local_day, proposals_after, sale_day
from legalops.disposal.policies import can_record_receipt
from legalops.disposal.schedule import SOURCE_ROUND
from legalops.disposal.schemas import ReceiptIn
from legalops.ledger.models import LedgerEntry
from legalops.ledger.reconciliation.models import ExpectedRecovery
from legalops.ledger.reconciliation.services import expect_recovery
from legalops.ledger.services import post_recovery


def expected_receipt(session: Session, case: Case, item: Collateral, row: AuctionRound,
                     on: dt.date) -> tuple[Decimal, str] | None:
    """Return (amount, ledger source) we expect from a sold round or from accepting a failed round's item."""
    if row.status == RoundStatus.sold and row.winning_bid is not None:
        share = distribution_at(session, case, item, row.winning_bid, row.enforcement_costs, sale_day(row), row)
        return share.ours, "auction_proceeds"
    if row.status == RoundStatus.failed:
        in_lieu = [p for p in proposals_after(session, case, item, row, on) if p.kind == "in_lieu"]
        if in_lieu and in_lieu[0].price is not None:
            return in_lieu[0].price - (in_lieu[0].difference or Decimal("0")), "in_lieu_acceptance"
    return None


ORIGIN = ROUND_ORIGIN
#: Courts pay proceeds out some weeks after the buyer pays: a bank line this far either side may match (a setting).
PAYOUT_WINDOW_DAYS = 30


def _open_expectation(session: Session, row: AuctionRound) -> ExpectedRecovery | None:
    return session.execute(select(ExpectedRecovery).where(
        ExpectedRecovery.origin == ORIGIN, ExpectedRecovery.origin_id == str(row.id),
        ExpectedRecovery.status == "open")).scalar_one_or_none()


def expect_proceeds(session: Session, case: Case, item: Collateral, row: AuctionRound, on: dt.date) -> None:
    """Announce our share of a sold round to bank reconciliation (kept in step with later changes of the round)."""
    open_one = _open_expectation(session, row)
    expected = expected_receipt(session, case, item, row, on) if row.status == RoundStatus.sold else None
    if expected is None or expected[0] <= 0:
        if open_one is not None:
            open_one.status = "cancelled"
        return
    if open_one is not None:
        open_one.amount, open_one.expected_on = expected[0], payment_day(row)
        return
    expect_recovery(session, case_id=case.id, amount=expected[0], expected_on=payment_day(row), source=expected[1],
                    payer=case.court_name, origin=ORIGIN, origin_id=str(row.id), window_days=PAYOUT_WINDOW_DAYS)


def default_reference(row: AuctionRound) -> str:
    """Return the reference a receipt carries unless typed: the ruling number, else the round's id."""
    return row.ruling_number or f"AR-{row.id}"


def record_receipt(session: Session, case: Case, data: ReceiptIn, actor: User) -> LedgerEntry:
    """Post proceeds of a round to the ledger (once per round and source); close the buyer's payment deadline."""
    if not can_record_receipt(actor):
        raise DomainError(N_("You may not record receipts."))
    row = queries.get_round(session, case, data.round_id)
    wanted = RoundStatus.sold if data.source == "auction_proceeds" else RoundStatus.failed
    if row.status != wanted:
        raise DomainError(N_("Auction proceeds come from a sold round; acceptance in lieu from a failed one."),
                          field="source")
    reference = (data.reference or "").strip() or default_reference(row)
    posted = session.execute(select(LedgerEntry.id).where(
        LedgerEntry.case_id == case.id, LedgerEntry.source == data.source, LedgerEntry.reference == reference,
        LedgerEntry.reverses_id.is_(None),
        ~LedgerEntry.id.in_(select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.is_not(None))))).first()
    if posted is not None:
        raise Conflict(N_("These proceeds are already in the ledger (reference %(reference)s); reverse that entry "
                          "first to correct it."), field="amount", reference=reference)
    entry = post_recovery(session, case_id=case.id, amount=data.amount, received_on=data.received_on,
                          source=data.source, payer=data.payer, reference=reference, actor=actor)
    record(session, actor, "receipt", row, after={"ledger_entry": entry.id, "amount": str(data.amount),
                                                  "received_on": data.received_on.isoformat()},
           summary=f"round {row.round_number} {data.source}")
    close_deadlines(session, source=SOURCE_ROUND, source_id=str(row.id), kind="auction_payment", actor=actor)
    expectation = _open_expectation(session, row)
    if expectation is not None:
        # Posted by hand: a bank line must not match it again and post the same money twice.
        expectation.status = "matched"
    return entry


def payment_day(row: AuctionRound) -> dt.date:
    """Return the day proceeds are expected: the buyer's payment deadline, else the round's end."""
    return row.payment_deadline or local_day(row.ends_at)
