"""Who may do what with the disposal record; case visibility itself is enforced by cases.queries."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_view_disposal(user: User) -> bool:
    """Anyone who may see the case may read its disposal record (the case query scopes law firms)."""
    return True


def can_edit_disposal(user: User) -> bool:
    """Counsel and admins record prices, rounds, outcomes and encumbrances."""
    return user.role in {Role.admin, Role.counsel}


def can_record_receipt(user: User) -> bool:
    """Counsel, admins and finance post proceeds to the ledger."""
    return user.role in {Role.admin, Role.counsel, Role.finance}
