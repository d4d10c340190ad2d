"""Who may do what with deadlines; which deadlines a user sees is decided in queries (scoped by firm)."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_mark_deadline_done(user: User) -> bool:
    """Counsel, admins and the assigned firm's lawyers record that a deadline was met; auditors only read."""
    return user.role in {Role.admin, Role.counsel, Role.law_firm}


def can_view_deadlines(user: User) -> bool:
    """Every signed-in role may read the deadlines of the cases it can see."""
    return user.role in {Role.admin, Role.counsel, Role.law_firm, Role.finance, Role.auditor}


def can_recompute_deadlines(user: User) -> bool:
    """Only admins and counsel re-run the deadline computations."""
    return user.role in {Role.admin, Role.counsel}
