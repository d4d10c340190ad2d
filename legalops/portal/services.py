"""Review-queue commands: a firm proposes, counsel accepts (applying it) or rejects with a reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.auth.models import User
from legalops.casefiles.models import CaseDocument
from legalops.cases.models import Case, CaseParty, Collateral
from legalops.core.clock import utcnow
from legalops.core.errors import Conflict, DomainError, FieldErrors, NotFound
from legalops.core.i18n import N_
from legalops.core.validation import field_errors
from legalops.portal.kinds import get_kind
from legalops.portal.models import CaseUpdate, UpdateStatus
from legalops.portal.schemas import RejectIn

MAX_AMOUNT = Decimal(10) ** 15


def validate_payload(kind_key: str, payload: Any) -> dict:
    """Validate a proposal against its kind's schema and return it as JSON-safe data."""
    kind = get_kind(kind_key)
    if not isinstance(payload, dict):
        raise DomainError(N_("The proposal must be a JSON object."), field="payload")
    try:
        data = kind.schema.model_validate(payload)
    except ValidationError as exc:
        raise FieldErrors(field_errors(exc, prefix="payload.")) from exc
    except ArithmeticError as exc:
        # core.money.parse_amount lets decimal.InvalidOperation through for numbers beyond 28 digits (1e26).
        raise FieldErrors({"payload": N_("Enter an amount such as 1234.56.")}) from exc
    too_large = [path for path, value in _decimals(data.model_dump(), "payload") if abs(value) >= MAX_AMOUNT]
    if too_large:
        # Money columns hold 18 digits; refuse here rather than fail when counsel accepts.
        raise FieldErrors({path: N_("This amount is too large.") for path in too_large})
    return data.model_dump(mode="json")


def _decimals(value: Any, path: str):
    """Yield (field path, amount) for every Decimal inside a dumped model."""
    if isinstance(value, Decimal):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _decimals(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _decimals(item, f"{path}.{index}")


def _foreign_references(value: Any, path: str):
    """Yield (field path, key, id) for every party or collateral id inside a dumped payload."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("party_id", "collateral_id") and isinstance(item, int):
                yield f"{path}.{key}", key, item
            else:
                yield from _foreign_references(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _foreign_references(item, f"{path}.{index}")


def _check_references(session: Session, case: Case, data: dict) -> None:
    """Refuse ids of parties or collateral that are not the case's own: the queue would show another case's names."""
    parties = set(session.execute(select(CaseParty.party_id).where(CaseParty.case_id == case.id)).scalars())
    parties.add(case.creditor_id)
    collateral = set(session.execute(select(Collateral.id).where(Collateral.case_id == case.id)).scalars())
    errors = {}
    for path, key, value in _foreign_references(data, "payload"):
        if key == "party_id" and value not in parties:
            errors[path] = N_("Choose one of the case's parties.")
        elif key == "collateral_id" and value not in collateral:
            errors[path] = N_("Choose one of the case's collateral items.")
    if errors:
        raise FieldErrors(errors)


def propose_update(session: Session, case: Case, author, kind: str, payload: Any,
                   document_id: int | None = None) -> CaseUpdate:
    """Queue a firm's proposed change for counsel's review; the case itself is not touched."""
    if author.firm_id is None or author.firm_id != case.firm_id:
        # Only the firm currently instructed proposes; callers reach the case through scoped queries.
        raise NotFound(N_("No such case."))
    data = validate_payload(kind, payload)
    _check_references(session, case, data)
    if document_id is not None:
        document = session.get(CaseDocument, document_id)
        if document is None or document.case_id != case.id:
            raise DomainError(N_("Choose one of the case's documents."), field="document_id")
    update = CaseUpdate(case_id=case.id, firm_id=author.firm_id, author_id=author.id,
                        token_id=getattr(author, "token_id", None), author_name=author.display_name,
                        kind=kind, payload=data, document_id=document_id)
    session.add(update)
    session.flush()
    record(session, author, "propose", update, summary=str(get_kind(kind).label),
           after={"kind": kind, **data, "document_id": document_id})
    return update


def _pending(update: CaseUpdate) -> None:
    if update.status != UpdateStatus.pending:
        raise Conflict(N_("This update has already been reviewed."))


def accept_update(session: Session, update: CaseUpdate, case: Case, reviewer: User) -> CaseUpdate:
    """Apply a pending update to the case through its domain service and mark it accepted."""
    _pending(update)
    kind = get_kind(update.kind)
    data = kind.schema.model_validate(update.payload)
    summary = f"{update.author_name} → {reviewer.display_name}"
    kind.apply(session, case, data, reviewer, summary)
    update.status = UpdateStatus.accepted
    update.reviewer_id = reviewer.id
    update.reviewed_at = utcnow()
    record(session, reviewer, "accept", update, summary=summary,
           before={"status": UpdateStatus.pending.value},
           after={"status": update.status, "kind": update.kind, "author": update.author_name,
                  "reviewer": reviewer.display_name})
    return update


def reject_update(session: Session, update: CaseUpdate, reviewer: User, reason: str) -> CaseUpdate:
    """Reject a pending update with a reason the firm will read; the case is unchanged."""
    _pending(update)
    try:
        data = RejectIn(reason=(reason or "").strip())
    except ValidationError as exc:
        raise FieldErrors({"reason": N_("Give a reason of at least 3 characters.")}) from exc
    update.status = UpdateStatus.rejected
    update.reviewer_id = reviewer.id
    update.reason = data.reason
    update.reviewed_at = utcnow()
    record(session, reviewer, "reject", update, summary=f"{update.author_name} → {reviewer.display_name}",
           before={"status": UpdateStatus.pending.value},
           after={"status": update.status, "reason": data.reason, "author": update.author_name,
                  "reviewer": reviewer.display_name})
    return update
