"""Validated input for enforcement cases, leads, court receipts, termination, resumption and closure."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from legalops.cases.schemas import Amount, field_error
from legalops.core.case_numbers import parse_case_number
from legalops.core.i18n import N_
from legalops.litigation.schemas import MeasureIn, OptionalCaseNumber, RenewalIn  # noqa: F401 - reused as is


def _enforcement_number(number: str | None, field: str, allowed: tuple[str, ...]):
    if number and parse_case_number(number).case_type not in allowed:
        raise field_error(field, N_("An enforcement case number has the case-type code 执 (or 执恢 when resumed)."))


class EnforcementCaseIn(BaseModel):
    """An application for enforcement and the case the court opens on it."""

    court_name: str = Field(min_length=2, max_length=200)
    court_case_number: OptionalCaseNumber = None
    judge: str | None = Field(default=None, max_length=100)
    applied_on: dt.date
    accepted_on: dt.date | None = None

    @model_validator(mode="after")
    def _check(self):
        _enforcement_number(self.court_case_number, "court_case_number", ("执", "执恢"))
        if self.accepted_on and self.accepted_on < self.applied_on:
            raise field_error("accepted_on", N_("The court cannot accept a case before it was filed."))
        return self


class PropertyLeadIn(BaseModel):
    """A lead to an asset of a debtor."""

    kind: Literal["bank_account", "real_estate", "vehicle", "equity", "receivable", "other"]
    description: str = Field(min_length=2, max_length=500)
    identifier: str | None = Field(default=None, max_length=120)
    source: str | None = Field(default=None, max_length=200)
    status: Literal["new", "investigating", "measure_taken", "exhausted"] = "new"
    party_id: int | None = None
    reported_on: dt.date


class LeadStatusIn(BaseModel):
    """How far a lead has been followed."""

    status: Literal["new", "investigating", "measure_taken", "exhausted"]


class CourtReceiptIn(BaseModel):
    """Enforcement money received from the court."""

    amount: Amount
    received_on: dt.date
    reference: str | None = Field(default=None, max_length=120)
    payer: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _check(self):
        if self.amount <= 0:
            raise field_error("amount", N_("The amount received must be more than zero."))
        return self


class TerminationIn(BaseModel):
    """终结本次执行程序: the ruling's date and the reason."""

    terminated_on: dt.date
    reason: str = Field(min_length=2, max_length=1000)


class ResumptionIn(BaseModel):
    """执恢: enforcement resumed on new property, under a new 执恢 case number."""

    applied_on: dt.date
    court_case_number: OptionalCaseNumber = None
    judge: str | None = Field(default=None, max_length=100)
    reason: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _check(self):
        _enforcement_number(self.court_case_number, "court_case_number", ("执恢",))
        return self


class ClosureIn(BaseModel):
    """Final closure of enforcement (paid in full, settlement, 终结执行)."""

    closed_on: dt.date
    reason: str = Field(min_length=2, max_length=1000)
