"""Validated input for cases, loans, collateral and debtor roles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from legalops.cases.models import DebtorRole, Stage
from legalops.core.i18n import N_
from legalops.core.money import parse_amount


def _amount(raw):
    if raw is None or isinstance(raw, Decimal):
        return raw
    try:
        return parse_amount(raw)
    except ValueError as exc:
        raise ValueError(N_("Enter an amount such as 1234.56.")) from exc


def _rate(raw):
    if raw is None or isinstance(raw, Decimal):
        return raw
    text = str(raw).strip().rstrip("%").rstrip("％")
    try:
        value = Decimal(text)
    except Exception as exc:
        raise ValueError(N_("Enter an annual rate in percent, such as 4.35.")) from exc
    if value < 0 or value > 100:
        raise ValueError(N_("Enter an annual rate in percent, such as 4.35."))
    if value != value.quantize(Decimal("0.000001")):
        raise ValueError(N_("Rates are kept to six decimal places."))
    return value


Amount = Annotated[Decimal, BeforeValidator(_amount)]
OptionalAmount = Annotated[Decimal | None, BeforeValidator(_amount)]
OptionalRate = Annotated[Decimal | None, BeforeValidator(_rate)]

COLLATERAL_KINDS = ("real_estate", "land_use_right", "vehicle", "equipment", "equity", "receivable", "deposit", "other")
REPAYMENT_METHODS = ("equal_instalments", "equal_principal", "bullet", "monthly_interest", "quarterly_interest",
                     "annual_interest", "other")


def field_error(field: str, message: str) -> PydanticCustomError:
    """Blame one field from a cross-field check."""
    return PydanticCustomError("field_error", message, {"field": field})


class CaseIn(BaseModel):
    """The case's own fields (the creditor is a PartyIn next to it)."""

    portfolio_id: int | None = None
    counsel_id: int | None = None
    court_name: str | None = Field(default=None, max_length=200)
    court_case_number: str | None = Field(default=None, max_length=60)
    opened_on: dt.date | None = None
    note: str | None = Field(default=None, max_length=2000)


class DebtorIn(BaseModel):
    """A party's role on a case."""

    role: DebtorRole
    guarantee_limit: OptionalAmount = None
    guarantee_period_months: int | None = Field(default=None, ge=1, le=600)
    note: str | None = Field(default=None, max_length=500)


class LoanIn(BaseModel):
    """A loan contract as entered by counsel or imported."""

    contract_number: str = Field(min_length=1, max_length=80)
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    principal: Amount
    contract_rate: OptionalRate = None
    penalty_rate: OptionalRate = None
    compound_rate: OptionalRate = None
    rate_terms: str | None = Field(default=None, max_length=60, pattern=r"^\s*(?:[15]\s*[Yy]\s*LPR.*)?$")
    signed_on: dt.date | None = None
    disbursed_on: dt.date | None = None
    maturity_date: dt.date | None = None
    default_date: dt.date | None = None
    cutoff_date: dt.date | None = None
    outstanding_principal: OptionalAmount = None
    outstanding_interest: OptionalAmount = None
    outstanding_penalty: OptionalAmount = None
    repayment_method: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _check(self):
        if self.principal <= 0:
            raise field_error("principal", N_("The principal must be more than zero."))
        if self.outstanding_principal is not None and self.outstanding_principal > self.principal:
            raise field_error("outstanding_principal", N_("Outstanding principal cannot exceed the principal lent."))
        if self.disbursed_on and self.maturity_date and self.maturity_date < self.disbursed_on:
            raise field_error("maturity_date", N_("The maturity date is before the disbursement date."))
        if self.signed_on and self.disbursed_on and self.disbursed_on < self.signed_on:
            raise field_error("disbursed_on", N_("The disbursement date is before the contract was signed."))
        if self.repayment_method and self.repayment_method not in REPAYMENT_METHODS:
            raise field_error("repayment_method", N_("Choose one of the listed options."))
        self.contract_number = self.contract_number.strip()
        return self

    def column_values(self) -> dict:
        """Return the values to store; unknown outstanding amounts are zero."""
        data = self.model_dump()
        for key in ("outstanding_principal", "outstanding_interest", "outstanding_penalty"):
            data[key] = data[key] if data[key] is not None else Decimal("0.00")
        data["repayment_method"] = data["repayment_method"] or ""
        data["rate_terms"] = (data["rate_terms"] or "").strip()
        return data


class CollateralIn(BaseModel):
    """An asset securing the case's loans."""

    kind: str
    description: str = Field(min_length=1, max_length=500)
    certificate_number: str | None = Field(default=None, max_length=120)
    location: str | None = Field(default=None, max_length=300)
    registered_amount: OptionalAmount = None
    rank: int = Field(default=1, ge=1, le=20)
    owner_id: int | None = None

    @model_validator(mode="after")
    def _check(self):
        if self.kind not in COLLATERAL_KINDS:
            raise field_error("kind", N_("Choose one of the listed options."))
        return self

    def column_values(self) -> dict:
        """Return the values to store."""
        data = self.model_dump()
        for key in ("certificate_number", "location"):
            data[key] = data[key] or ""
        return data


class StageChangeIn(BaseModel):
    """A request to move a case to another stage."""

    to: Stage
    reason: str | None = Field(default=None, max_length=500)
