"""Court proceedings of a case: the suit, its events, judgments with awards per defendant, preservation measures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.db.types import Money

JURISDICTION_BASES = ("agreed_clause", "defendant_domicile", "collateral_location")
PROCEDURES = ("ordinary", "simplified", "payment_order", "special")
EVENT_KINDS = ("service", "hearing", "preservation_ruling", "mediation", "withdrawal", "appeal")
DOCUMENT_KINDS = ("judgment", "ruling", "mediation")
LIABILITIES = ("principal_debtor", "joint_and_several", "general_guarantee", "priority_collateral")
MEASURE_KINDS = ("freeze", "seizure", "attachment")
#: What the measure holds decides its maximum term (民诉法解释 art. 485): keys of the preservation calculator.
ASSET_TYPES = ("bank_deposit", "movables", "real_estate", "other_rights")
MEASURE_PHASES = ("preservation", "enforcement")
MEASURE_STATUSES = ("active", "released", "lapsed")


class Proceeding(SQLModel, table=True):
    """A suit before one court under one case number (first instance, appeal, payment order ...)."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    #: The court's full name as it heads its documents, e.g. 上海市黄浦区人民法院.
    court_name: str = Field(max_length=200)
    #: Why this court: agreed clause (民诉法 art. 35), defendant's domicile (art. 22), collateral's location.
    jurisdiction_basis: str = Field(max_length=30)
    #: 案号, stored normalised: （2026）沪0101民初1234号.
    court_case_number: str = Field(default="", max_length=60, index=True)
    judge: str = Field(default="", max_length=100)
    procedure: str = Field(default="ordinary", max_length=20)
    filed_on: dt.date | None = None
    accepted_on: dt.date | None = None
    fees_paid: Decimal = Field(default=Decimal("0.00"), sa_type=Money())
    note: str = Field(default="", max_length=1000)
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)


class LitigationEvent(SQLModel, table=True):
    """A dated event in a proceeding: service on a party, a hearing, a ruling, mediation, withdrawal, appeal."""

    __tablename__ = "litigation_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    proceeding_id: int = Field(foreign_key="proceeding.id", index=True)
    kind: str = Field(max_length=30)
    occurred_on: dt.date
    #: The party served, or the appellant; empty when the event concerns the whole suit.
    party_id: int | None = Field(default=None, foreign_key="party.id")
    hearing_time: dt.time | None = None
    courtroom: str = Field(default="", max_length=100)
    note: str = Field(default="", max_length=1000)
    created_at: dt.datetime = Field(default_factory=utcnow)


class Judgment(SQLModel, table=True):
    """A judgment, ruling or mediation statement that fixes money debts and starts the deadline clocks."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    proceeding_id: int = Field(foreign_key="proceeding.id", index=True)
    document_kind: str = Field(default="judgment", max_length=20)
    decided_on: dt.date
    #: Days to perform after the judgment takes effect ("于本判决生效之日起十日内"); None = no period fixed.
    performance_days: int | None = 10
    #: The money debt fixed by the judgment, excluding general interest: the base of the doubled interest.
    debt_amount: Decimal = Field(sa_type=Money())
    #: General interest awarded up to the judgment's cut-off (shown, not doubled).
    interest_amount: Decimal = Field(default=Decimal("0.00"), sa_type=Money())
    #: Court fees the defendants bear (受理费、保全费).
    costs_amount: Decimal = Field(default=Decimal("0.00"), sa_type=Money())
    #: The date it took effect, when known (court certificate, end of appeal periods, or the appeal judgment).
    effective_on: dt.date | None = None
    note: str = Field(default="", max_length=1000)
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)


class JudgmentParty(SQLModel, table=True):
    """One party's service of the judgment and, for a defendant, what it must pay and on which ground."""

    __tablename__ = "judgment_party"

    id: int | None = Field(default=None, primary_key=True)
    judgment_id: int = Field(foreign_key="judgment.id", index=True)
    party_id: int = Field(foreign_key="party.id", index=True)
    served_on: dt.date | None = None
    #: A party with no domicile in China has 30 days to appeal (民诉法 art. 286).
    domiciled_in_china: bool = True
    #: Empty for the creditor (or a party only served); else how the defendant answers for the debt:
    #: principal_debtor (主债务人, the borrower), joint_and_several, general_guarantee, priority_collateral.
    liability: str = Field(default="", max_length=30)
    #: What this defendant is ordered to pay (its cap for a guarantor or a collateral owner).
    amount: Decimal | None = Field(default=None, sa_type=Money())
    collateral_id: int | None = Field(default=None, foreign_key="collateral.id")


class Measure(SQLModel, table=True):
    """A freeze, seizure or attachment, ordered in preservation or in enforcement; renewals extend it."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    phase: str = Field(default="preservation", max_length=20)
    kind: str = Field(max_length=20)
    asset_type: str = Field(max_length=20)
    #: What is held: account number and bank, property and certificate number, vehicle plate ...
    object_description: str = Field(max_length=500)
    ruling_number: str = Field(default="", max_length=60)
    imposed_on: dt.date
    #: Last day of the current term, as the court's notice gives it (or as computed).
    expires_on: dt.date = Field(index=True)
    #: Apply for renewal no later than this (财产保全规定 art. 18: at least seven days before expiry).
    renew_by: dt.date
    amount: Decimal | None = Field(default=None, sa_type=Money())
    status: str = Field(default="active", max_length=20)
    note: str = Field(default="", max_length=1000)
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)


class MeasureRenewal(SQLModel, table=True):
    """One renewal (续行) of a measure: the term it replaced and the new one."""

    __tablename__ = "measure_renewal"

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id", index=True)
    renewed_on: dt.date
    previous_expires_on: dt.date
    expires_on: dt.date
    ruling_number: str = Field(default="", max_length=60)
    created_at: dt.datetime = Field(default_factory=utcnow)
