"""Per-firm API tokens: issue (shown once), authenticate, revoke."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.auth.models import Firm, Role, User
from legalops.auth.passwords import hash_token
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError, NotFound
from legalops.core.i18n import N_
from legalops.portal.models import FirmToken

TOKEN_PREFIX = "lo_"
#: last_used_at is written at most this often, so each API call does not rewrite the token row.
TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class ApiPrincipal:
    """Who an API call acts as: the token's firm, with a law-firm user's scope (so case queries apply)."""

    token_id: int
    firm_id: int
    display_name: str
    id: None = None
    role: str = Role.law_firm.value


def issue_token(session: Session, firm: Firm, actor: User | None, *, expires_days: int | None = None,
                label: str = "") -> tuple[str, FirmToken]:
    """Create a token for `firm` and return the secret (never stored) with its row."""
    if expires_days is not None and not 1 <= expires_days <= 3650:
        raise DomainError(N_("Enter a number of days between 1 and 3650."), field="expires_days")
    visible = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{visible}_{secrets.token_urlsafe(32)}"
    expires = utcnow() + dt.timedelta(days=expires_days) if expires_days else None
    row = FirmToken(firm_id=firm.id, prefix=f"{TOKEN_PREFIX}{visible}", token_hash=hash_token(secret),
                    label=label.strip()[:120], created_by_id=getattr(actor, "id", None), expires_at=expires)
    session.add(row)
    session.flush()
    record(session, actor, "create", row, summary=f"{firm.name} {row.prefix}",
           after={"firm": firm.name, "prefix": row.prefix, "expires_at": expires.isoformat() if expires else None})
    return secret, row


def authenticate_token(session: Session, secret: str) -> ApiPrincipal | None:
    """Return the principal of a live token (not revoked, not expired, firm active), or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    row = session.execute(select(FirmToken).where(FirmToken.token_hash == hash_token(secret))).scalar_one_or_none()
    now = utcnow()
    if row is None or row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        return None
    firm = session.get(Firm, row.firm_id)
    if firm is None or not firm.active:
        return None
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        row.last_used_at = now
    return ApiPrincipal(token_id=row.id, firm_id=firm.id, display_name=f"{firm.name} · API {row.prefix}")


def revoke_token(session: Session, token_id: int, actor: User) -> FirmToken:
    """Revoke a token at once; later calls with it get 401."""
    row = session.get(FirmToken, token_id)
    if row is None:
        raise NotFound(N_("Not found."))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        record(session, actor, "revoke", row, summary=row.prefix, before={"revoked_at": None},
               after={"revoked_at": row.revoked_at.isoformat()})
    return row


def list_tokens(session: Session) -> list[tuple[FirmToken, str]]:
    """Return every token with its firm's name, newest first."""
    rows = session.execute(select(FirmToken, Firm.name).join(Firm, Firm.id == FirmToken.firm_id)
                           .order_by(FirmToken.created_at.desc(), FirmToken.id.desc())).all()
    return [(token, name) for token, name in rows]
