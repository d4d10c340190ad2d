"""Put one collateral item's disposal together: prices and validity, rounds, next steps, distribution."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from legalops.cases.models import Case, Collateral
from legalops.cases.queries import list_loans
from legalops.core.clock import CHINA
from legalops.disposal import pricing, queries
from legalops.disposal.checks import asset_class
from legalops.disposal.distribution import Claimant, Distribution, distribute
from legalops.disposal.models import AuctionRound, RoundStatus
from legalops.disposal.proposals import EndedRound, Proposal, propose

ZERO = Decimal("0.00")
OURS = "我方（申请执行人）"


def our_claim(session: Session, case: Case, on: dt.date) -> Decimal:
    """Return what the case's debtors owe us: outstanding principal, interest and penalty of its loans."""
    return sum((loan.outstanding_principal + loan.outstanding_interest + loan.outstanding_penalty
                for loan in list_loans(session, case)), ZERO)


def claimants(session: Session, item: Collateral, claim: Decimal) -> list[Claimant]:
    """Return our security (capped at the registered amount and the claim) and the other recorded encumbrances."""
    cap = min(item.registered_amount, claim) if item.registered_amount is not None else claim
    ours = Claimant(OURS, item.rank, cap, ours=True)
    others = [Claimant(e.creditor, e.rank, e.secured_amount, kind=e.kind)
              for e in queries.list_encumbrances(session, item)]
    return [ours, *others]


def distribution_at(session: Session, case: Case, item: Collateral, price: Decimal, costs: Decimal,
                    on: dt.date) -> Distribution:
    """Split `price` among costs, the secured creditors by rank and our remaining claim."""
    claim = our_claim(session, case, on)
    return distribute(price, costs, claimants(session, item, claim), claim)


def local_day(moment: dt.datetime) -> dt.date:
    """Return the Beijing-time date of an instant (legal periods count in China's days)."""
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(CHINA).date()


def proposals_after(session: Session, case: Case, item: Collateral, row: AuctionRound) -> list[Proposal]:
    """Return the lawful next steps after a failed round or a buyer's default (empty otherwise)."""
    if row.status not in (RoundStatus.failed, RoundStatus.buyer_defaulted):
        return []
    ended = local_day(row.ends_at)
    reference = queries.latest_valid_reference_price(session, item, ended)
    facts = EndedRound(row.mode, asset_class(item.kind), row.round_number, row.reserve_price, row.deposit, ended,
                       row.status, reference.value if reference else None)
    return propose(facts, lambda price: distribution_at(session, case, item, price, row.enforcement_costs, ended).ours)


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
                                                                row.enforcement_costs, on)}
    next_number = max((r.round_number for r in rounds if r.status == RoundStatus.failed), default=0) + 1
    defaulted = [r for r in rounds if r.status == RoundStatus.buyer_defaulted]
    if rounds and rounds[-1].status == RoundStatus.buyer_defaulted:
        next_number = defaulted[-1].round_number
    return {
        "item": item, "asset": asset_class(item.kind), "latest": latest,
        "prices": [_price_view(p, quotes[p.id], objections[p.id],
                               queries.first_announcement(session, item.id, p.determined_on), on) for p in prices],
        "rounds": rounds, "last_ended": last_ended,
        "proposals": proposals_after(session, case, item, last_ended) if last_ended else [],
        "distribution": distribution, "encumbrances": queries.list_encumbrances(session, item),
        "claim": our_claim(session, case, on), "next_round": next_number,
        "previous_reserve": ended[-1].reserve_price if ended else None,
    }
