"""Cases, their debtors, loans, collateral, portfolios and law-firm assignments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from legalops.core.clock import today, utcnow
from legalops.db.types import Money, Rate


class Stage(StrEnum):
    """Where a case stands in its life (DESIGN.md, 'The case, end to end')."""

    intake = "intake"
    assessment = "assessment"
    settlement = "settlement"
    litigation = "litigation"
    judgment = "judgment"
    enforcement = "enforcement"
    disposal = "disposal"
    closed = "closed"
    written_off = "written_off"
    terminated = "terminated"


class DebtorRole(StrEnum):
    """How a party is liable on a case's loans."""

    borrower = "borrower"
    co_borrower = "co_borrower"
    general_guarantor = "general_guarantor"  # 一般保证: has the benefit of discussion (先诉抗辩权)
    joint_guarantor = "joint_guarantor"  # 连带责任保证
    mortgagor = "mortgagor"
    pledgor = "pledgor"


class Portfolio(SQLModel, table=True):
    """A bundle of loans bought or managed together (资产包)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    seller: str = Field(default="", max_length=200)
    acquired_on: dt.date | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)


class Case(SQLModel, table=True):
    """One recovery matter against the debtors of one or more loans."""

    __tablename__ = "legal_case"

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=40, unique=True, index=True)
    portfolio_id: int | None = Field(default=None, foreign_key="portfolio.id", index=True)
    #: The plaintiff / applicant entity (creditor of record).
    creditor_id: int = Field(foreign_key="party.id", index=True)
    stage: str = Field(default=Stage.intake, max_length=20, index=True)
    stage_reason: str = Field(default="", max_length=500)
    stage_changed_at: dt.datetime = Field(default_factory=utcnow)
    counsel_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    #: The firm currently assigned; law-firm users see a case only while this is their firm.
    firm_id: int | None = Field(default=None, foreign_key="firm.id", index=True)
    court_name: str = Field(default="", max_length=200)
    #: 案号, e.g. (2026)沪0101民初1234号.
    court_case_number: str = Field(default="", max_length=60, index=True)
    opened_on: dt.date = Field(default_factory=today)
    note: str = Field(default="", max_length=2000)
    #: The creditor bought the debt (债权转让): it sues as assignee, and the complaint says so.
    acquired_by_assignment: bool = False
    #: The original creditor (转让人), e.g. the bank that sold the loan.
    assignor: str = Field(default="", max_length=200)
    assignment_date: dt.date | None = None
    #: When the assignment notice reached the debtors (民法典 art. 546; it interrupts limitation, 诉讼时效规定 art. 17).
    assignment_notice_date: dt.date | None = None
    #: The lawyer who signs for the firm as litigation agent (委托诉讼代理人), if known.
    agent_name: str = Field(default="", max_length=100)
    agent_phone: str = Field(default="", max_length=40)
    #: Optimistic lock: an edit based on an older version is refused instead of overwriting.
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class CaseParty(SQLModel, table=True):
    """A party's role on a case (one row per role)."""

    __tablename__ = "case_party"
    __table_args__ = (UniqueConstraint("case_id", "party_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    party_id: int = Field(foreign_key="party.id", index=True)
    role: str = Field(max_length=30)
    #: For guarantors: the guaranteed maximum, if the guarantee is capped.
    guarantee_limit: Decimal | None = Field(default=None, sa_type=Money())
    #: Agreed guarantee period in months (民法典 art. 692; none agreed → 6 months).
    guarantee_period_months: int | None = None
    note: str = Field(default="", max_length=500)


class Loan(SQLModel, table=True):
    """A loan contract and what is outstanding on it at a cut-off date."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    #: Business key: re-importing a portfolio never duplicates a contract.
    contract_number: str = Field(max_length=80, unique=True, index=True)
    currency: str = Field(default="CNY", max_length=3)
    principal: Decimal = Field(sa_type=Money())
    #: Annual rates in percent (4.35 means 4.35 % p.a.).
    contract_rate: Decimal | None = Field(default=None, sa_type=Rate())
    penalty_rate: Decimal | None = Field(default=None, sa_type=Rate())
    compound_rate: Decimal | None = Field(default=None, sa_type=Rate())
    #: Floating-rate clause, e.g. "1Y LPR + 1.5%"; empty = the fixed contract_rate. Penalty and compound
    #: rates then float too, as the same multiple of the contract rate as at signing (legal-rules §6.3).
    rate_terms: str = Field(default="", max_length=60)
    signed_on: dt.date | None = None
    disbursed_on: dt.date | None = None
    #: Maturity (or accelerated maturity): the limitation period and guarantee period run from here.
    maturity_date: dt.date | None = None
    default_date: dt.date | None = None
    cutoff_date: dt.date | None = None
    outstanding_principal: Decimal = Field(default=Decimal("0"), sa_type=Money())
    outstanding_interest: Decimal = Field(default=Decimal("0"), sa_type=Money())
    outstanding_penalty: Decimal = Field(default=Decimal("0"), sa_type=Money())
    repayment_method: str = Field(default="", max_length=40)
    version: int = 1


class Collateral(SQLModel, table=True):
    """An asset securing a case's loans."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    kind: str = Field(max_length=30)
    description: str = Field(max_length=500)
    certificate_number: str = Field(default="", max_length=120)
    location: str = Field(default="", max_length=300)
    #: Registered secured amount (抵押/质押登记金额).
    registered_amount: Decimal | None = Field(default=None, sa_type=Money())
    #: Mortgage rank: 1 = first-ranking; prior ranks are paid first from the proceeds.
    rank: int = 1
    owner_id: int | None = Field(default=None, foreign_key="party.id")
    version: int = 1


class Assignment(SQLModel, table=True):
    """The history of which firm handled a case, and who instructed it."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    assigned_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    assigned_at: dt.datetime = Field(default_factory=utcnow)
    ended_at: dt.datetime | None = None
    note: str = Field(default="", max_length=500)
