"""Demo disposal records: reference prices and a sold, a failed and an upcoming round on cases in disposal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case, Collateral, Stage
from legalops.core.clock import CHINA, today
from legalops.disposal import services
from legalops.disposal.models import AuctionRound
from legalops.disposal.schemas import EncumbranceIn, OutcomeIn, ReferencePriceIn, RoundIn

PLATFORMS = ("淘宝网司法拍卖", "京东拍卖", "公拍网")


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CHINA)


def _round(session, case, item, actor, *, number: int, reserve: Decimal, announced: dt.date, start: dt.date,
           platform: str) -> AuctionRound:
    data = RoundIn(mode="online", platform=platform, listing_url=f"https://sf.example.cn/item/{case.id}-{number}",
                   round_number=number, reserve_price=reserve, deposit=(reserve / 10).quantize(Decimal("1")),
                   bid_increment=Decimal("5000"), announced_on=announced, starts_at=_at(start),
                   ends_at=_at(start + dt.timedelta(days=1)))
    return services.add_round(session, case, item, data, actor)


def _price(session, case, item, actor, value: Decimal, on: dt.date, online: bool) -> None:
    if online:
        quotes = [{"platform": p, "amount": (value * k).quantize(Decimal("0.01")), "reported_on": on}
                  for p, k in zip(PLATFORMS, (Decimal("0.98"), Decimal("1.03"), Decimal("0.99")), strict=True)]
        data = ReferencePriceIn(method="online_inquiry", determined_on=on, requested_on=on - dt.timedelta(days=2),
                                served_on=on + dt.timedelta(days=2), quotes=quotes)
    else:
        data = ReferencePriceIn(method="appraisal", value=value, determined_on=on, agency="上海信衡房地产估价有限公司",
                                report_number=f"信衡估字(2026)第{case.id:04d}号", served_on=on + dt.timedelta(days=3))
    services.add_reference_price(session, case, item, data, actor)


def seed_disposal(session: Session, actor: User) -> int:
    """Give the first three disposal-stage cases with collateral a sold, a failed and an upcoming round."""
    rows = session.execute(select(Case, Collateral).join(Collateral, Collateral.case_id == Case.id)
                           .where(Case.stage == Stage.disposal).order_by(Case.id)).all()
    done = set(session.execute(select(AuctionRound.case_id)).scalars())
    now = today()
    seeded = 0
    for scenario, (case, item) in enumerate([row for row in rows if row[0].id not in done][:3]):
        value = (item.registered_amount or Decimal("1000000")).quantize(Decimal("1"))
        if scenario == 0:  # sold in the first round, with a senior bank mortgage ahead of ours
            item.rank = 2
            services.add_encumbrance(session, case, item, EncumbranceIn(
                creditor="某农村商业银行", rank=1, secured_amount=(value * Decimal("0.2")).quantize(Decimal("1"))), actor)
            _price(session, case, item, actor, value, now - dt.timedelta(days=130), online=False)
            sold = _round(session, case, item, actor, number=1, reserve=(value * Decimal("0.72")).quantize(Decimal("1")),
                          announced=now - dt.timedelta(days=90), start=now - dt.timedelta(days=50),
                          platform=PLATFORMS[0])
            services.record_outcome(session, case, OutcomeIn(
                round_id=sold.id, status="sold", bids_count=17, winning_bid=(value * Decimal("0.86")).quantize(Decimal("1")),
                buyer="刘建国", payment_deadline=now - dt.timedelta(days=35), enforcement_costs=Decimal("18600.00"),
                ruling_number=f"({now.year})执{case.id:04d}号之一", ruling_on=now - dt.timedelta(days=25),
                transferred_on=now - dt.timedelta(days=20)), actor)
        elif scenario == 1:  # the first round failed; the page proposes re-auction or acceptance in lieu
            _price(session, case, item, actor, value, now - dt.timedelta(days=100), online=True)
            failed = _round(session, case, item, actor, number=1, reserve=(value * Decimal("0.72")).quantize(Decimal("1")),
                            announced=now - dt.timedelta(days=60), start=now - dt.timedelta(days=20),
                            platform=PLATFORMS[1])
            services.record_outcome(session, case, OutcomeIn(round_id=failed.id, status="failed", bids_count=0), actor)
        else:  # announced, bidding in about three weeks
            _price(session, case, item, actor, value, now - dt.timedelta(days=45), online=False)
            _round(session, case, item, actor, number=1, reserve=(value * Decimal("0.75")).quantize(Decimal("1")),
                   announced=now - dt.timedelta(days=10), start=now + dt.timedelta(days=22), platform=PLATFORMS[0])
        seeded += 1
    return seeded
