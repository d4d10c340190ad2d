"""Administration: users and law firms."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from legalops.auth import services
from legalops.auth.models import ROLE_LABELS, Firm, User
from legalops.auth.policies import can_manage_users
from legalops.auth.web import me, requires
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.db import get_session
from legalops.ui.forms import submit

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _lists(db):
    users = db.execute(select(User).order_by(User.role, User.username)).scalars().all()
    firms = db.execute(select(Firm).order_by(Firm.name)).scalars().all()
    return {"users": users, "firms": firms, "roles": ROLE_LABELS, "firm_names": {f.id: f.name for f in firms}}


@bp.route("/users", methods=["GET", "POST"])
@requires(can_manage_users)
def users():
    """List users and create one."""
    db = get_session()

    def render(errors, form):
        return render_template("admin/users.html", errors=errors, form=form or {}, **_lists(db))

    def save(db, form):
        firm_id = int(form["firm_id"]) if form.get("firm_id", "").isdigit() else None
        services.create_user(db, username=form.get("username", "").strip(), password=form.get("password", ""),
                             role=form.get("role", ""), display_name=form.get("display_name", "").strip(),
                             firm_id=firm_id, email=form.get("email", "").strip(), actor=me())
        return url_for("admin.users")

    return submit(render, save, done=_("User created."))


@bp.post("/users/<int:user_id>/active")
@requires(can_manage_users)
def toggle_active(user_id: int):
    """Disable or re-enable a user; disabling signs them out at once."""
    db = get_session()
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(N_("Not found."))

    def save(db, form):
        services.set_active(db, user, form.get("active") == "1", me())
        return url_for("admin.users")

    return submit(lambda e, f: render_template("admin/users.html", errors=e, form={}, **_lists(db)), save,
                  done=_("Saved."))


@bp.post("/firms")
@requires(can_manage_users)
def firms():
    """Register an external law firm."""
    db = get_session()

    def save(db, form):
        services.create_firm(db, form.get("name", ""), contact=form.get("contact", ""),
                             fee_terms=form.get("fee_terms", ""), actor=me())
        return url_for("admin.users")

    return submit(lambda e, f: render_template("admin/users.html", errors=e, form=f or {}, **_lists(db)), save,
                  done=_("Firm registered."))
