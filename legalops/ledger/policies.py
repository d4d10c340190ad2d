"""Who may read the ledger, post and reverse recoveries, and reconcile bank statements."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_view_ledger(user: User) -> bool:
    """Everyone who may see the case sees its recoveries (the case query scopes law firms)."""
    return True


def can_post_recovery(user: User) -> bool:
    """Counsel and finance (and admins) record recoveries, costs and settlement plans."""
    return user.role in {Role.admin, Role.counsel, Role.finance}


def can_reverse_entry(user: User) -> bool:
    """Finance (and admins) correct the ledger, by reversal only."""
    return user.role in {Role.admin, Role.finance}


def can_reconcile(user: User) -> bool:
    """Finance (and admins) import statements, match lines and close months."""
    return user.role in {Role.admin, Role.finance}


def can_view_reconciliation(user: User) -> bool:
    """Finance, admins and auditors read the reconciliation and its reports."""
    return user.role in {Role.admin, Role.finance, Role.auditor}
