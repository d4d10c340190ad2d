"""Court documents of a case: list, upload (checked by content), download as an attachment."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, send_file, url_for
from flask_babel import gettext as _

from legalops.auth.models import User
from legalops.auth.web import me
from legalops.casefiles import services
from legalops.casefiles.models import KIND_LABELS
from legalops.casefiles.policies import can_upload_case_documents
from legalops.casefiles.queries import get_case_document, list_case_documents
from legalops.cases import queries
from legalops.cases.views import case_route
from legalops.db import get_session
from legalops.documents.storage import stored_path
from legalops.ui.forms import submit

bp = Blueprint("casefiles", __name__, url_prefix="/cases")


def max_upload_bytes() -> int:
    """Return the configured size limit of one court document."""
    return int(current_app.config.get("CASE_DOCUMENT_MAX_MB", 20)) * 1024 * 1024


def read_upload(storage, limit: int) -> bytes:
    """Read an uploaded file, at most one byte past `limit` so an oversized one is refused without reading it all."""
    return storage.read(limit + 1) if storage else b""


def upload_from_request(db, case, actor: User, form: dict):
    """Store the request's uploaded file on the case with the form's kind and title."""
    storage = request.files.get("file")
    limit = max_upload_bytes()
    return services.upload_case_document(
        db, case, data=read_upload(storage, limit), filename=storage.filename if storage else "",
        kind=form.get("kind", ""), title=form.get("title", ""), actor=actor,
        storage_dir=current_app.config["STORAGE_DIR"], max_bytes=limit)


def _render(case, errors: dict, form: dict | None):
    db = get_session()
    return render_template("casefiles/index.html", case=case, documents=list_case_documents(db, case.id),
                           kinds=KIND_LABELS, errors=errors, form=form or {"kind": "judgment"},
                           can_upload=can_upload_case_documents(me()), max_mb=max_upload_bytes() // (1024 * 1024))


@bp.get("/<int:case_id>/documents")
@case_route(lambda u: True)
def index(case_id: int):
    """List the case's court documents, with the upload form for those who may upload."""
    return _render(queries.get_case(get_session(), me(), case_id), {}, None)


@bp.post("/<int:case_id>/documents")
@case_route(can_upload_case_documents)
def upload(case_id: int):
    """Upload a court document; a refused file is explained and the typed fields are kept."""
    case = queries.get_case(get_session(), me(), case_id)

    def save(db, form):
        upload_from_request(db, case, me(), form)
        return url_for("casefiles.index", case_id=case.id)

    return submit(lambda errors, form: _render(case, errors, form), save, done=_("The document is uploaded."))


@bp.get("/<int:case_id>/documents/<int:document_id>/download")
@case_route(lambda u: True)
def download(case_id: int, document_id: int):
    """Send a court document as an attachment with its checked content type."""
    document = get_case_document(get_session(), me(), case_id, document_id)
    return send_document(document)


def send_document(document):
    """Return the stored bytes as a download, never rendered inline."""
    path = stored_path(current_app.config["STORAGE_DIR"], document.storage_path)
    ext = document.storage_path.rsplit(".", 1)[-1]
    response = send_file(path, mimetype=document.mime, as_attachment=True, download_name=f"{document.title}.{ext}",
                         max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
