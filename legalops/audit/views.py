"""The auditor's read-only view of the audit trail."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from legalops.audit.queries import list_entries
from legalops.auth.policies import can_view_audit
from legalops.auth.web import requires
from legalops.db import get_session

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.get("/")
@requires(can_view_audit)
def index():
    """Browse every recorded change, newest first."""
    args = request.args
    page = list_entries(
        get_session(), object_type=args.get("object_type", ""), action=args.get("action", ""),
        actor=args.get("actor", ""), case_id=args.get("case", type=int), page=args.get("page", 1, type=int),
    )
    keep = {k: v for k, v in args.items() if k != "page" and v}
    return render_template("audit/index.html", page=page, keep=keep, args=args)
