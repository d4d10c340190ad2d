"""Portfolio import routes (upload, validation report, progress, template download)."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from legalops.auth.policies import can_import_portfolio
from legalops.auth.web import me, requires
from legalops.cases import queries
from legalops.cases.importing.columns import COLUMNS
from legalops.cases.importing.jobs import FUNC, KIND, submit_import
from legalops.cases.importing.reader import MAX_BYTES, FileProblem, sniff
from legalops.cases.importing.report import describe_error, field_label
from legalops.cases.importing.template import template_csv, template_xlsx
from legalops.core.errors import DomainError
from legalops.db import commit, get_session
from legalops.jobs.models import JobRecord
from legalops.jobs.queue import submit_job
from legalops.ui.forms import error_dict, translate

bp = Blueprint("imports", __name__, url_prefix="/imports")


def _max_bytes() -> int:
    return int(current_app.config.get("IMPORT_MAX_BYTES", MAX_BYTES))


def _page(errors: dict, form: dict, status: int = 200):
    db = get_session()
    recent = db.execute(select(JobRecord).where(JobRecord.kind == KIND)
                        .order_by(JobRecord.created_at.desc()).limit(20)).scalars().all()
    return render_template("imports/new.html", errors=errors, form=form, recent=recent, columns=COLUMNS,
                           portfolios=queries.list_portfolios(db), max_mb=_max_bytes() // (1024 * 1024)), status


@bp.route("/new", methods=["GET", "POST"])
@requires(can_import_portfolio)
def new():
    """Show the import page; on POST, check the upload's content and queue its import."""
    if request.method == "GET":
        return _page({}, {})
    form = request.form.to_dict()
    upload = request.files.get("file")
    data = upload.read(_max_bytes() + 1) if upload else b""
    if not upload or not upload.filename:
        return _page({"file": _("Choose a file to import.")}, form, 422)
    try:
        sniff(data, _max_bytes())
    except FileProblem as exc:
        return _page({"file": translate(exc.message, **exc.params)}, form, 422)
    db = get_session()
    try:
        job = submit_import(db, data=data, filename=upload.filename, portfolio_name=form.get("portfolio", ""),
                            creditor_name=form.get("creditor_name", ""),
                            creditor_id_number=form.get("creditor_id_number", ""), actor=me(),
                            storage_dir=current_app.config["STORAGE_DIR"])
    except DomainError as exc:
        db.rollback()
        return _page(error_dict(exc), form, 422)
    job_id = job.id
    commit(db)
    return redirect(url_for("imports.show", job_id=job_id))


def _job(job_id: str) -> JobRecord:
    job = get_session().get(JobRecord, job_id)
    if job is None or job.kind != KIND:
        abort(404)
    return job


@bp.get("/jobs/<job_id>")
@requires(can_import_portfolio)
def show(job_id: str):
    """Show an import's progress, or its report once finished, or its error with a retry button."""
    job = _job(job_id)
    report = job.result or {}
    errors = [{**e, "text": describe_error(e, translate), "label": field_label(e, translate),
               "problem": (f"{e['item']}: " if e.get("item") else "") + translate(e["message"], **e.get("params", {}))}
              for e in report.get("errors", [])]
    file_errors = [translate(e["message"], **e.get("params", {})) for e in report.get("file_errors", [])]
    return render_template("imports/show.html", job=job, report=report, errors=errors, file_errors=file_errors,
                           error_summary=(job.error or "").split("\n", 1)[0])


@bp.get("/jobs/<job_id>/progress")
@requires(can_import_portfolio)
def progress(job_id: str):
    """Return the job's status and progress as JSON, for the page to poll."""
    job = _job(job_id)
    percent = 100 if job.status == "finished" else (int(job.progress * 100 / job.total) if job.total else 0)
    return jsonify(status=job.status, progress=job.progress, total=job.total, percent=min(percent, 100),
                   message=translate(job.message) if job.message else "", done=job.status in {"finished", "failed"})


@bp.post("/jobs/<job_id>/retry")
@requires(can_import_portfolio)
def retry(job_id: str):
    """Queue a failed import again with the file it was given."""
    job = _job(job_id)
    if job.status != "failed":
        flash(_("Only a failed import can be retried."), "error")
        return redirect(url_for("imports.show", job_id=job_id))
    db = get_session()
    submit_job(db, KIND, FUNC, job_id, args=job.args or {}, created_by_id=me().id)
    commit(db)
    flash(_("The import was queued again."))
    return redirect(url_for("imports.show", job_id=job_id))


@bp.get("/template.xlsx")
@requires(can_import_portfolio)
def template_workbook():
    """Download the XLSX template with an example row and an explanations sheet."""
    return send_file(template_xlsx(translate), as_attachment=True, download_name="portfolio-import-template.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/template.csv")
@requires(can_import_portfolio)
def template_text():
    """Download the CSV template (UTF-8 with BOM)."""
    response = current_app.response_class(template_csv(), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = "attachment; filename=portfolio-import-template.csv"
    return response
