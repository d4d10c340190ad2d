"""User commands: create, authenticate, sign out everywhere, deactivate."""

from __future__ import annotations

import secrets
from functools import cache

from sqlmodel import Session, select

from legalops.audit.services import record
from legalops.auth.models import Firm, Role, User
from legalops.auth.passwords import hash_password, verify_password
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError
from legalops.core.i18n import N_

MIN_PASSWORD = 10


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    firm_id: int | None = None,
    email: str = "",
    actor: User | None = None,
) -> User:
    """Create a user with an argon2-hashed password."""
    if not role.strip():
        raise DomainError(N_("Choose a role."), field="role")
    if role not in Role.__members__:
        raise DomainError(N_("Unknown role %(role)s."), field="role", role=role)
    if role == Role.law_firm and firm_id is None:
        raise DomainError(N_("A law-firm user must belong to a firm."), field="firm_id")
    if role == Role.law_firm and session.get(Firm, firm_id) is None:
        # Otherwise the foreign key refuses the row at flush: a 500 instead of a message on the field.
        raise DomainError(N_("Choose one of the listed options."), field="firm_id")
    if role != Role.law_firm:
        firm_id = None
    if len(password) < MIN_PASSWORD:
        raise DomainError(N_("Passwords need at least %(n)s characters."), field="password", n=MIN_PASSWORD)
    if session.exec(select(User).where(User.username == username)).first():
        raise DomainError(N_("The user name %(name)s is taken."), field="username", name=username)
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name or username,
        firm_id=firm_id,
        email=email,
    )
    session.add(user)
    session.flush()
    record(session, actor, "create", user, after={"username": username, "role": role, "firm_id": firm_id})
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = session.exec(select(User).where(User.username == username.strip())).first()
    # Verify even for an unknown user, so the response time does not tell which user names exist.
    matches = verify_password(user.password_hash if user else _dummy_hash(), password)
    if user is None or not user.active or not matches:
        return None
    user.last_login_at = utcnow()
    return user


def sign_out_everywhere(session: Session, user: User, actor: User | None = None) -> None:
    """Invalidate every session cookie the user holds, at once."""
    user.session_version += 1
    record(session, actor or user, "sign_out_all", user)


def set_active(session: Session, user: User, active: bool, actor: User) -> None:
    """Enable or disable a user; disabling also ends their sessions."""
    if not active and user.active:
        if actor.id == user.id:
            raise DomainError(N_("You cannot disable your own account; another administrator can."))
        if user.role == Role.admin and _active_admin_ids(session) == [user.id]:
            raise DomainError(N_("%(name)s is the last active administrator and cannot be disabled."),
                              name=user.display_name or user.username)
    before = {"active": user.active}
    user.active = active
    user.session_version += 1
    record(session, actor, "update", user, before=before, after={"active": active})


def _active_admin_ids(session: Session) -> list[int]:
    # Locked, so that two administrators disabling each other at once cannot both pass the check (PostgreSQL).
    stmt = select(User.id).where(User.role == Role.admin, User.active.is_(True)).order_by(User.id).with_for_update()
    return list(session.exec(stmt).all())


def create_firm(session: Session, name: str, *, contact: str = "", fee_terms: str = "", actor: User | None = None) -> Firm:
    """Register an external law firm."""
    name = name.strip()
    if not name:
        raise DomainError(N_("This field is required."), field="name")
    if session.exec(select(Firm).where(Firm.name == name)).first():
        raise DomainError(N_("A firm called %(name)s already exists."), field="name", name=name)
    firm = Firm(name=name, contact=contact, fee_terms=fee_terms)
    session.add(firm)
    session.flush()
    record(session, actor, "create", firm, after={"name": name})
    return firm
