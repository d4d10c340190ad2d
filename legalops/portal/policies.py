"""Who proposes firm updates, who reviews them, and who manages the firms' API tokens."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_propose_updates(user: User) -> bool:
    """Only the lawyers of the firm instructed on a case propose updates to it."""
    return user.role == Role.law_firm and user.firm_id is not None


def can_review_updates(user: User) -> bool:
    """Counsel and admins accept or reject firm updates."""
    return user.role in {Role.admin, Role.counsel}


def can_manage_tokens(user: User) -> bool:
    """Counsel and admins issue, list and revoke the firms' API tokens."""
    return user.role in {Role.admin, Role.counsel}
