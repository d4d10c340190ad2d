"""Users, their roles, and the external law firms they may belong to."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_


class Role(StrEnum):
    """What a user is for; the permission policy keys on it."""

    admin = "admin"
    counsel = "counsel"
    law_firm = "law_firm"
    finance = "finance"
    auditor = "auditor"


class Firm(SQLModel, table=True):
    """An external law firm that cases can be assigned to."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, index=True)
    contact: str = Field(default="", max_length=200)
    #: The firm's fee terms, e.g. "基础费 5000 元 + 回收额 3%"; the assessment estimates lawyer fees from it.
    fee_terms: str = Field(default="", max_length=500)
    active: bool = True
    created_at: dt.datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """Someone who signs in."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True, index=True)
    display_name: str = Field(max_length=120)
    email: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=200)
    role: str = Field(max_length=20, index=True)
    #: Only law-firm users belong to a firm; every query they run is scoped to it.
    firm_id: int | None = Field(default=None, foreign_key="firm.id", index=True)
    active: bool = True
    #: Bumped to sign the user out everywhere: the cookie carries the version it was issued with.
    session_version: int = 1
    locale: str = Field(default="zh", max_length=10)
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_login_at: dt.datetime | None = None


ROLE_LABELS = {
    Role.admin: N_("Administrator"),
    Role.counsel: N_("In-house counsel"),
    Role.law_firm: N_("Law firm"),
    Role.finance: N_("Finance"),
    Role.auditor: N_("Auditor"),
}
