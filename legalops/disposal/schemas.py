"""Validated input for the disposal pages: reference prices, objections, encumbrances, rounds, outcomes, receipts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from legalops.cases.schemas import Amount, OptionalAmount
from legalops.core.clock import CHINA
from legalops.core.i18n import N_

PRICE_METHODS = {
    "negotiation": N_("Negotiation between the parties (议价)"),
    "targeted_inquiry": N_("Targeted inquiry (定向询价)"),
    "online_inquiry": N_("Online inquiry (网络询价)"),
    "appraisal": N_("Commissioned appraisal (委托评估)"),
}
ROUND_MODES = {"online": N_("Online judicial auction"), "commissioned": N_("Commissioned auctioneer")}
ROUND_STATUSES = {
    "scheduled": N_("Scheduled"), "announced": N_("Announced"), "live": N_("Bidding"), "sold": N_("Sold"),
    "failed": N_("Failed (流拍)"), "withdrawn": N_("Withdrawn"), "suspended": N_("Suspended"),
    "buyer_defaulted": N_("Buyer defaulted (悔拍)"),
}
ENCUMBRANCE_KINDS = {"mortgage": N_("Mortgage"), "pledge": N_("Pledge"),
                     "statutory_priority": N_("Statutory priority (e.g. construction price)")}
OBJECTION_OUTCOMES = {"pending": N_("Pending"), "upheld": N_("Upheld: the price no longer stands"),
                      "dismissed": N_("Dismissed")}
QUOTE_ROWS = 4


def _url(raw):
    if not raw:
        return ""
    parts = urlsplit(str(raw).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in str(raw).strip():
        raise ValueError(N_("Enter a full web address starting with https://."))
    return str(raw).strip()


def _china(value: dt.datetime) -> dt.datetime:
    # Times typed on the page are Beijing time; stored aware, so UTC in the database means the same instant.
    return value.replace(tzinfo=CHINA) if value.utcoffset() is None else value.astimezone(CHINA)


ChinaTime = Annotated[dt.datetime, AfterValidator(_china)]
Url = Annotated[str, BeforeValidator(_url)]


def blame(field: str, message: str) -> PydanticCustomError:
    """Blame one field from a cross-field check."""
    return PydanticCustomError("field_error", message, {"field": field})


class QuoteIn(BaseModel):
    """One platform's figure in an online inquiry."""

    platform: str = Field(min_length=1, max_length=100)
    amount: Amount
    reported_on: dt.date


class ReferencePriceIn(BaseModel):
    """A reference-price determination as entered on the page."""

    method: Literal["negotiation", "targeted_inquiry", "online_inquiry", "appraisal"]
    value: OptionalAmount = None
    determined_on: dt.date
    requested_on: dt.date | None = None
    served_on: dt.date | None = None
    agency: str | None = Field(default=None, max_length=200)
    report_number: str | None = Field(default=None, max_length=120)
    note: str | None = Field(default=None, max_length=1000)
    quotes: list[QuoteIn] = []

    @model_validator(mode="after")
    def _complete(self):
        if self.method == "online_inquiry":
            if not self.quotes:
                raise blame("platform_1", N_("Enter each platform's figure."))
        elif self.value is None or self.value <= 0:
            raise blame("value", N_("Enter the reference price."))
        if self.method == "appraisal" and not (self.agency and self.report_number):
            raise blame("agency" if not self.agency else "report_number",
                        N_("Enter the appraisal agency and the report number."))
        return self


class ObjectionIn(BaseModel):
    """A party's objection to a reference price, and its outcome once decided."""

    price_id: int
    filed_on: dt.date
    party: str = Field(min_length=1, max_length=200)
    grounds: str = Field(min_length=1, max_length=2000)
    outcome: Literal["pending", "upheld", "dismissed"] = "pending"
    decided_on: dt.date | None = None


class ObjectionDecisionIn(BaseModel):
    """The court's decision on a pending objection."""

    objection_id: int
    outcome: Literal["upheld", "dismissed"]
    decided_on: dt.date


class EncumbranceIn(BaseModel):
    """Another creditor's claim on the item."""

    creditor: str = Field(min_length=1, max_length=200)
    kind: Literal["mortgage", "pledge", "statutory_priority"] = "mortgage"
    rank: int = Field(ge=1, le=99)
    secured_amount: Amount
    note: str | None = Field(default=None, max_length=500)


class RoundIn(BaseModel):
    """A new auction round; the statutory checks run in the service."""

    mode: Literal["online", "commissioned"]
    platform: str | None = Field(default=None, max_length=100)
    listing_url: Url = ""
    round_number: int = Field(ge=1, le=9)
    reserve_price: Amount
    deposit: Amount
    bid_increment: OptionalAmount = None
    previous_reserve: OptionalAmount = None
    announced_on: dt.date
    starts_at: ChinaTime
    ends_at: ChinaTime
    override_reason: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _order(self):
        if self.ends_at <= self.starts_at:
            raise blame("ends_at", N_("The end must come after the start."))
        if self.announced_on > self.starts_at.date():
            raise blame("announced_on", N_("The announcement must come before the auction."))
        if self.reserve_price <= 0:
            raise blame("reserve_price", N_("Enter the reserve price."))
        return self


class OutcomeIn(BaseModel):
    """What happened to a round: its status, bids, buyer, payment and ruling."""

    round_id: int
    status: Literal["scheduled", "announced", "live", "sold", "failed", "withdrawn", "suspended", "buyer_defaulted"]
    bids_count: int | None = Field(default=None, ge=0)
    winning_bid: OptionalAmount = None
    buyer: str | None = Field(default=None, max_length=200)
    payment_deadline: dt.date | None = None
    ruling_number: str | None = Field(default=None, max_length=120)
    ruling_on: dt.date | None = None
    transferred_on: dt.date | None = None
    enforcement_costs: OptionalAmount = None

    @model_validator(mode="after")
    def _sold(self):
        if self.status in ("sold", "buyer_defaulted") and self.winning_bid is None:
            raise blame("winning_bid", N_("Enter the winning bid."))
        if self.status in ("sold", "buyer_defaulted") and not self.buyer:
            raise blame("buyer", N_("Enter the buyer."))
        if self.status == "failed" and self.bids_count:
            raise blame("bids_count", N_("A failed round had no bids."))
        return self


class ReceiptIn(BaseModel):
    """Proceeds received for a sold round or an accepted item, to post to the ledger."""

    round_id: int
    amount: Amount
    received_on: dt.date
    payer: str = Field(min_length=1, max_length=200)
    reference: str | None = Field(default=None, max_length=120)
    source: Literal["auction_proceeds", "in_lieu_acceptance"] = "auction_proceeds"
