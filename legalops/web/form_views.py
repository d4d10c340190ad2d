"""Administration of court-form templates: upload a DOCX version, see its check, activate, roll back."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from legalops.audit.services import record
from legalops.auth.models import User
from legalops.auth.policies import can_manage_users
from legalops.auth.web import me, requires
from legalops.core.errors import Conflict, DomainError
from legalops.core.i18n import N_
from legalops.db import commit, get_session
from legalops.documents import form_versions as versions
from legalops.documents.docx_gate import DocxLimits
from legalops.documents.models import FormVersionStatus
from legalops.documents.registry import get_registry
from legalops.documents.storage import stored_path
from legalops.ui.forms import error_dict

bp = Blueprint("form_admin", __name__, url_prefix="/admin/forms")

STATUS_LABELS = {
    FormVersionStatus.checked: N_("Checked, not active"),
    FormVersionStatus.failed: N_("Failed its check"),
    FormVersionStatus.active: N_("Active"),
    FormVersionStatus.retired: N_("Retired"),
}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.get("/")
@requires(can_manage_users)
def index():
    """List the forms with the template each uses now and how many versions were uploaded."""
    db = get_session()
    uploads = versions.list_versions(db)
    rows = [{"spec": spec, "active": next((v for v in uploads if v.form_key == spec.key and v.status == "active"), None),
             "count": sum(1 for v in uploads if v.form_key == spec.key)} for spec in get_registry().all()]
    return render_template("admin/forms.html", rows=rows)


def _page(form_key: str, errors: dict | None = None, status: int = 200, values=None):
    db = get_session()
    spec = get_registry().get(form_key)
    history = versions.list_versions(db, form_key)
    ids = {v.uploaded_by_id for v in history if v.uploaded_by_id}
    users = {u.id: u.display_name or u.username for u in db.execute(select(User).where(User.id.in_(ids))).scalars()}
    return render_template("admin/form_versions.html", spec=spec, history=history, users=users,
                           active=next((v for v in history if v.status == "active"), None),
                           status_labels=STATUS_LABELS, errors=errors or {}, values=values or {},
                           max_mb=DocxLimits().max_bytes // (1024 * 1024)), status


@bp.route("/<form_key>", methods=["GET", "POST"])
@requires(can_manage_users)
def show(form_key: str):
    """Show a form's versions; POST uploads a new DOCX, which is gated and checked at once."""
    if request.method == "GET":
        return _page(form_key)
    db = get_session()
    spec = get_registry().get(form_key)
    upload = request.files.get("file")
    limit = DocxLimits().max_bytes
    data = upload.stream.read(limit + 1) if upload else b""
    try:
        if not data:
            raise DomainError(N_("Choose a Word (.docx) file."), field="file")
        version = versions.upload_form_version(
            db, spec, data, label=request.form.get("label", ""), filename=upload.filename or "",
            uploaded_by_id=me().id, forms_dir=get_registry().forms_dir)
    except DomainError as exc:
        db.rollback()
        errors = error_dict(exc)
        if "label" not in errors and "file" not in errors:
            errors = {"file": errors.pop("__all__", "")}
        return _page(form_key, errors, 409 if isinstance(exc, Conflict) else 422, request.form)
    record(db, me(), "upload", version, after={"form_key": spec.key, "label": version.label,
                                               "status": version.status, "sha256": version.sha256},
           summary=f"{spec.title} {version.label}")
    commit(db)
    if version.status == FormVersionStatus.failed:
        flash(_("Version %(label)s was stored but failed its check; see the problems below.", label=version.label))
    else:
        flash(_("Version %(label)s passed its check and can be activated.", label=version.label))
    return redirect(url_for("form_admin.show", form_key=spec.key) + f"#version-{version.id}")


@bp.post("/<form_key>/versions/<int:version_id>/activate")
@requires(can_manage_users)
def activate(form_key: str, version_id: int):
    """Make a checked version the template new filings use."""
    db = get_session()
    version = versions.get_version(db, form_key, version_id)
    try:
        replaced = versions.activate_version(db, version)
    except DomainError as exc:
        db.rollback()
        return _page(form_key, {"__all__": error_dict(exc).get("__all__", "")}, 409)
    record(db, me(), "activate", version, before={"label": replaced.label if replaced else None},
           after={"label": version.label, "status": version.status}, summary=f"{form_key} {version.label}")
    commit(db)
    flash(_("Version %(label)s is now active.", label=version.label))
    return redirect(url_for("form_admin.show", form_key=form_key))


@bp.post("/<form_key>/rollback")
@requires(can_manage_users)
def rollback(form_key: str):
    """Return to the version that was active before the current one (or to the shipped template)."""
    db = get_session()
    spec = get_registry().get(form_key)
    try:
        retired, restored = versions.rollback_form(db, form_key)
    except DomainError as exc:
        db.rollback()
        return _page(form_key, {"__all__": error_dict(exc).get("__all__", "")}, 409)
    now_label = restored.label if restored else spec.version
    record(db, me(), "rollback", retired, before={"label": retired.label}, after={"label": now_label},
           summary=f"{form_key} {retired.label} → {now_label}")
    commit(db)
    flash(_("Rolled back: %(label)s is in use again.", label=now_label))
    return redirect(url_for("form_admin.show", form_key=form_key))


@bp.get("/<form_key>/versions/<int:version_id>/download")
@requires(can_manage_users)
def download(form_key: str, version_id: int):
    """Send an uploaded DOCX back, as stored."""
    version = versions.get_version(get_session(), form_key, version_id)
    path = stored_path(current_app.config["STORAGE_DIR"], version.path)
    return send_file(path, mimetype=DOCX_MIME, as_attachment=True, download_name=f"{form_key}-{version.label}.docx")
