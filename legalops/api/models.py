"""The idempotency table: the first response to each (firm, key) is kept and replayed to retries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow


class IdempotencyRecord(SQLModel, table=True):
    """One POST as first answered; a retry with the same key and body gets the same answer and changes nothing."""

    __tablename__ = "api_idempotency"
    __table_args__ = (UniqueConstraint("firm_id", "key", name="uq_api_idempotency_firm_key"),)

    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="firm.id", index=True)
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=300)
    #: sha256 of the method, path and parsed body (file contents included), not of the raw multipart bytes.
    request_hash: str = Field(max_length=64)
    status_code: int
    response: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
