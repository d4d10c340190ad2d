"""The record of background work, kept in the database rather than in RQ results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow


class JobRecord(SQLModel, table=True):
    """One piece of background work with its progress, outcome and error, visible in the UI."""

    __tablename__ = "job_record"

    #: Deterministic id (kind + arguments): a double click finds the same record instead of queueing twice.
    id: str = Field(primary_key=True, max_length=120)
    kind: str = Field(max_length=60, index=True)
    status: str = Field(default="queued", max_length=20)  # queued, started, finished, failed
    progress: int = 0
    total: int = 0
    message: str = Field(default="", max_length=500)
    args: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    error: str = Field(default="", max_length=4000)
    attempts: int = 0
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
