"""Who may generate, approve, file and supersede court filings (visibility of the case is checked first)."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_generate_filings(user: User) -> bool:
    """Counsel, admins and the case's law firm draft filings."""
    return user.role in {Role.admin, Role.counsel, Role.law_firm}


def can_approve_filings(user: User) -> bool:
    """Counsel and admins approve filings (never their own)."""
    return user.role in {Role.admin, Role.counsel}


def can_mark_filed(user: User) -> bool:
    """Counsel, admins and the case's law firm record that a filing was lodged."""
    return user.role in {Role.admin, Role.counsel, Role.law_firm}


def can_supersede_filings(user: User) -> bool:
    """Counsel and admins withdraw filings."""
    return user.role in {Role.admin, Role.counsel}


def can_bulk_generate(user: User) -> bool:
    """Counsel and admins generate a form for many cases at once."""
    return user.role in {Role.admin, Role.counsel}
