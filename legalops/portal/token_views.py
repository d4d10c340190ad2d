"""Firm API tokens in the browser: counsel and admins issue (shown once), list and revoke them."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from legalops.auth.models import Firm
from legalops.auth.web import me, requires
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError, NotFound
from legalops.core.i18n import N_
from legalops.db import commit, get_session
from legalops.portal import tokens
from legalops.portal.models import FirmToken
from legalops.portal.policies import can_manage_tokens
from legalops.ui.forms import error_dict, submit

bp = Blueprint("firm_tokens", __name__, url_prefix="/firm-tokens")


def _page(errors: dict, form: dict | None, issued: str | None = None):
    db = get_session()
    firms = db.execute(select(Firm).where(Firm.active).order_by(Firm.name)).scalars().all()
    return render_template("portal/tokens.html", tokens=tokens.list_tokens(db), firms=[(f.id, f.name) for f in firms],
                           errors=errors, form=form or {}, issued=issued, now=utcnow())


@bp.get("/")
@requires(can_manage_tokens)
def index():
    """List every firm's API tokens."""
    return _page({}, None)


@bp.post("/")
@requires(can_manage_tokens)
def issue():
    """Issue a token for a firm and show it once (it is stored only as a hash)."""
    db = get_session()
    form = request.form.to_dict()
    try:
        firm = db.get(Firm, int(form["firm_id"])) if form.get("firm_id", "").isdigit() else None
        if firm is None or not firm.active:
            raise NotFound(N_("No such firm."), field="firm_id")
        raw_days = form.get("expires_days", "").strip()
        if raw_days and not raw_days.isdigit():
            raise DomainError(N_("Enter a number of days between 1 and 3650."), field="expires_days")
        secret, _row = tokens.issue_token(db, firm, me(), expires_days=int(raw_days) if raw_days else None,
                                          label=form.get("label", ""))
    except DomainError as exc:
        db.rollback()
        return _page(error_dict(exc), form), 422
    commit(db)
    # Rendered, not redirected: the secret must not travel through the session cookie's flash messages.
    return _page({}, None, issued=secret), 201


@bp.post("/<int:token_id>/revoke")
@requires(can_manage_tokens)
def revoke(token_id: int):
    """Revoke a token at once."""
    if get_session().get(FirmToken, token_id) is None:
        raise NotFound(N_("Not found."))

    def save(db, form):
        tokens.revoke_token(db, token_id, me())
        return url_for("firm_tokens.index")

    return submit(lambda errors, form: _page(errors, None), save, done=_("The token is revoked."))
