"""Validated input for the assessment pages, and the JSON-safe message shape the findings carry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

from legalops.cases.schemas import OptionalAmount
from legalops.core.i18n import N_

EVENT_KINDS = {
    "due_date": N_("Due date (maturity or acceleration)"),
    "demand": N_("Demand for payment"),
    "acknowledgement": N_("Acknowledgement by the debtor"),
    "payment": N_("Part payment"),
    "suit": N_("Suit or arbitration filed"),
}

EXPECTED_ROUNDS = {"1": N_("First auction"), "2": N_("Second auction"), "sale": N_("Sale after two failed auctions (变卖)")}


def _flag(raw):
    # Checkboxes send "on" when ticked and nothing at all when not.
    if isinstance(raw, bool):
        return raw
    return str(raw or "").strip().lower() in ("on", "true", "1", "yes")


Flag = Annotated[bool, BeforeValidator(_flag)]


class FactsIn(BaseModel):
    """The facts counsel records for the route and the cost/recovery estimate."""

    claim_amount: OptionalAmount = None
    notarised_contract: Flag = False
    debt_uncontested: Flag = False
    debtor_reachable: Flag = False
    collateral_value: OptionalAmount = None
    expected_round: Literal["1", "2", "sale"] = "1"
    prior_claims: OptionalAmount = None
    appraisal_cost: OptionalAmount = None
    auction_cost: OptionalAmount = None
    lawyer_fee: OptionalAmount = None
    summary: str | None = Field(default=None, max_length=4000)


class EvidenceLineIn(BaseModel):
    """One checklist line as ticked on the page."""

    status: Literal["present", "missing", "doubtful", "not_applicable"]
    note: str | None = Field(default=None, max_length=500)


class EventIn(BaseModel):
    """A dated event that moves the limitation or guarantee clocks."""

    kind: Literal["due_date", "demand", "acknowledgement", "payment", "suit"]
    occurred_on: dt.date
    debtor_id: int | None = None
    note: str | None = Field(default=None, max_length=500)


class DecisionIn(BaseModel):
    """The approver's go / no-go, with the stage a go leads to."""

    decision: Literal["go", "no_go"]
    target_stage: Literal["litigation", "settlement"] | None = None
    route: str | None = Field(default=None, max_length=40)
    comments: str | None = Field(default=None, max_length=2000)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return value


def note(message: str, **params) -> dict[str, Any]:
    """Return a translatable message with its placeholders, JSON-safe so findings can be frozen."""
    return {"msg": message, "params": {k: _jsonable(v) for k, v in params.items()}}
