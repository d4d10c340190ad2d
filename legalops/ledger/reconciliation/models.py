"""Reconciliation tables: bank accounts, statement imports and lines, expected recoveries, line matches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.db.types import Money

LINE_STATUSES = {
    "open": N_("Waiting for a match"),
    "matched": N_("Matched"),
    "split": N_("Split over several cases"),
    "unrelated": N_("Unrelated"),
}

METHOD_LABELS = {"auto": N_("Automatically"), "manual": N_("By hand")}


class BankAccount(SQLModel, table=True):
    """A collection account whose statements finance imports; remembers the column mapping of its exports."""

    __tablename__ = "bank_account"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    bank: str = Field(default="", max_length=120)
    account_number: str = Field(max_length=40, unique=True, index=True)
    #: {field: header} for exports whose headers are not the usual ones; empty when they are.
    column_mapping: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow)


class StatementImport(SQLModel, table=True):
    """One uploaded statement file and what became of its lines."""

    __tablename__ = "statement_import"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="bank_account.id", index=True)
    filename: str = Field(default="", max_length=200)
    sha256: str = Field(max_length=64)
    lines_new: int = 0
    lines_duplicate: int = 0
    lines_matched: int = 0
    imported_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    imported_at: dt.datetime = Field(default_factory=utcnow)


class StatementLine(SQLModel, table=True):
    """One incoming transaction on a statement; unique per account by 流水号 or, without one, a content hash."""

    __tablename__ = "statement_line"
    __table_args__ = (UniqueConstraint("account_id", "line_key"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="bank_account.id", index=True)
    import_id: int = Field(foreign_key="statement_import.id", index=True)
    line_key: str = Field(max_length=80)
    booked_on: dt.date = Field(index=True)
    amount: Decimal = Field(sa_type=Money())
    payer: str = Field(default="", max_length=200)
    memo: str = Field(default="", max_length=500)
    serial: str = Field(default="", max_length=80)
    status: str = Field(default="open", max_length=10, index=True)
    reason: str = Field(default="", max_length=500)
    #: The accounting month whose close locks this line.
    period: str = Field(max_length=7, index=True)


class ExpectedRecovery(SQLModel, table=True):
    """Money we expect on a case: a settlement instalment, court receipts announced, auction proceeds."""

    __tablename__ = "expected_recovery"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    source: str = Field(max_length=30)
    amount: Decimal = Field(sa_type=Money())
    expected_on: dt.date = Field(index=True)
    #: A line dated this many days either side of expected_on can match.
    window_days: int = 10
    payer: str = Field(default="", max_length=200)
    #: Text the payer is likely to quote in the memo: the case reference, contract number or court case number.
    references: str = Field(default="", max_length=300)
    origin: str = Field(default="", max_length=40)
    origin_id: str = Field(default="", max_length=40)
    debtor_party_id: int | None = Field(default=None, foreign_key="party.id")
    status: str = Field(default="open", max_length=10, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)


class LineMatch(SQLModel, table=True):
    """The part of a statement line paying one case, and the ledger entry it posted."""

    __tablename__ = "line_match"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="statement_line.id", index=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    amount: Decimal = Field(sa_type=Money())
    expected_id: int | None = Field(default=None, foreign_key="expected_recovery.id")
    entry_id: int = Field(foreign_key="ledger_entry.id", index=True)
    #: auto or manual.
    method: str = Field(default="manual", max_length=10)
    matched_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    matched_at: dt.datetime = Field(default_factory=utcnow)
