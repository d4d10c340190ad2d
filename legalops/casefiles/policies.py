"""Who may upload court documents (everyone who sees a case may download them)."""

from __future__ import annotations

from legalops.auth.models import Role, User


def can_upload_case_documents(user: User) -> bool:
    """Counsel, admins and the assigned firm's lawyers upload court documents."""
    return user.role in {Role.admin, Role.counsel, Role.law_firm}
