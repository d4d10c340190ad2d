"""Disposal tables: reference prices and their quotes and objections, auction rounds, other creditors' encumbrances."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.db.types import Money


class PriceMethod(StrEnum):
    """How a reference price was fixed (参考价规定 art. 2), in the order the rules prefer them."""

    negotiation = "negotiation"  # 当事人议价
    targeted_inquiry = "targeted_inquiry"  # 定向询价
    online_inquiry = "online_inquiry"  # 网络询价
    appraisal = "appraisal"  # 委托评估


class RoundStatus(StrEnum):
    """Where an auction round stands."""

    scheduled = "scheduled"
    announced = "announced"
    live = "live"
    sold = "sold"
    failed = "failed"  # 流拍
    withdrawn = "withdrawn"  # 撤回
    suspended = "suspended"  # 暂缓/中止
    buyer_defaulted = "buyer_defaulted"  # 悔拍


class ReferencePrice(SQLModel, table=True):
    """One determination of a collateral item's reference price (参考价)."""

    __tablename__ = "reference_price"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    collateral_id: int = Field(foreign_key="collateral.id", index=True)
    method: str = Field(max_length=20)
    #: The reference price; for online inquiry the average of the platforms that reported on time (art. 13).
    value: Decimal = Field(sa_type=Money())
    #: Date of the negotiation record, inquiry result or appraisal report: the validity runs from here (art. 27).
    determined_on: dt.date
    #: Online inquiry: the day the court sent the inquiry to the platforms (reports due within 3 days, art. 11).
    requested_on: dt.date | None = None
    #: Day the report reached the parties; objections run 5 days from it (art. 22).
    served_on: dt.date | None = None
    agency: str = Field(default="", max_length=200)
    report_number: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=1000)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)


class InquiryQuote(SQLModel, table=True):
    """One platform's figure in an online inquiry (网络询价)."""

    __tablename__ = "inquiry_quote"

    id: int | None = Field(default=None, primary_key=True)
    reference_price_id: int = Field(foreign_key="reference_price.id", index=True)
    platform: str = Field(max_length=100)
    amount: Decimal = Field(sa_type=Money())
    reported_on: dt.date


class PriceObjection(SQLModel, table=True):
    """A party's objection to a reference price (参考价规定 arts. 22-25)."""

    __tablename__ = "price_objection"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    reference_price_id: int = Field(foreign_key="reference_price.id", index=True)
    filed_on: dt.date
    party: str = Field(max_length=200)
    grounds: str = Field(max_length=2000)
    #: pending, upheld (the price no longer stands) or dismissed.
    outcome: str = Field(default="pending", max_length=20)
    decided_on: dt.date | None = None


class Encumbrance(SQLModel, table=True):
    """Another creditor's secured or priority claim on a collateral item, paid from the proceeds by rank."""

    __tablename__ = "encumbrance"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    collateral_id: int = Field(foreign_key="collateral.id", index=True)
    creditor: str = Field(max_length=200)
    #: mortgage, pledge or statutory_priority (e.g. 建设工程价款优先受偿权).
    kind: str = Field(default="mortgage", max_length=30)
    #: Same scale as Collateral.rank: 1 is paid first; equal ranks share pro rata (民法典 art. 414).
    rank: int = 1
    #: What the creditor may take from the proceeds at most (registered amount or proven claim).
    secured_amount: Decimal = Field(sa_type=Money())
    note: str = Field(default="", max_length=500)


class AuctionRound(SQLModel, table=True):
    """One auction (or sale) round of a collateral item, with the checks it passed or the override it carries."""

    __tablename__ = "auction_round"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    collateral_id: int = Field(foreign_key="collateral.id", index=True)
    #: online (网络司法拍卖) or commissioned (委托拍卖机构).
    mode: str = Field(max_length=20)
    platform: str = Field(default="", max_length=100)
    listing_url: str = Field(default="", max_length=500)
    round_number: int = 1
    #: Re-auction after a buyer defaulted (悔拍): same round, the defaulter barred (网拍规定 art. 24).
    after_default: bool = False
    #: Reserve = starting price (起拍价, 网拍规定 art. 10).
    reserve_price: Decimal = Field(sa_type=Money())
    deposit: Decimal = Field(sa_type=Money())
    bid_increment: Decimal | None = Field(default=None, sa_type=Money())
    announced_on: dt.date
    #: Aware instants; legal dates are their Beijing-time dates (core.clock.CHINA).
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str = Field(default=RoundStatus.scheduled, max_length=20, index=True)
    bids_count: int | None = None
    winning_bid: Decimal | None = Field(default=None, sa_type=Money())
    buyer: str = Field(default="", max_length=200)
    payment_deadline: dt.date | None = None
    #: 拍卖成交/以物抵债裁定: title passes on its service (网拍规定 art. 22).
    ruling_number: str = Field(default="", max_length=120)
    ruling_on: dt.date | None = None
    transferred_on: dt.date | None = None
    #: Enforcement costs taken from the proceeds before any creditor (民诉法解释 art. 514).
    enforcement_costs: Decimal = Field(default=Decimal("0"), sa_type=Money())
    #: Why counsel entered the round despite a failed check; the failed checks are kept beside it.
    override_reason: str = Field(default="", max_length=1000)
    violations: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    #: Figures the checks used (reference price, previous reserve, floors), frozen with the round.
    checks: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1
