"""Who may read and record litigation and enforcement; case visibility itself is enforced by cases.queries.scope."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_view_litigation(user: User) -> bool:
    """Anyone who may see the case may read its litigation and enforcement record."""
    return True


def can_record_litigation(user: User) -> bool:
    """Counsel and admins record proceedings, judgments, measures and enforcement (firms propose via the portal)."""
    return user.role in {Role.admin, Role.counsel}
