"""Firm updates awaiting review, and per-firm API tokens."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_


class UpdateStatus(StrEnum):
    """Where a firm's update stands in the review queue."""

    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


STATUS_LABELS = {
    UpdateStatus.pending: N_("Waiting for review"),
    UpdateStatus.accepted: N_("Accepted"),
    UpdateStatus.rejected: N_("Rejected"),
}


class CaseUpdate(SQLModel, table=True):
    """A change a firm proposes for a case; it changes nothing until counsel accepts it."""

    __tablename__ = "case_update"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    #: The firm lawyer who posted it in the browser; None when it came through an API token.
    author_id: int | None = Field(default=None, foreign_key="app_user.id")
    token_id: int | None = Field(default=None, foreign_key="firm_token.id")
    author_name: str = Field(max_length=200)
    #: filed / hearing_set / judgment_received / enforcement_filed / measure_taken / court_receipt / note
    kind: str = Field(max_length=30, index=True)
    #: The proposal, already validated by the kind's schema (dates ISO, money as strings).
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    document_id: int | None = Field(default=None, foreign_key="case_document.id")
    status: str = Field(default=UpdateStatus.pending, max_length=10, index=True)
    reviewer_id: int | None = Field(default=None, foreign_key="app_user.id")
    #: Why counsel rejected it; the firm sees this on its update list.
    reason: str = Field(default="", max_length=1000)
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
    reviewed_at: dt.datetime | None = None


class FirmToken(SQLModel, table=True):
    """An API credential of a firm: only its sha256 is kept; the prefix identifies it in lists."""

    __tablename__ = "firm_token"

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    prefix: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    label: str = Field(default="", max_length=120)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    last_used_at: dt.datetime | None = None
