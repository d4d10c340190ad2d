"""Put one collateral item's disposal together: prices and validity, rounds, next steps, distribution."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.models import AuditEntry
from legalops.cases.models import Case, Collateral
from legalops.core.clock import CHINA, today
from legalops.core.money import format_yuan
from legalops.disposal import pricing, queries
from legalops.disposal.checks import asset_class
from legalops.disposal.distribution import Claimant, Distribution, distribute
from legalops.disposal.models import AuctionRound, RoundStatus
from legalops.disposal.proposals import EndedRound, Proposal, propose
from legalops.ledger.allocation import INTEREST_PARTS
from legalops.ledger.claims import Claim, compute_claim
from legalops.ledger.reconciliation.models import ExpectedRecovery, LineMatch

ZERO = Decimal("0.00")
OURS = "我方（申请执行人）"
#: The origin a round's expected proceeds carry in bank reconciliation.
ROUND_ORIGIN = "disposal.round"
_PART_WORDS = (("principal", "本金"), ("interest", "利息"), ("costs", "实现债权的费用"))


def round_entry_ids(session: Session, row: AuctionRound) -> set[int]:
    """Return the ledger entries that are this round's own proceeds: posted by hand or matched from a bank line."""
    # A receipt posted on the item page names its entry in the round's audit trail (the only durable link).
    posted = session.execute(select(AuditEntry.after).where(
        AuditEntry.object_type == "auction_round", AuditEntry.object_id == row.id, AuditEntry.action == "receipt"))
    ids = {after["ledger_entry"] for after in posted.scalars() if after and after.get("ledger_entry")}
    matched = (select(LineMatch.entry_id).join(ExpectedRecovery, ExpectedRecovery.id == LineMatch.expected_id)
               .where(ExpectedRecovery.origin == ROUND_ORIGIN, ExpectedRecovery.origin_id == str(row.id)))
    ids.update(session.execute(matched).scalars())
    return ids


def claim_on(session: Session, case: Case, on: dt.date, row: AuctionRound | None = None) -> Claim:
    """Return the ledger's claim to `on`, net of every allocated recovery except `row`'s own proceeds."""
    return compute_claim(session, case.id, on, excluding=round_entry_ids(session, row) if row is not None else ())


def claim_total(claim: Claim) -> Decimal:
    """Return what is still owed (never below zero: money beyond the claim is held unapplied)."""
    return max(claim.total, ZERO)


def claim_steps(claim: Claim) -> list[str]:
    """Explain the claim: what accrued to the date, what recoveries took off, what is left."""
    def parts(values: dict[str, Decimal]) -> str:
        sums = {"principal": values["principal"], "costs": values["costs"],
                "interest": sum((values[p] for p in INTEREST_PARTS), ZERO)}
        return "、".join(f"{word} {format_yuan(sums[key])}" for key, word in _PART_WORDS if sums[key])

    accrued, applied = sum(claim.accrued.values(), ZERO), sum(claim.applied.values(), ZERO)
    steps = [f"截至 {claim.as_of.isoformat()}，我方债权（含截至该日的利息）：{parts(claim.accrued) or format_yuan(ZERO)}，"
             f"合计 {format_yuan(accrued)}"]
    if applied:
        steps.append(f"已入账回款按抵充顺序冲抵 {format_yuan(applied)}（{parts(claim.applied)}）")
    steps.append(f"我方债权余额 {format_yuan(accrued)} − {format_yuan(applied)} = {format_yuan(claim_total(claim))}")
    return steps


def our_claim(session: Session, case: Case, on: dt.date) -> Decimal:
    """Return what the case's debtors owe us on `on`: the ledger's claim net of every allocated recovery."""
    return claim_total(claim_on(session, case, on))


def claimants(session: Session, item: Collateral, claim: Decimal) -> list[Claimant]:
    """Return our security (capped at the registered amount and the claim) and the other recorded encumbrances."""
    cap = min(item.registered_amount, claim) if item.registered_amount is not None else claim
    ours = Claimant(OURS, item.rank, cap, ours=True)
    others = [Claimant(e.creditor, e.rank, e.secured_amount, kind=e.kind)
              for e in queries.list_encumbrances(session, item)]
    return [ours, *others]


def distribution_at(session: Session, case: Case, item: Collateral, price: Decimal, costs: Decimal,
                    on: dt.date, row: AuctionRound | None = None) -> Distribution:
    """Split `price` among costs, the secured creditors by rank and our claim as the ledger has it on `on`."""
    claim = claim_on(session, case, on, row)
    total = claim_total(claim)
    result = distribute(price, costs, claimants(session, item, total), total)
    result.claim_on, result.claim_steps = on, claim_steps(claim)
    result.claim_citations = list(dict.fromkeys(claim.citations))
    return result


