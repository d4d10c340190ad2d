"""Permission predicates: who may do what. Views call these; queries scope by firm as well."""

from __future__ import annotations

from legalops.auth.models import Role, User

STAFF_ROLES = {Role.admin, Role.counsel, Role.finance, Role.auditor}


def can_read_all_cases(user: User) -> bool:
    """Staff see every case; a law-firm user sees only their firm's assignments."""
    return user.role in STAFF_ROLES


def can_edit_cases(user: User) -> bool:
    """Counsel and admins create and edit cases, parties, loans and collateral."""
    return user.role in {Role.admin, Role.counsel}


def can_change_stage(user: User) -> bool:
    """Counsel and admins move cases between stages."""
    return user.role in {Role.admin, Role.counsel}


def can_assign_firms(user: User) -> bool:
    """Counsel and admins instruct external firms."""
    return user.role in {Role.admin, Role.counsel}


def can_import_portfolio(user: User) -> bool:
    """Counsel and admins import loan tapes."""
    return user.role in {Role.admin, Role.counsel}


def can_view_audit(user: User) -> bool:
    """Auditors, admins and counsel browse the whole audit trail."""
    return user.role in {Role.admin, Role.auditor, Role.counsel}


def can_manage_users(user: User) -> bool:
    """Only admins manage users and firms."""
    return user.role == Role.admin
