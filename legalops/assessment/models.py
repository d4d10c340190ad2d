"""Assessment tables: the per-case assessment, its evidence checklist, dated case events and decisions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.db.types import Money


class AssessmentStatus(StrEnum):
    """Where an assessment stands: drafted, submitted for decision, or decided."""

    draft = "draft"
    submitted = "submitted"
    go = "go"
    no_go = "no_go"


class Assessment(SQLModel, table=True):
    """One case's legal assessment: the facts counsel recorded and the go/no-go outcome."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", unique=True, index=True)
    status: str = Field(default=AssessmentStatus.draft, max_length=20)
    #: Amount to be claimed; empty means the loans' outstanding principal + interest + penalty.
    claim_amount: Decimal | None = Field(default=None, sa_type=Money())
    #: The loan contract was notarised with a clause granting direct enforcement (赋强公证).
    notarised_contract: bool = False
    #: The debtor does not dispute the debt (no counter-claims): needed for 支付令 and 实现担保物权.
    debt_uncontested: bool = False
    #: The debtor can be served in China other than by public notice (支付令, 简易程序).
    debtor_reachable: bool = True
    #: Reference value of the collateral (参考价/评估价); empty means the registered amounts.
    collateral_value: Decimal | None = Field(default=None, sa_type=Money())
    #: Expected auction outcome: "1" (first round), "2" (second round) or "sale" (变卖).
    expected_round: str = Field(default="1", max_length=10)
    #: Claims ranking ahead of ours on the collateral (prior mortgages, priority debts).
    prior_claims: Decimal = Field(default=Decimal("0"), sa_type=Money())
    appraisal_cost: Decimal = Field(default=Decimal("0"), sa_type=Money())
    auction_cost: Decimal = Field(default=Decimal("0"), sa_type=Money())
    #: Lawyer fee typed by counsel; empty means it is estimated from the firm's fee terms.
    lawyer_fee: Decimal | None = Field(default=None, sa_type=Money())
    summary: str = Field(default="", max_length=4000)
    prepared_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    prepared_at: dt.datetime | None = None
    #: The findings as submitted (claims, routes, estimate), frozen so the approver decides on what was shown.
    findings: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    findings_as_of: dt.date | None = None
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class EvidenceItem(SQLModel, table=True):
    """One line of the evidence checklist: present, missing, doubtful or not applicable."""

    __tablename__ = "assessment_evidence"
    __table_args__ = (UniqueConstraint("assessment_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    kind: str = Field(max_length=40)
    status: str = Field(default="missing", max_length=20)
    note: str = Field(default="", max_length=500)


class CaseEvent(SQLModel, table=True):
    """A dated fact that moves the limitation or guarantee clocks: due date, demand, acknowledgement, payment, suit."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    #: The debtor (case_party row) the event concerns; empty means every debtor on the case.
    debtor_id: int | None = Field(default=None, foreign_key="case_party.id", index=True)
    kind: str = Field(max_length=30)
    occurred_on: dt.date
    note: str = Field(default="", max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)


class AssessmentDecision(SQLModel, table=True):
    """A go / no-go decision by an approver who did not prepare the assessment."""

    __tablename__ = "assessment_decision"

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    #: "go" or "no_go".
    decision: str = Field(max_length=10)
    #: For a go: the stage the case moved to (litigation or settlement).
    target_stage: str = Field(default="", max_length=20)
    route: str = Field(default="", max_length=40)
    comments: str = Field(default="", max_length=2000)
    prepared_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_by_id: int = Field(foreign_key="app_user.id")
    decided_at: dt.datetime = Field(default_factory=utcnow)
