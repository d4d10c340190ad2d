"""Flask-Login wiring: the cookie carries the user's session version, so revocation is immediate."""

from __future__ import annotations

from flask import jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin

from legalops.auth.models import User
from legalops.db import get_session

manager = LoginManager()
manager.login_view = "web.login"
manager.login_message = _l("Please sign in to continue.")
manager.session_protection = "strong"


class CurrentUser(UserMixin):
    """The signed-in user as Flask-Login sees it; wraps the row loaded for this request."""

    def __init__(self, row: User):
        self.row = row

    def get_id(self) -> str:
        """Return 'id:session_version' so that bumping the version invalidates old cookies."""
        return f"{self.row.id}:{self.row.session_version}"

    def __getattr__(self, name):
        return getattr(self.row, name)


@manager.user_loader
def _load(token: str):
    try:
        user_id, version = (int(part) for part in token.split(":"))
    except ValueError:
        return None
    row = get_session().get(User, user_id)
    if row is None or not row.active or row.session_version != version:
        return None
    return CurrentUser(row)


@manager.unauthorized_handler
def _unauthorized():
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error="unauthorized"), 401
    return redirect(url_for("web.login", next=request.full_path if request.query_string else request.path))


def init_app(app) -> None:
    """Attach the login manager to the app."""
    manager.init_app(app)
