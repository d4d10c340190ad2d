"""Portfolio import routes (upload, validation report, progress, template download)."""

from __future__ import annotations

from flask import Blueprint, render_template

from legalops.auth.policies import can_import_portfolio
from legalops.auth.web import requires

bp = Blueprint("imports", __name__, url_prefix="/imports")


@bp.get("/new")
@requires(can_import_portfolio)
def new():
    """Show the import page."""
    return render_template("imports/new.html")
