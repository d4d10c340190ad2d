"""The signed-in user's notifications: list and mark read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from legalops.auth.web import me, requires
from legalops.db import commit, get_session
from legalops.deadlines.notifications import KIND_LABELS, list_notifications, mark_all_read, unread_count

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@requires(lambda u: True)
def index():
    """List the user's notifications, newest first."""
    db = get_session()
    page = list_notifications(db, me(), page=request.args.get("page", 1, type=int))
    return render_template("notifications/index.html", page=page, kinds=KIND_LABELS, unread=unread_count(db, me()))


@bp.post("/read")
@requires(lambda u: True)
def read_all():
    """Mark every notification as read."""
    db = get_session()
    count = mark_all_read(db, me())
    commit(db)
    flash(_("%(n)s notifications marked as read.", n=count))
    return redirect(url_for("notifications.index"))
