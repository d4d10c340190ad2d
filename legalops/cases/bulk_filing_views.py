"""Bulk generation: one form for every case of a filtered list, as a background job with progress and a ZIP."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from legalops.auth.models import Firm, Role
from legalops.auth.web import me, requires
from legalops.cases import queries
from legalops.cases.filing_jobs import bulk_state, bulk_zip, submit_bulk
from legalops.cases.filing_policies import can_bulk_generate
from legalops.cases.stages import STAGE_LABELS
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.db import commit, get_session
from legalops.documents import services as filing_services
from legalops.documents.registry import get_registry
from legalops.jobs.models import JobRecord
from legalops.ui.forms import error_dict

bp = Blueprint("bulk_filings", __name__, url_prefix="/filings")

#: Above this, split the list (parts of PART_SIZE cases run side by side on the workers).
MAX_BULK_CASES = 2000
JOB_STATUS_LABELS = {"queued": N_("Queued"), "started": N_("Running"), "finished": N_("Finished"),
                     "failed": N_("Failed")}


def _filters(source) -> queries.CaseFilters:
    return queries.CaseFilters(q=source.get("q", ""), stage=source.get("stage", ""),
                               portfolio_id=int(source["portfolio"]) if source.get("portfolio", "").isdigit() else None,
                               firm_id=int(source["firm"]) if source.get("firm", "").isdigit() else None)


def _form(errors: dict | None = None, status: int = 200):
    db = get_session()
    filters = _filters(request.values)
    page = queries.list_cases(db, me(), filters, page=1, per_page=1)
    firms = db.execute(select(Firm).where(Firm.active).order_by(Firm.name)).scalars().all()
    return render_template("documents/bulk.html", forms=get_registry().all(), filters=filters, count=page.total,
                           stages=STAGE_LABELS, portfolios=queries.list_portfolios(db), errors=errors or {},
                           firms=[(f.id, f.name) for f in firms], values=request.values), status


def _job(bulk_id: str) -> JobRecord:
    record = get_session().get(JobRecord, bulk_id)
    # Counsel see the bulk jobs they started; admins see all of them.
    if record is None or record.kind != "bulk_filings" or (
            me().role != Role.admin and record.created_by_id != me().id):
        abort(404)
    return record


@bp.route("/bulk", methods=["GET", "POST"])
@requires(can_bulk_generate)
def bulk():
    """Choose a form and a filtered list of cases, then queue one job that generates them all."""
    if request.method == "GET":
        return _form()
    db = get_session()
    try:
        spec = get_registry().get(request.form.get("form_key", ""))
        formats = filing_services.parse_formats(request.form.getlist("formats") or "docx,pdf")
    except DomainError as exc:
        return _form(error_dict(exc), 422)
    page = queries.list_cases(db, me(), _filters(request.form), page=1, per_page=MAX_BULK_CASES)
    case_ids = [row[0].id for row in page.items]
    if not case_ids:
        return _form({"__all__": _("No case matches these filters.")}, 422)
    record = submit_bulk(db, me(), spec.key, case_ids, formats)
    commit(db)
    return redirect(url_for("bulk_filings.job", bulk_id=record.id))


@bp.get("/jobs/<bulk_id>")
@requires(can_bulk_generate)
def job(bulk_id: str):
    """Show a bulk job's progress, its per-case failures with reasons, and the ZIP once done."""
    record = _job(bulk_id)
    spec = get_registry().get(record.args["form_key"])
    return render_template("documents/job.html", record=record, spec=spec, state=bulk_state(get_session(), record),
                           status_labels=JOB_STATUS_LABELS)


@bp.post("/jobs/<bulk_id>/retry")
@requires(can_bulk_generate)
def retry(bulk_id: str):
    """Queue the failed cases of a finished bulk job again."""
    record = _job(bulk_id)
    db = get_session()
    state = bulk_state(db, record)
    failed = state["failed_case_ids"]
    if state["status"] in {"queued", "started"} or not failed:
        return redirect(url_for("bulk_filings.job", bulk_id=record.id))
    again = submit_bulk(db, me(), record.args["form_key"], failed, tuple(record.args["formats"]))
    commit(db)
    return redirect(url_for("bulk_filings.job", bulk_id=again.id))


@bp.get("/jobs/<bulk_id>/download.zip")
@requires(can_bulk_generate)
def download(bulk_id: str):
    """Download every file the bulk job generated, one folder per case."""
    from io import BytesIO

    record = _job(bulk_id)
    if bulk_state(get_session(), record)["status"] != "finished":
        abort(404)
    return send_file(BytesIO(bulk_zip(get_session(), record)), mimetype="application/zip", as_attachment=True,
                     download_name=f"{record.args['form_key']}-{record.id[-8:]}.zip")
