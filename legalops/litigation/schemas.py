"""Validated input for proceedings, events, judgments and measures (the firm portal reuses these)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from legalops.cases.schemas import Amount, OptionalAmount, field_error
from legalops.core.case_numbers import CaseNumberError, normalise_case_number
from legalops.core.i18n import N_


def _case_number(raw):
    if raw is None or raw == "":
        return None
    try:
        return normalise_case_number(str(raw))
    except CaseNumberError as exc:
        raise ValueError(exc.message) from exc


CaseNumberText = Annotated[str, BeforeValidator(_case_number)]
OptionalCaseNumber = Annotated[str | None, BeforeValidator(_case_number)]


def _flag(raw):
    # HTML checkboxes send "on" or nothing; JSON sends true/false.
    if isinstance(raw, bool) or raw is None:
        return bool(raw)
    return str(raw).strip().lower() in {"on", "true", "1", "yes"}


Flag = Annotated[bool, BeforeValidator(_flag)]


class ProceedingIn(BaseModel):
    """A suit before a court."""

    court_name: str = Field(min_length=2, max_length=200)
    jurisdiction_basis: Literal["agreed_clause", "defendant_domicile", "collateral_location"]
    court_case_number: OptionalCaseNumber = None
    judge: str | None = Field(default=None, max_length=100)
    procedure: Literal["ordinary", "simplified", "payment_order", "special"] = "ordinary"
    filed_on: dt.date | None = None
    accepted_on: dt.date | None = None
    fees_paid: OptionalAmount = None
    note: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _check(self):
        if self.filed_on and self.accepted_on and self.accepted_on < self.filed_on:
            raise field_error("accepted_on", N_("The court cannot accept a case before it was filed."))
        return self


class EventIn(BaseModel):
    """A dated event in a proceeding; a hearing may carry a time and a courtroom."""

    kind: Literal["service", "hearing", "preservation_ruling", "mediation", "withdrawal", "appeal"]
    occurred_on: dt.date
    party_id: int | None = None
    hearing_time: dt.time | None = None
    courtroom: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _check(self):
        if self.kind in ("service", "appeal") and self.party_id is None:
            raise field_error("party_id", N_("Choose the party served or appealing."))
        return self


class AwardIn(BaseModel):
    """One party's service date and, for a defendant, the award against it."""

    party_id: int
    served_on: dt.date | None = None
    domiciled_in_china: Flag = True
    liability: Literal["", "principal_debtor", "joint_and_several", "general_guarantee", "priority_collateral"] = ""
    amount: OptionalAmount = None
    collateral_id: int | None = None

    @model_validator(mode="after")
    def _check(self):
        if self.amount is not None and not self.liability:
            # An amount without a ground was stored with liability "" and then shown as the creditor's.
            raise field_error("liability", N_("Choose how this party is liable for the amount ordered."))
        if self.liability and self.amount is None:
            raise field_error("amount", N_("Enter the amount this defendant is ordered to pay."))
        if self.liability == "priority_collateral" and self.collateral_id is None:
            raise field_error("collateral_id", N_("Choose the collateral the creditor has priority over."))
        return self


class JudgmentIn(BaseModel):
    """A judgment, ruling or mediation statement with what each party must pay."""

    document_kind: Literal["judgment", "ruling", "mediation"] = "judgment"
    decided_on: dt.date
    performance_days: int | None = Field(default=10, ge=0, le=3650)
    debt_amount: Amount
    interest_amount: OptionalAmount = None
    costs_amount: OptionalAmount = None
    effective_on: dt.date | None = None
    note: str | None = Field(default=None, max_length=1000)
    parties: list[AwardIn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self):
        if self.debt_amount <= 0:
            raise field_error("debt_amount", N_("The amount awarded must be more than zero."))
        for award in self.parties:
            if award.served_on and award.served_on < self.decided_on:
                raise field_error(f"served_on_{award.party_id}",
                                  N_("A judgment cannot be served before it was given."))
        if self.effective_on and self.effective_on < self.decided_on:
            raise field_error("effective_on", N_("A judgment cannot take effect before it was given."))
        if not any(a.liability for a in self.parties):
            raise field_error("parties", N_("Enter at least one defendant's award."))
        return self


class ServiceIn(BaseModel):
    """The date a judgment reached one party."""

    party_id: int
    served_on: dt.date


class MeasureIn(BaseModel):
    """A freeze, seizure or attachment and what it holds."""

    phase: Literal["preservation", "enforcement"] = "preservation"
    kind: Literal["freeze", "seizure", "attachment"]
    asset_type: Literal["bank_deposit", "movables", "real_estate", "other_rights"]
    object_description: str = Field(min_length=2, max_length=500)
    ruling_number: str | None = Field(default=None, max_length=60)
    imposed_on: dt.date
    #: As the court's notice gives it; empty = the maximum term computed from the start date.
    expires_on: dt.date | None = None
    amount: OptionalAmount = None
    note: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _check(self):
        if self.expires_on and self.expires_on <= self.imposed_on:
            raise field_error("expires_on", N_("The measure must expire after it was imposed."))
        return self


class RenewalIn(BaseModel):
    """A renewal (续行) of a measure for a new term."""

    renewed_on: dt.date
    #: As the court's notice gives it; empty = the maximum term counted from the day after the old expiry.
    expires_on: dt.date | None = None
    ruling_number: str | None = Field(default=None, max_length=60)

