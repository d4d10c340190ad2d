"""Firm updates in the browser: a firm proposes from the case, counsel reviews them in one queue."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _

from legalops.auth.web import me, requires
from legalops.casefiles.models import KIND_LABELS
from legalops.casefiles.queries import list_case_documents
from legalops.casefiles.views import max_upload_bytes, upload_from_request
from legalops.cases import queries as case_queries
from legalops.cases.queries import list_debtors
from legalops.cases.views import case_route
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.db import get_session
from legalops.portal import queries, services
from legalops.portal.kinds import KINDS, get_kind
from legalops.portal.models import STATUS_LABELS
from legalops.portal.policies import can_propose_updates, can_review_updates
from legalops.ui.forms import submit

bp = Blueprint("portal", __name__)


def form_payload(kind_key: str, form: dict, debtors: list) -> dict:
    """Turn a kind's browser form into the proposal its schema validates (blank inputs left out)."""
    kind = get_kind(kind_key)
    if kind.from_form is not None:
        return kind.from_form(form, debtors)
    return {f.name: form[f.name].strip() for f in kind.fields if (form.get(f.name) or "").strip()}


def _case_page(case, errors: dict, form: dict | None, status: int = 200):
    db = get_session()
    # The schema names fields as the API does (payload.x); the browser form names them x.
    errors = {key.removeprefix("payload."): message for key, message in errors.items()}
    kind_key = (form or {}).get("kind") or request.args.get("kind") or next(iter(KINDS))
    if kind_key not in KINDS:
        kind_key = next(iter(KINDS))
    return render_template(
        "portal/case_updates.html", case=case, updates=(updates := queries.list_case_updates(db, me(), case.id)),
        names=queries.party_names(db, updates),
        kinds=KINDS, kind=KINDS[kind_key], status_labels=STATUS_LABELS, errors=errors, form=form or {},
        documents=[(d.id, d.title) for d in list_case_documents(db, case.id)], document_kinds=KIND_LABELS,
        debtors=list_debtors(db, case), can_propose=can_propose_updates(me()),
        can_review=can_review_updates(me()), max_mb=max_upload_bytes() // (1024 * 1024),
    ), status


@bp.get("/cases/<int:case_id>/updates")
@case_route(lambda u: True)
def case_updates(case_id: int):
    """List a case's firm updates with their status; the firm's lawyers also get the forms."""
    return _case_page(case_queries.get_case(get_session(), me(), case_id), {}, None)


@bp.post("/cases/<int:case_id>/updates")
@case_route(can_propose_updates)
def propose(case_id: int):
    """Queue a firm's update (optionally with a court document uploaded in the same step) for review."""
    db = get_session()
    case = case_queries.get_case(db, me(), case_id)

    def save(db, form):
        kind = form.get("kind", "")
        payload = form_payload(kind, form, list_debtors(db, case))
        raw_doc = form.get("document_id", "").strip()
        if raw_doc and not raw_doc.isdigit():
            raise DomainError(N_("Choose one of the case's documents."), field="document_id")
        document_id = int(raw_doc) if raw_doc else None
        # Validate the proposal before storing a file, so a refused proposal leaves no orphan document.
        services.validate_payload(kind, payload)
        upload = request.files.get("file")
        if upload is not None and upload.filename:
            document_id = upload_from_request(db, case, me(), {"kind": form.get("document_kind", "other"),
                                                               "title": form.get("document_title", "")}).id
        services.propose_update(db, case, me(), kind, payload, document_id)
        return url_for("portal.case_updates", case_id=case.id)

    return submit(lambda errors, form: _case_page(case, errors, form)[0], save,
                  done=_("Your update is waiting for counsel's review."))


@bp.get("/review")
@requires(can_review_updates)
def review():
    """Counsel's queue: every pending firm update on the cases they may see."""
    return _review_page({})


def _review_page(errors: dict):
    db = get_session()
    pending = queries.list_pending_updates(db, me())
    return render_template("portal/review.html", pending=pending, kinds=KINDS, names=queries.party_names(db, [u for u, _case, _firm in pending]),
                           errors=errors, document_kinds=KIND_LABELS)


@bp.post("/review/<int:update_id>/accept")
@requires(can_review_updates)
def accept(update_id: int):
    """Accept a firm update: apply it to the case in this one transaction."""
    db = get_session()
    update = queries.get_update(db, me(), update_id)
    case = case_queries.get_case(db, me(), update.case_id)

    def save(db, form):
        services.accept_update(db, update, case, me())
        return url_for("portal.review")

    return submit(lambda errors, form: _review_page({update_id: errors}), save, done=_("Accepted and applied."))


@bp.post("/review/<int:update_id>/reject")
@requires(can_review_updates)
def reject(update_id: int):
    """Reject a firm update with a reason the firm will see."""
    db = get_session()
    update = queries.get_update(db, me(), update_id)

    def save(db, form):
        services.reject_update(db, update, me(), form.get("reason", ""))
        return url_for("portal.review")

    return submit(lambda errors, form: _review_page({update_id: errors}), save, done=_("Rejected; the firm sees your reason."))
