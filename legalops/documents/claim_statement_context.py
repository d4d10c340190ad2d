"""Context of the claim calculation statement (债权计算明细表): interest by period, per loan, with citations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from legalops.documents.contexts import FilingBase, PartyBlock, Strict


class StatementPeriod(Strict):
    """One period at one rate: first and last day, days counted, base, annual rate, the LPR if floating, amount."""

    kind: Literal["contract_interest", "penalty_interest", "compound_interest"]
    label: str
    first_day: dt.date
    last_day: dt.date
    days: int = Field(ge=0)
    base: Decimal
    annual_rate: Decimal
    lpr: Decimal | None = None
    amount: Decimal


class LoanStatement(Strict):
    """One loan: balances recorded at the balance date (基准日), then interest computed period by period."""

    contract_number: str
    borrowers: str
    principal: Decimal
    outstanding_principal: Decimal
    balance_date: dt.date
    recorded_interest: Decimal
    recorded_penalty: Decimal
    maturity_date: dt.date
    rate_text: str
    penalty_text: str
    compound_text: str
    periods: list[StatementPeriod] = []
    contract_interest: Decimal
    penalty_interest: Decimal
    compound_interest: Decimal
    total: Decimal


class DelayedPerformancePeriod(Strict):
    """Doubled-part interest for delayed performance after a judgment (民诉法 art. 264); enforcement fills it."""

    first_day: dt.date
    last_day: dt.date
    days: int = Field(ge=0)
    base: Decimal
    daily_rate: Decimal
    amount: Decimal
    note: str = ""


class StatementTotals(Strict):
    """The statement's totals: each is the sum of the rounded amounts above it."""

    principal: Decimal
    recorded_interest: Decimal
    recorded_penalty: Decimal
    contract_interest: Decimal
    penalty_interest: Decimal
    compound_interest: Decimal
    delayed_performance: Decimal = Decimal("0.00")
    total: Decimal


class CitationLine(Strict):
    """A legal source as (instrument, version, article)."""

    instrument: str
    version: str
    article: str


class DayCount(Strict):
    """The day-count convention used (legal-rules §6.5, a setting shown on the document)."""

    basis: Literal[360, 365]
    inclusive: bool
    rounding: str


class ClaimStatementContext(FilingBase):
    """债权计算明细表: per loan, principal and interest by period up to the cut-off date."""

    respondents: list[PartyBlock] = Field(min_length=1)
    cutoff_date: dt.date
    day_count: DayCount
    loans: list[LoanStatement] = Field(min_length=1)
    #: Filled after a judgment by the enforcement stage (see legalops.assessment.statement.DELAYED_PERFORMANCE).
    delayed_performance: list[DelayedPerformancePeriod] = []
    totals: StatementTotals
    citations: list[CitationLine] = Field(min_length=1)
    notes: list[str] = []
