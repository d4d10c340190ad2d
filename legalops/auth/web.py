"""View-side helpers for auth: the current user row and role guards."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from legalops.auth.models import User


def me() -> User:
    """Return the signed-in user's row."""
    return current_user.row


def requires(predicate):
    """Guard a view: signed in, and `predicate(user)` true, else 403."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(*args, **kwargs):
            if not predicate(me()):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate
