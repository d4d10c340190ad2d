"""The append-only audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, event
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow


class AuditEntry(SQLModel, table=True):
    """Who did what to which object, with the values before and after; rows are never updated or deleted."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    actor_name: str = Field(default="system", max_length=120)
    #: create / update / delete / stage / assign / import / login ...
    action: str = Field(max_length=30)
    object_type: str = Field(max_length=40)
    object_id: int | None = None
    #: The case the object belongs to, so a case's timeline is one indexed query.
    case_id: int | None = Field(default=None, index=True)
    summary: str = Field(default="", max_length=300)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


@event.listens_for(Session, "before_flush")
def _refuse_rewriting_history(session, _context, _instances):
    """Audit rows are append-only: an update or delete through the ORM is a bug."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("audit entries are append-only")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_rewrites(orm_execute_state):
    """Bulk UPDATE/DELETE statements skip the flush, and SQLite has no trigger behind this guard."""
    if orm_execute_state.is_update or orm_execute_state.is_delete:
        tables = {getattr(m.entity, "__table__", None) for m in orm_execute_state.all_mappers}
        if AuditEntry.__table__ in tables:
            raise RuntimeError("audit entries are append-only")