def local_day(moment: dt.datetime) -> dt.date:
    """Return the Beijing-time date of an instant (legal periods count in China's days)."""
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(CHINA).date()


def sale_day(row: AuctionRound) -> dt.date:
    """Return the day a sold round was knocked down (成交): our claim is counted to it."""
    return local_day(row.ends_at)


def in_lieu_day(row: AuctionRound, on: dt.date | None = None) -> dt.date:
    """Return the day our claim is counted to for acceptance in lieu: the ruling's date, else `on` (the estimate)."""
    return row.ruling_on or on or today()


def proposals_after(session: Session, case: Case, item: Collateral, row: AuctionRound,
                    on: dt.date | None = None) -> list[Proposal]:
    """Return the lawful next steps after a failed round or a buyer's default (empty otherwise)."""
    if row.status not in (RoundStatus.failed, RoundStatus.buyer_defaulted):
        return []
    ended = local_day(row.ends_at)
    reference = queries.latest_valid_reference_price(session, item, ended)
    facts = EndedRound(row.mode, asset_class(item.kind), row.round_number, row.reserve_price, row.deposit, ended,
                       row.status, reference.value if reference else None)
    shares: list[Distribution] = []

    def credited(price: Decimal) -> Decimal:
        shares.append(distribution_at(session, case, item, price, row.enforcement_costs, in_lieu_day(row, on), row))
        return shares[-1].ours

    proposals = propose(facts, credited, on or today())
    for proposal in proposals:
        if proposal.kind == "in_lieu" and shares:
            # The difference rests on the claim figure: show how it was reached and on what authority.
            proposal.steps[1:1] = shares[-1].claim_steps
            proposal.citations = list(dict.fromkeys(proposal.citations + shares[-1].claim_citations))
    return proposals


def _price_view(price, quotes, objections, first_announced: dt.date | None, on: dt.date) -> dict[str, Any]:
    validity = pricing.validity(price.determined_on)
    average = None
    if price.method == "online_inquiry" and quotes:
        average = pricing.online_average([(q.platform, q.amount, q.reported_on) for q in quotes], price.requested_on)
    overturned = any(o.outcome == "upheld" for o in objections)
    objection_due = pricing.objection_due(price.served_on) if price.served_on else None
    return {
        "price": price, "quotes": quotes, "average": average, "validity": validity,
        "usable": not overturned and pricing.is_usable(price.determined_on, on, first_announced),
        "overturned": overturned, "objection_due": objection_due,
        "objections": [{"row": o, "late": objection_due is not None and o.filed_on > objection_due.due_on}
                       for o in objections],
        "no_objection": price.method in pricing.NO_OBJECTION_METHODS,
    }


def item_view(session: Session, case: Case, item: Collateral, on: dt.date) -> dict[str, Any]:
    """Return everything the item's disposal page shows, as of `on`."""
    prices = queries.list_reference_prices(session, item)
    ids = [p.id for p in prices]
    quotes, objections = queries.list_quotes(session, ids), queries.list_objections(session, ids)
    rounds = queries.list_rounds(session, item)
    latest = queries.latest_valid_reference_price(session, item, on)
    ended = [r for r in rounds if r.status in (RoundStatus.failed, RoundStatus.buyer_defaulted)]
    last_ended = ended[-1] if ended and ended[-1] is rounds[-1] else None
    sold = [r for r in rounds if r.status == RoundStatus.sold]
    distribution = None
    if sold:
        row = sold[-1]
        distribution = {"round": row, "result": distribution_at(session, case, item, row.winning_bid,
                                                                row.enforcement_costs, sale_day(row), row)}
    next_number = max((r.round_number for r in rounds if r.status == RoundStatus.failed), default=0) + 1
    defaulted = [r for r in rounds if r.status == RoundStatus.buyer_defaulted]
    if rounds and rounds[-1].status == RoundStatus.buyer_defaulted:
        next_number = defaulted[-1].round_number
    return {
        "item": item, "asset": asset_class(item.kind), "latest": latest,
        "prices": [_price_view(p, quotes[p.id], objections[p.id],
                               queries.first_announcement(session, item.id, p.determined_on), on) for p in prices],
        "rounds": rounds, "last_ended": last_ended,
        "proposals": proposals_after(session, case, item, last_ended, on) if last_ended else [],
        "distribution": distribution, "encumbrances": queries.list_encumbrances(session, item),
        "claim": our_claim(session, case, on), "next_round": next_number,
        "previous_reserve": ended[-1].reserve_price if ended else None,
    }
