"""Read-only disposal queries: reference prices, rounds, encumbrances, upcoming auctions (scoped like cases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case, Collateral
from legalops.cases.queries import list_collateral, scope
from legalops.core.clock import utcnow
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.disposal import pricing
from legalops.disposal.models import (
    AuctionRound,
    Encumbrance,
    InquiryQuote,
    PriceObjection,
    ReferencePrice,
    RoundStatus,
)

UPCOMING = (RoundStatus.scheduled.value, RoundStatus.announced.value, RoundStatus.live.value)


def list_reference_prices(session: Session, item: Collateral) -> list[ReferencePrice]:
    """Return an item's reference prices, newest first."""
    stmt = (select(ReferencePrice).where(ReferencePrice.collateral_id == item.id)
            .order_by(ReferencePrice.determined_on.desc(), ReferencePrice.id.desc()))
    return list(session.execute(stmt).scalars())


def list_quotes(session: Session, price_ids: list[int]) -> dict[int, list[InquiryQuote]]:
    """Return the online-inquiry quotes of these prices, by price id."""
    out: dict[int, list[InquiryQuote]] = {pid: [] for pid in price_ids}
    rows = session.execute(select(InquiryQuote).where(InquiryQuote.reference_price_id.in_(price_ids))
                           .order_by(InquiryQuote.id)).scalars()
    for quote in rows:
        out[quote.reference_price_id].append(quote)
    return out


def list_objections(session: Session, price_ids: list[int]) -> dict[int, list[PriceObjection]]:
    """Return the objections to these prices, by price id."""
    out: dict[int, list[PriceObjection]] = {pid: [] for pid in price_ids}
    rows = session.execute(select(PriceObjection).where(PriceObjection.reference_price_id.in_(price_ids))
                           .order_by(PriceObjection.filed_on, PriceObjection.id)).scalars()
    for objection in rows:
        out[objection.reference_price_id].append(objection)
    return out


def get_reference_price(session: Session, case: Case, price_id: int | None) -> ReferencePrice:
    """Return one of the case's reference prices, or NotFound."""
    price = session.get(ReferencePrice, price_id) if price_id else None
    if price is None or price.case_id != case.id:
        raise NotFound(N_("Not found."))
    return price


def get_objection(session: Session, case: Case, item: Collateral, objection_id: int | None) -> PriceObjection:
    """Return an objection to one of this item's reference prices on the case, or NotFound."""
    found = session.get(PriceObjection, objection_id) if objection_id else None
    price = session.get(ReferencePrice, found.reference_price_id) if found is not None else None
    if found is None or found.case_id != case.id or price is None or price.collateral_id != item.id:
        raise NotFound(N_("Not found."))
    return found


def first_announcement(session: Session, item_id: int, since: dt.date) -> dt.date | None:
    """Return the first announcement of a round of this item on or after `since` (for the validity grace)."""
    stmt = (select(AuctionRound.announced_on).where(AuctionRound.collateral_id == item_id,
                                                     AuctionRound.announced_on >= since)
            .order_by(AuctionRound.announced_on).limit(1))
    return session.execute(stmt).scalar_one_or_none()


def latest_valid_reference_price(session: Session, item: Collateral, on: dt.date) -> ReferencePrice | None:
    """Return the newest reference price usable on `on`: not overturned on objection, within validity or grace."""
    prices = list_reference_prices(session, item)
    objections = list_objections(session, [p.id for p in prices])
    for price in prices:
        if any(o.outcome == "upheld" for o in objections[price.id]):
            continue
        if pricing.is_usable(price.determined_on, on, first_announcement(session, item.id, price.determined_on)):
            return price
    return None


@dataclass(frozen=True)
class CaseValue:
    """The sum of a case's latest valid reference prices, item by item (for the assessment's estimate)."""

    total: Decimal
    items: list[tuple[Collateral, ReferencePrice]]

    def steps(self) -> tuple[str, ...]:
        """Return one line per item: its reference price, method, date and validity."""
        lines = tuple(f"{item.description}：参考价 {price.value:,.2f} 元（{price.determined_on.isoformat()} 确定，"
                      f"有效期至 {pricing.validity(price.determined_on).expires_on.isoformat()}）"
                      for item, price in self.items)
        return lines + ((f"参考价合计 {self.total:,.2f} 元",) if len(self.items) > 1 else ())

    def citations(self) -> tuple:
        """Return the rule that makes these prices usable (参考价规定 art. 27)."""
        return (pricing.validity(self.items[0][1].determined_on).citation,)


def case_reference_value(session: Session, case: Case, on: dt.date) -> CaseValue | None:
    """Return the case's collateral value from valid reference prices, or None if no item has one."""
    found = [(item, price) for item in list_collateral(session, case)
             if (price := latest_valid_reference_price(session, item, on)) is not None]
    if not found:
        return None
    return CaseValue(sum((price.value for _, price in found), Decimal("0.00")), found)


def list_rounds(session: Session, item: Collateral) -> list[AuctionRound]:
    """Return an item's auction rounds in the order they were held."""
    stmt = (select(AuctionRound).where(AuctionRound.collateral_id == item.id)
            .order_by(AuctionRound.starts_at, AuctionRound.id))
    return list(session.execute(stmt).scalars())


def list_case_rounds(session: Session, case: Case) -> list[AuctionRound]:
    """Return every round of the case's collateral."""
    stmt = select(AuctionRound).where(AuctionRound.case_id == case.id).order_by(AuctionRound.starts_at)
    return list(session.execute(stmt).scalars())


def get_round(session: Session, case: Case, round_id: int | None) -> AuctionRound:
    """Return one of the case's rounds, or NotFound."""
    found = session.get(AuctionRound, round_id) if round_id else None
    if found is None or found.case_id != case.id:
        raise NotFound(N_("Not found."))
    return found


def list_encumbrances(session: Session, item: Collateral) -> list[Encumbrance]:
    """Return the other creditors' claims on an item, by rank."""
    stmt = select(Encumbrance).where(Encumbrance.collateral_id == item.id).order_by(Encumbrance.rank, Encumbrance.id)
    return list(session.execute(stmt).scalars())


def get_encumbrance(session: Session, case: Case, encumbrance_id: int | None) -> Encumbrance:
    """Return one of the case's encumbrances, or NotFound."""
    found = session.get(Encumbrance, encumbrance_id) if encumbrance_id else None
    if found is None or found.case_id != case.id:
        raise NotFound(N_("Not found."))
    return found


def list_upcoming_auctions(session: Session, user: User, days: int = 30) -> list[tuple[AuctionRound, Case, Collateral]]:
    """Return the rounds starting in the next `days` days on cases the user may see, soonest first."""
    now = utcnow()
    stmt = (select(AuctionRound, Case, Collateral)
            .join(Case, Case.id == AuctionRound.case_id)
            .join(Collateral, Collateral.id == AuctionRound.collateral_id)
            .where(AuctionRound.status.in_(UPCOMING), AuctionRound.starts_at >= now,
                   AuctionRound.starts_at <= now + dt.timedelta(days=days))
            .order_by(AuctionRound.starts_at, AuctionRound.id))
    return [(r, c, i) for r, c, i in session.execute(scope(stmt, user)).all()]
