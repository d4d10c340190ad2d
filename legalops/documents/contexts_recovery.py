"""Context models of the recovery forms: demand letter, element-style complaint, payment order, security realisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from legalops.documents.contexts import (
    Amounts,
    AssignmentBlock,
    CollateralBlock,
    FilingBase,
    LoanBlock,
    PartyBlock,
    Strict,
)


class FeeBlock(Strict):
    """A court fee computed by a calculator, with its basis and citations as printed on the form."""

    amount: Decimal
    basis: str = Field(min_length=1)
    citations: list[str] = Field(min_length=1)


class DemandLetterContext(FilingBase):
    """律师函/催收函: one letter per addressee (respondent), with the debt at the cut-off date."""

    #: A letter is not addressed to a court; if one is chosen it is not printed either.
    court: str = ""
    respondents: list[PartyBlock] = Field(min_length=1)
    #: The borrowers named in every letter (the principal debt), whoever the letter is addressed to.
    debtor_names: list[str] = Field(min_length=1)
    amounts: Amounts
    loans: list[LoanBlock] = Field(min_length=1)
    assignment: AssignmentBlock | None = None
    #: Days from receipt the addressee is given to pay.
    payment_days: int = Field(default=7, ge=1, le=90)


class GuaranteeElement(Strict):
    """A guarantor as the element-style complaint lists it."""

    name: str
    kind: Literal["joint_guarantee", "general_guarantee"]
    limit: Decimal | None = None


class SecurityElement(Strict):
    """A collateral item with its kind (抵押/质押) and registration, as the element-style complaint lists it."""

    owner: str
    kind: Literal["mortgage", "pledge"]
    description: str
    certificate_number: str = ""
    registered: bool = False
    registered_amount: Decimal | None = None
    rank: int = 1


class ElementComplaintContext(FilingBase):
    """民事起诉状（金融借款合同纠纷）, the SPC element-style form (legal-rules §7.1)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    amounts: Amounts
    loans: list[LoanBlock] = Field(min_length=1)
    lender: str = Field(min_length=1)
    borrowers: list[str] = Field(min_length=1)
    repayment_method: Literal["equal_instalments", "equal_principal", "bullet", "monthly_interest",
                              "quarterly_interest", "annual_interest", "other", ""] = ""
    matured: bool
    accelerate: bool = False
    interest_to_payment: bool = True
    claim_costs: bool = False
    costs_detail: str = ""
    jurisdiction_clause: str = ""
    pre_suit_preservation: bool = False
    guarantees: list[GuaranteeElement] = []
    securities: list[SecurityElement] = []
    maximum_amount_security: bool = False
    assignment: AssignmentBlock | None = None
    evidence: list[str] = []
    #: 是否考虑先行调解: yes, no or not sure yet.
    mediation: Literal["yes", "no", "unsure"] = "unsure"
    overdue_since: dt.date | None = None


class PaymentOrderContext(FilingBase):
    """支付令申请书 against the principal debtors (民事诉讼法 arts. 225–227)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    amounts: Amounts
    loans: list[LoanBlock] = Field(min_length=1)
    fee: FeeBlock
    #: Guarantors a payment order does not bind (民诉法解释 art. 434): named so the applicant sees why they are absent.
    guarantors_not_bound: list[str] = []
    assignment: AssignmentBlock | None = None


class SecurityRealisationContext(FilingBase):
    """实现担保物权申请书: per collateral item, against its mortgagor or pledgor (民事诉讼法 arts. 207–208)."""

    respondents: list[PartyBlock] = Field(min_length=1)
    debtor_names: list[str] = Field(min_length=1)
    amounts: Amounts
    loans: list[LoanBlock] = Field(min_length=1)
    items: list[SecurityElement] = Field(min_length=1)
    collateral: list[CollateralBlock] = []
    fee: FeeBlock
    assignment: AssignmentBlock | None = None
