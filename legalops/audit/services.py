"""Write the audit trail: one append-only row per change."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlmodel import Session, SQLModel

from legalops.audit.models import AuditEntry

_NAMES = {"legal_case": "case", "app_user": "user"}


def object_type(obj: SQLModel) -> str:
    """Return the audit name of a model's table (case, party, loan ...)."""
    table = obj.__tablename__  # type: ignore[attr-defined]
    return _NAMES.get(table, table)


def jsonable(value: Any) -> Any:
    """Convert a column value into something JSON keeps exactly (Decimals as strings)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def snapshot(obj: SQLModel, fields: list[str] | None = None) -> dict[str, Any]:
    """Return the object's column values as a JSON-safe dict."""
    data = obj.model_dump()
    if fields is not None:
        data = {k: data[k] for k in fields if k in data}
    return {k: jsonable(v) for k, v in data.items() if k not in {"password_hash"}}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keep only the keys whose values changed."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    session: Session,
    actor,
    action: str,
    obj: SQLModel,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    case_id: int | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append an audit entry for `obj` (flushed with the unit of work, never committed here)."""
    if case_id is None:
        case_id = getattr(obj, "case_id", None)
        if case_id is None and object_type(obj) == "case":
            case_id = obj.id  # type: ignore[attr-defined]
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "display_name", None) or "system",
        action=action,
        object_type=object_type(obj),
        object_id=getattr(obj, "id", None),
        case_id=case_id,
        summary=summary[:300],
        before=before,
        after=after,
    )
    session.add(entry)
    return entry
