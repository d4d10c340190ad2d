"""Sign-in, sign-out, the language switch and the home page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from legalops.audit.services import record
from legalops.auth.services import authenticate, sign_out_everywhere
from legalops.auth.web import me
from legalops.cases.models import Case
from legalops.cases.queries import scope
from legalops.cases.stages import STAGE_LABELS
from legalops.db import commit, get_session
from legalops.deadlines.queries import dashboard_summary
from legalops.web.login import CurrentUser
from legalops.web.ratelimit import limiter, login_key

bp = Blueprint("web", __name__)


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect after sign-in is a phishing aid. Browsers read "/\\host" as
    # "//host" and drop tabs and newlines, so those never pass either.
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and target.isprintable() and not urlsplit(target).netloc):
        return target
    return url_for("web.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ATTEMPTS"], key_func=login_key, methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
def login():
    """Sign in with a user name and password."""
    error = None
    if request.method == "POST":
        db = get_session()
        user = authenticate(db, request.form.get("username", ""), request.form.get("password", ""))
        if user is None:
            error = _("Wrong user name or password.")
        else:
            # A language picked on the sign-in page wins over the stored preference, and is remembered.
            chosen = session.get("locale")
            if chosen in current_app.config["LANGUAGES"]:
                user.locale = chosen
            session.clear()
            login_user(CurrentUser(user))
            session["locale"] = user.locale
            record(db, user, "login", user)
            commit(db)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("web/login.html", error=error), (401 if error else 200)


@bp.post("/logout")
@login_required
def logout():
    """Sign out of this browser."""
    logout_user()
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("web.login"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    """Sign out of every browser and device at once."""
    db = get_session()
    sign_out_everywhere(db, me())
    commit(db)
    logout_user()
    session.clear()
    flash(_("You are signed out on every device."))
    return redirect(url_for("web.login"))


@bp.post("/language")
def language():
    """Switch the interface language (zh or en)."""
    chosen = request.form.get("locale")
    if chosen in current_app.config["LANGUAGES"]:
        session["locale"] = chosen
        if current_user.is_authenticated:
            # Remember the choice for the next sign-in, on any device.
            me().locale = chosen
            commit(get_session())
    return redirect(_safe_next(request.form.get("next")))


@bp.get("/")
@login_required
def home():
    """Show the pipeline by stage over the cases the user may see."""
    db = get_session()
    rows = db.execute(scope(select(Case.stage, func.count(Case.id)).group_by(Case.stage), me())).all()
    counts = dict(rows)
    return render_template("web/home.html", counts=counts, stages=STAGE_LABELS, total=sum(counts.values()),
                           deadlines=dashboard_summary(db, me()))
