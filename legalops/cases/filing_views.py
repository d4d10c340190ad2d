"""Court filings of one case: forms and what they lack, preview, generate, download, approve, file, supersede."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from legalops.auth.web import me
from legalops.cases import queries
from legalops.cases.documents import build_form_context
from legalops.cases.filing_policies import (
    can_approve_filings,
    can_bulk_generate,
    can_generate_filings,
    can_mark_filed,
    can_supersede_filings,
)
from legalops.cases.filings import (
    MissingData,
    approve_case_filing,
    filing_file,
    form_availability,
    generate_filing,
    is_stale,
    mark_case_filing_filed,
    refresh_staleness,
    supersede_case_filing,
)
from legalops.cases.views import case_route
from legalops.core import clock
from legalops.core.errors import Conflict, DomainError, NotFound
from legalops.core.i18n import N_
from legalops.db import commit, get_session
from legalops.documents import queries as filing_queries
from legalops.documents import services as filing_services
from legalops.documents.models import FilingStatus
from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.ui.forms import error_dict, translate

bp = Blueprint("filings", __name__, url_prefix="/cases")

STATUS_LABELS = {
    FilingStatus.draft: N_("Draft"),
    FilingStatus.approved: N_("Approved"),
    FilingStatus.filed: N_("Filed"),
    FilingStatus.superseded: N_("Superseded"),
}


def _page(case, status: int = 200, errors: dict | None = None):
    db = get_session()
    # Each form in the version new filings will use, with what the case still lacks for it.
    forms = [{"spec": spec, "missing": [translate(m, **p) for m, p in built.missing]}
             for spec, built in form_availability(db, case)]
    filings = filing_queries.list_filings(db, case.id)
    stale = {f.id for f in filings if is_stale(f, case)}
    titles = {spec.key: spec.title for spec in get_registry().all()}
    user = me()
    return render_template(
        "documents/index.html", case=case, forms=forms, filings=filings, stale=stale, titles=titles,
        status_labels=STATUS_LABELS, errors=errors or {}, me=user, can_generate=can_generate_filings(user),
        can_approve=can_approve_filings(user), can_file=can_mark_filed(user),
        can_supersede=can_supersede_filings(user), can_bulk=can_bulk_generate(user), today=clock.today(),
    ), status


@bp.get("/<int:case_id>/filings")
@case_route(lambda u: True)
def index(case_id: int):
    """List the forms (with what each still lacks) and every filing version of the case."""
    return _page(queries.get_case(get_session(), me(), case_id))


@bp.get("/<int:case_id>/filings/<form_key>/preview")
@case_route(lambda u: True)
def preview(case_id: int, form_key: str):
    """Show the form as HTML, filled from the case as it is now."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    spec = get_registry().get(form_key)
    built = build_form_context(db, case, form_key)
    if not built.ready:
        return _page(case, 422, {"__all__": _("Complete the case before generating this form.")})
    return get_renderer().render_html(spec, built.context, inline_css=True)


@bp.post("/<int:case_id>/filings/<form_key>")
@case_route(can_generate_filings)
def generate(case_id: int, form_key: str):
    """Generate a new version of a form (DOCX and PDF); the same content twice gives one filing."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    try:
        formats = filing_services.parse_formats(request.form.getlist("formats") or "docx,pdf")
        filing = generate_filing(db, case, form_key, formats, me())
    except MissingData as exc:
        db.rollback()
        return _page(case, 422, {"__all__": "; ".join(translate(m, **p) for m, p in exc.built.missing)})
    except DomainError as exc:
        db.rollback()
        if isinstance(exc, NotFound):
            raise
        return _page(case, 422, error_dict(exc))
    commit(db)
    flash(_("Filing generated (version %(n)s).", n=filing.version_number))
    return redirect(url_for("filings.index", case_id=case.id) + f"#filing-{filing.id}")


@bp.get("/<int:case_id>/filings/<int:filing_id>/download/<fmt>")
@case_route(lambda u: True)
def download(case_id: int, filing_id: int, fmt: str):
    """Send one format of one filing version (any version stays downloadable)."""
    from flask import current_app

    db = get_session()
    case = queries.get_case(db, me(), case_id)
    filing = filing_queries.get_filing(db, case.id, filing_id)
    path, mime, name = filing_file(case, filing, fmt, current_app.config["STORAGE_DIR"])
    return send_file(path, mimetype=mime, as_attachment=True, download_name=name)


def _act(case_id: int, filing_id: int, action):
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    filing = filing_queries.get_filing(db, case.id, filing_id)
    refresh_staleness(db, case, me())
    db.refresh(filing)
    try:
        message = action(db, filing)
    except DomainError as exc:
        db.rollback()
        status = 409 if isinstance(exc, Conflict) else 422
        return _page(case, status, {"__all__": translate(exc.message, **exc.params)})
    commit(db)
    flash(message)
    return redirect(url_for("filings.index", case_id=case.id) + f"#filing-{filing.id}")


@bp.post("/<int:case_id>/filings/<int:filing_id>/approve")
@case_route(can_approve_filings)
def approve(case_id: int, filing_id: int):
    """Approve a draft (counsel other than its author)."""
    def action(db, filing):
        approve_case_filing(db, filing, me())
        return _("Filing approved.")
    return _act(case_id, filing_id, action)


@bp.post("/<int:case_id>/filings/<int:filing_id>/filed")
@case_route(can_mark_filed)
def mark_filed(case_id: int, filing_id: int):
    """Record the date and court an approved filing was lodged with."""
    def action(db, filing):
        try:
            filed_on = dt.date.fromisoformat(request.form.get("filed_on", ""))
        except ValueError:
            raise DomainError(N_("Enter the filing date."), field="filed_on") from None
        mark_case_filing_filed(db, filing, filed_on, request.form.get("court", ""), me())
        return _("Filing marked as filed.")
    return _act(case_id, filing_id, action)


@bp.post("/<int:case_id>/filings/<int:filing_id>/supersede")
@case_route(can_supersede_filings)
def supersede(case_id: int, filing_id: int):
    """Withdraw a filing version; it stays in the history."""
    def action(db, filing):
        supersede_case_filing(db, filing, me())
        return _("Filing superseded.")
    return _act(case_id, filing_id, action)
