"""Idempotent POSTs: the first answer to (firm, key) is stored in the same transaction and replayed to retries."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from flask import request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from legalops.api.models import IdempotencyRecord
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.db import commit


class KeyReused(DomainError):
    """The idempotency key was already used for a different request."""

    status = 422


def request_fingerprint() -> str:
    """Hash what the request means: method, path, form fields, file contents or JSON body (not multipart framing)."""
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if request.mimetype == "multipart/form-data":
        # Field names may be empty or missing in a hand-made multipart body; sort them as text.
        for key in sorted(request.form, key=str):
            digest.update(json.dumps([str(key), request.form.getlist(key)], ensure_ascii=False).encode())
        for key in sorted(request.files, key=str):
            for storage in request.files.getlist(key):
                digest.update(f"file:{key}:{storage.filename}:".encode())
                digest.update(hashlib.sha256(storage.stream.read()).digest())
                storage.stream.seek(0)
    else:
        try:
            digest.update(json.dumps(request.get_json(silent=False), sort_keys=True, ensure_ascii=False).encode())
        except Exception:  # noqa: BLE001 - an unparsable body is hashed as sent
            digest.update(request.get_data())
    return digest.hexdigest()


def _stored(session: Session, firm_id: int, key: str) -> IdempotencyRecord | None:
    return session.execute(select(IdempotencyRecord).where(IdempotencyRecord.firm_id == firm_id,
                                                           IdempotencyRecord.key == key)).scalar_one_or_none()


def _replay(record: IdempotencyRecord, fingerprint: str):
    if record.request_hash != fingerprint:
        raise KeyReused(N_("This Idempotency-Key was already used for a different request."), field="Idempotency-Key")
    return record.response, record.status_code, {"Idempotent-Replayed": "true"}


def idempotent(session: Session, firm_id: int, key: str, handle: Callable[[], tuple[dict, int]]):
    """Answer a POST once per key: replay a stored answer, or run `handle`, store its answer and commit both."""
    fingerprint = request_fingerprint()
    previous = _stored(session, firm_id, key)
    if previous is not None:
        return _replay(previous, fingerprint)
    body, status = handle()
    session.add(IdempotencyRecord(firm_id=firm_id, key=key, method=request.method, path=request.path[:300],
                                  request_hash=fingerprint, status_code=status, response=body))
    try:
        commit(session)
    except IntegrityError:
        # A concurrent request with the same key committed first: ours is rolled back, theirs is the answer.
        session.rollback()
        previous = _stored(session, firm_id, key)
        if previous is None:
            raise
        return _replay(previous, fingerprint)
    return body, status
