"""Enforcement cases (执 / 执恢), property leads and money received through the court (执行款)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.db.types import Money

LEAD_KINDS = ("bank_account", "real_estate", "vehicle", "equity", "receivable", "other")
LEAD_STATUSES = ("new", "investigating", "measure_taken", "exhausted")
ENFORCEMENT_STATUSES = ("open", "terminated", "resumed", "closed")


class EnforcementCase(SQLModel, table=True):
    """One enforcement procedure; a resumption after 终本 is a new row (执恢) pointing at the one it resumes."""

    __tablename__ = "enforcement_case"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    judgment_id: int | None = Field(default=None, foreign_key="judgment.id")
    #: 执行案号, normalised: （2026）沪0101执1234号, or 执恢 for a resumption.
    court_case_number: str = Field(default="", max_length=60, index=True)
    court_name: str = Field(max_length=200)
    judge: str = Field(default="", max_length=100)
    applied_on: dt.date
    accepted_on: dt.date | None = None
    status: str = Field(default="open", max_length=20)
    #: 终结本次执行程序: the ruling's date and why (no property found ...).
    terminated_on: dt.date | None = None
    termination_reason: str = Field(default="", max_length=1000)
    resumed_from_id: int | None = Field(default=None, foreign_key="enforcement_case.id")
    closed_on: dt.date | None = None
    closure_reason: str = Field(default="", max_length=1000)
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)


class PropertyLead(SQLModel, table=True):
    """A lead to the debtor's assets: where it came from and how far it has been followed."""

    __tablename__ = "property_lead"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    kind: str = Field(max_length=20)
    description: str = Field(max_length=500)
    #: Account number, certificate number, plate, registration number ...
    identifier: str = Field(default="", max_length=120)
    #: Who found it: court's online enquiry (总对总), investigation, the debtor's declaration, a tip-off.
    source: str = Field(default="", max_length=200)
    status: str = Field(default="new", max_length=20)
    reported_on: dt.date
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)


class CourtReceipt(SQLModel, table=True):
    """Money paid out to the creditor by the enforcement court (执行款); append-only like every money entry."""

    __tablename__ = "court_receipt"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    enforcement_case_id: int | None = Field(default=None, foreign_key="enforcement_case.id")
    amount: Decimal = Field(sa_type=Money())
    received_on: dt.date
    reference: str = Field(default="", max_length=120)
    payer: str = Field(default="", max_length=200)
    #: The ledger entry posted for it (None only for receipts recorded before the ledger existed).
    ledger_entry_id: int | None = None
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
