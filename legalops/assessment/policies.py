"""Who may do what with assessments and calculators; case visibility itself is enforced by cases.queries."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_view_assessment(user: User) -> bool:
    """Anyone who may see the case may read its assessment (the case query scopes law firms)."""
    return True


def can_prepare_assessment(user: User) -> bool:
    """Counsel and admins record evidence, events and facts, and submit the assessment."""
    return user.role in {Role.admin, Role.counsel}


def can_decide_assessment(user: User) -> bool:
    """Counsel and admins decide go / no-go (never on an assessment they prepared; the service checks that)."""
    return user.role in {Role.admin, Role.counsel}


def can_use_calculators(user: User) -> bool:
    """Every signed-in user may run the calculators: they touch no case."""
    return True
