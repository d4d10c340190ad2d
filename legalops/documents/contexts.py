"""What court forms are rendered from: plain, validated data with no ORM objects in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: How a respondent answers for the debt; each kind has its own sentence in the claims.
LiabilityKind = Literal["principal", "joint_guarantee", "general_guarantee", "security"]


class Strict(BaseModel):
    """Refuse unknown keys, so a typo in a context builder fails instead of rendering a blank."""

    model_config = ConfigDict(extra="forbid")


class Liability(Strict):
    """One ground on which a respondent is liable; for 'security', the collateral and its cap."""

    kind: LiabilityKind
    collateral: str = ""
    limit: Decimal | None = None


class PartyBlock(Strict):
    """A party's identity block as a court form prints it."""

    kind: Literal["person", "organisation"]
    name: str = Field(min_length=1)
    gender: str = ""
    birth_date: dt.date | None = None
    ethnicity: str = ""
    id_label: str = ""
    id_number: str = ""
    address: str = Field(min_length=1)
    residence: str = ""
    phone: str = ""
    employer: str = ""
    position: str = ""
    legal_rep: str = ""
    legal_rep_title: str = ""
    liabilities: list[Liability] = []


class Agent(Strict):
    """A litigation agent (委托诉讼代理人); blanks are left for the firm to fill in by hand."""

    name: str = ""
    firm: str = ""
    title: str = "律师"
    phone: str = ""


class LoanBlock(Strict):
    """A loan contract as the facts and reasons describe it."""

    contract_number: str
    signed_on: dt.date | None = None
    principal: Decimal
    disbursed_on: dt.date | None = None
    maturity_date: dt.date | None = None
    contract_rate: Decimal | None = None
    penalty_rate: Decimal | None = None
    outstanding_principal: Decimal
    outstanding_interest: Decimal
    outstanding_penalty: Decimal


class CollateralBlock(Strict):
    """An asset offered as security, and who owns it."""

    description: str
    certificate_number: str = ""
    location: str = ""
    owner: str = ""
    registered_amount: Decimal | None = None


class Amounts(Strict):
    """The claim in figures, rounded once by the builder."""

    principal: Decimal
    interest: Decimal
    penalty: Decimal
    total: Decimal
    cutoff_date: dt.date


class AssignmentBlock(Strict):
    """The creditor acquired the debt by assignment (债权转让): from whom, when, and when the debtors were told."""

    assignor: str = Field(min_length=1)
    assigned_on: dt.date | None = None
    notice_on: dt.date | None = None


class FilingBase(Strict):
    """What every form has: the court, the parties on both sides, the date and the signature."""

    court: str = Field(min_length=1)
    court_case_number: str = ""
    case_reference: str
    document_date: dt.date
    applicants: list[PartyBlock] = Field(min_length=1)
    respondents: list[PartyBlock] = []
    agents: list[Agent] = []


class ComplaintContext(FilingBase):
    """民事起诉状 (legal-rules §7.2)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    amounts: Amounts
    loans: list[LoanBlock] = Field(min_length=1)
    collateral: list[CollateralBlock] = []
    evidence: list[str] = []
    assignment: AssignmentBlock | None = None


class PreservationContext(FilingBase):
    """财产保全申请书 (legal-rules §7.4)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    amounts: Amounts
    collateral: list[CollateralBlock] = []
    property_leads: list[str] = []
    security_statement: str = Field(min_length=1)


class AwardBlock(Strict):
    """What the judgment orders one respondent to pay, and on which ground."""

    name: str = Field(min_length=1)
    liability: Literal["principal_debtor", "joint_and_several", "general_guarantee", "priority_collateral"]
    amount: Decimal
    collateral: str = ""


class DelayInterestBlock(Strict):
    """Doubled-part interest for delayed performance (民诉法 art. 264) from `start` to `as_of`."""

    start: dt.date
    as_of: dt.date
    amount: Decimal


class EnforcementContext(FilingBase):
    """强制执行申请书 (legal-rules §7.3)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    court_case_number: str = Field(min_length=1)
    judgment_court: str = Field(min_length=1)
    judgment_effective_on: dt.date | None = None
    amounts: Amounts
    collateral: list[CollateralBlock] = []
    property_leads: list[str] = []
    #: From the recorded judgment (litigation): what each respondent was ordered to pay, and the doubled interest.
    awards: list[AwardBlock] = []
    costs: Decimal | None = None
    delay_interest: DelayInterestBlock | None = None


class MeasureBlock(Strict):
    """A freeze, seizure or attachment to be renewed, with its current term."""

    kind: str = Field(min_length=1)
    object_description: str = Field(min_length=1)
    ruling_number: str = ""
    imposed_on: dt.date
    expires_on: dt.date


class RenewalContext(FilingBase):
    """续行查封、冻结申请书 (财产保全规定 art. 18; 民诉法解释 art. 485)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    court_case_number: str = Field(min_length=1)
    measures: list[MeasureBlock] = Field(min_length=1)


class PowerOfAttorneyContext(FilingBase):
    """授权委托书: the creditor instructs its litigation agents."""

    respondents: list[PartyBlock] = Field(min_length=1)
    agents: list[Agent] = Field(min_length=1)
    special_authority: bool = True


class LegalRepCertificateContext(FilingBase):
    """法定代表人身份证明书 for each organisation among the applicants."""


class InLieuContext(FilingBase):
    """以物抵债申请书: take a collateral item at the failed round's reserve (拍卖变卖规定 art. 16)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    court_case_number: str = Field(min_length=1)
    collateral: CollateralBlock
    round_number: int = Field(ge=1)
    online: bool
    platform: str = ""
    ended_on: dt.date
    price: Decimal
    claim: Decimal
    claim_date: dt.date
    #: What the creditor pays in when its claim does not absorb the price (0 when it does).
    difference: Decimal = Decimal("0")
