"""Deadline routes: the list with filters, mark done, the calendar subscription page and the private feed."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from legalops.auth.models import Firm
from legalops.auth.policies import can_read_all_cases
from legalops.auth.web import me, requires
from legalops.cases.queries import list_portfolios
from legalops.core.clock import today
from legalops.core.errors import DomainError
from legalops.db import commit, get_session
from legalops.deadlines import feed, queries, services
from legalops.deadlines.models import KIND_LABELS, STATE_LABELS
from legalops.deadlines.policies import can_mark_deadline_done, can_view_deadlines
from legalops.ui.forms import translate

bp = Blueprint("deadlines", __name__, url_prefix="/deadlines")
STATE_CHOICES = ("", "open", "missed", "passed", "done", "cancelled", "all")


def _back(default: str) -> str:
    # Same-site paths only: the form's `next` must not become an open redirect.
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target and not urlsplit(target).netloc:
        return target
    return default


def _filters() -> queries.DeadlineFilters:
    args = request.args
    within = args.get("within", type=int)
    return queries.DeadlineFilters(
        kind=args.get("kind", "") if args.get("kind", "") in KIND_LABELS else "",
        state=args.get("state", "") if args.get("state", "") in STATE_CHOICES else "",
        within_days=within if within is not None and 0 <= within <= 3650 else None,
        mine=args.get("mine") == "1", firm_id=args.get("firm", type=int),
        portfolio_id=args.get("portfolio", type=int))


@bp.get("/")
@requires(can_view_deadlines)
def index():
    """List the deadlines of every case the user may see, nearest first."""
    db = get_session()
    filters = _filters()
    on = today()
    page = queries.list_deadlines(db, me(), filters, page=request.args.get("page", 1, type=int), per_page=50, today=on)
    staff = can_read_all_cases(me())
    firms = db.execute(select(Firm.id, Firm.name).where(Firm.active).order_by(Firm.name)).all() if staff else []
    keep = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("deadlines/index.html", page=page, filters=filters, today=on, keep=keep, staff=staff,
                           firms=firms, portfolios=[(p.id, p.name) for p in list_portfolios(db)],
                           kinds=KIND_LABELS, states=STATE_LABELS, effective=queries.effective_state,
                           can_done=can_mark_deadline_done(me()))


@bp.post("/<int:deadline_id>/done")
@requires(can_view_deadlines)
def done(deadline_id: int):
    """Record that a deadline was met."""
    db = get_session()
    deadline = queries.get_deadline(db, me(), deadline_id)  # another firm's deadline: 404, not 403
    if not can_mark_deadline_done(me()):
        abort(403)
    try:
        services.mark_done(db, deadline, me())
    except DomainError as exc:
        db.rollback()
        flash(translate(exc.message, **exc.params), "error")
        return redirect(_back(url_for("deadlines.index")))
    commit(db)
    flash(_("Marked as done: %(title)s", title=deadline.title))
    return redirect(_back(url_for("deadlines.index")))


@bp.get("/calendar")
@requires(can_view_deadlines)
def calendar():
    """Show the user's calendar subscriptions and let them create or revoke one."""
    return render_template("deadlines/calendar.html", tokens=feed.list_calendar_tokens(get_session(), me()),
                           new_url=None)


@bp.post("/calendar/tokens")
@requires(can_view_deadlines)
def create_token():
    """Issue a private feed URL and show it once."""
    db = get_session()
    token, _row = feed.create_calendar_token(db, me(), request.form.get("label", ""))
    commit(db)
    url = url_for("deadlines.ics", token=token, _external=True)
    return render_template("deadlines/calendar.html", tokens=feed.list_calendar_tokens(db, me()), new_url=url)


@bp.post("/calendar/revoke")
@requires(can_view_deadlines)
def revoke_token():
    """Revoke a feed URL; calendars subscribed to it stop receiving deadlines at once."""
    db = get_session()
    token_id = request.form.get("token_id", type=int)
    try:
        feed.revoke_calendar_token(db, me(), token_id or 0)
    except DomainError:
        db.rollback()
        flash(_("No such calendar subscription; it may have been revoked already."), "error")
        return redirect(url_for("deadlines.calendar"))
    commit(db)
    flash(_("The calendar subscription was revoked."))
    return redirect(url_for("deadlines.calendar"))


@bp.get("/feed/<token>.ics")
def ics(token: str):
    """Serve a user's deadlines as iCalendar to whoever holds the secret URL (no session needed)."""
    db = get_session()
    user = feed.feed_user(db, token)
    if user is None:
        abort(404)
    # UIDs must not follow the host the calendar asked through (another name, a proxy): see feed.UID_DOMAIN.
    domain = feed.uid_domain(current_app.config.get("BASE_URL", ""))
    body = feed.build_feed(db, user, today(), domain, translate)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="legalops-deadlines.ics"'
    # The URL is a credential: keep it out of shared caches and referrers.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.app_context_processor
def _deadline_helpers():
    def case_deadlines(case):
        return queries.list_case_deadlines(get_session(), me(), case)

    def unread_notifications():
        from legalops.deadlines.notifications import unread_count

        return unread_count(get_session(), me()) if current_user.is_authenticated else 0

    return {"case_deadlines": case_deadlines, "unread_notifications": unread_notifications,
            "deadline_kinds": KIND_LABELS, "deadline_states": STATE_LABELS, "deadline_today": today,
            "deadline_effective": queries.effective_state,
            "deadline_can_done": lambda: can_mark_deadline_done(me())}
