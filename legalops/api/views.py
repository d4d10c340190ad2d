"""/api/v1 routes: cases, court-document uploads and firm updates, all scoped to the token's firm."""

from __future__ import annotations

import json
from decimal import Decimal

from flask import current_app, g, jsonify, request
from flask_openapi3 import APIBlueprint, Tag
from werkzeug.exceptions import HTTPException

from legalops.api.errors import domain_error, error_response, http_error
from legalops.api.idempotency import idempotent
from legalops.api.schemas import (
    CaseDetail,
    CaseList,
    CasePath,
    CaseQuery,
    DocumentPublic,
    ErrorBody,
    PostHeaders,
    UpdateList,
    UpdateProposal,
    UpdatePublic,
    UploadForm,
)
from legalops.api.spec import build_spec
from legalops.auth.passwords import hash_token
from legalops.casefiles.queries import list_case_documents
from legalops.casefiles.services import upload_case_document
from legalops.cases import queries as case_queries
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.db import commit, get_session
from legalops.portal import queries as update_queries
from legalops.portal import services as update_services
from legalops.portal.tokens import authenticate_token
from legalops.ui.forms import translate

ERRORS = {401: ErrorBody, 404: ErrorBody, 422: ErrorBody, 429: ErrorBody}
POST_ERRORS = {**ERRORS, 400: ErrorBody, 409: ErrorBody, 413: ErrorBody}

bp = APIBlueprint("api", __name__, url_prefix="/api/v1", abp_security=[{"bearerAuth": []}],
                  abp_responses=ERRORS, doc_ui=True)
cases_tag = Tag(name="cases", description="The cases assigned to your firm.")
updates_tag = Tag(name="updates", description="Proposed updates and counsel's review.")


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _case_summary(case, debtor_name=None, principal=None) -> dict:
    return {"id": case.id, "reference": case.reference, "stage": case.stage, "court_name": case.court_name,
            "court_case_number": case.court_case_number, "opened_on": case.opened_on.isoformat(),
            "updated_at": case.updated_at.isoformat(), "debtor_name": debtor_name, "outstanding_principal": _money(principal)}


def document_json(document) -> dict:
    """Return a court document's public fields."""
    return DocumentPublic.model_validate(document, from_attributes=True).model_dump(mode="json")


def update_json(update) -> dict:
    """Return an update's public fields."""
    return UpdatePublic.model_validate(update, from_attributes=True).model_dump(mode="json")


@bp.get("/cases", tags=[cases_tag], responses={200: CaseList})
def list_cases(query: CaseQuery):
    """List your firm's cases, newest change first."""
    page = case_queries.list_cases(get_session(), g.api_principal,
                                   case_queries.CaseFilters(q=query.q or "", stage=query.stage or ""),
                                   page=query.page, per_page=query.per_page)
    items = [_case_summary(row[0], row.debtor_name, row.outstanding_principal) for row in page.items]
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}


@bp.get("/cases/<int:case_id>", tags=[cases_tag], responses={200: CaseDetail})
def get_case(path: CasePath):
    """Show one of your firm's cases with its debtors, loans and court documents."""
    db = get_session()
    case = case_queries.get_case(db, g.api_principal, path.case_id)
    debtors = [{"id": link.id, "party_id": party.id, "name": party.name, "role": link.role} for link, party in case_queries.list_debtors(db, case)]
    rows = case_queries.list_loans(db, case)
    loans = [{"contract_number": loan.contract_number, "principal": _money(loan.principal),
              "outstanding_principal": _money(loan.outstanding_principal),
              "outstanding_interest": _money(loan.outstanding_interest),
              "outstanding_penalty": _money(loan.outstanding_penalty),
              "maturity_date": loan.maturity_date.isoformat() if loan.maturity_date else None}
             for loan in rows]
    principal = sum((loan.outstanding_principal for loan in rows), Decimal("0")) if rows else None
    return {**_case_summary(case, debtors[0]["name"] if debtors else None, principal), "debtors": debtors,
            "loans": loans, "documents": [document_json(d) for d in list_case_documents(db, case.id)]}


@bp.post("/cases/<int:case_id>/documents", tags=[cases_tag], responses={201: DocumentPublic, **POST_ERRORS})
def upload_document(path: CasePath, header: PostHeaders, form: UploadForm):
    """Upload a court document (PDF, DOCX, JPEG or PNG, checked by content); retries with the same key create one."""
    db = get_session()
    principal = g.api_principal
    case = case_queries.get_case(db, principal, path.case_id)
    limit = int(current_app.config.get("CASE_DOCUMENT_MAX_MB", 20)) * 1024 * 1024

    def handle():
        document = upload_case_document(db, case, data=form.file.stream.read(limit + 1), filename=form.file.filename or "",
                                        kind=form.kind.value, title=form.title, actor=principal,
                                        storage_dir=current_app.config["STORAGE_DIR"], max_bytes=limit)
        return document_json(document), 201

    return idempotent(db, principal.firm_id, header.idempotency_key, handle)


@bp.post("/cases/<int:case_id>/updates", tags=[updates_tag], responses={201: UpdatePublic, **POST_ERRORS})
def propose_update(path: CasePath, header: PostHeaders, body: UpdateProposal):
    """Propose an update for counsel's review; it changes nothing until accepted."""
    db = get_session()
    principal = g.api_principal
    case = case_queries.get_case(db, principal, path.case_id)
    proposal = body.root

    def handle():
        update = update_services.propose_update(db, case, principal, proposal.kind,
                                                proposal.payload.model_dump(mode="json"), proposal.document_id)
        return update_json(update), 201

    return idempotent(db, principal.firm_id, header.idempotency_key, handle)


@bp.get("/cases/<int:case_id>/updates", tags=[updates_tag], responses={200: UpdateList})
def list_updates(path: CasePath):
    """List your firm's updates on a case with their review status and any rejection reason."""
    db = get_session()
    case = case_queries.get_case(db, g.api_principal, path.case_id)
    return {"items": [update_json(u) for u in update_queries.list_case_updates(db, g.api_principal, case.id)]}


def unauthorized():
    """Return the 401 answer for a missing, unknown, expired or revoked token."""
    return error_response(401, translate(N_("A valid API token is required (Authorization: Bearer …).")))


@bp.before_request
def _authenticate():
    """Admit only requests with a live bearer token (the session cookie is never consulted); refuse bad JSON."""
    if request.endpoint == "api.openapi":
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    db = get_session()
    principal = authenticate_token(db, secret.strip()) if scheme.lower() == "bearer" else None
    if principal is None:
        return unauthorized()
    g.api_principal = principal
    if request.method == "GET" and db.dirty:
        # A read commits nothing else, so the token's last_used_at is this request's one commit.
        commit(db)
    if request.method == "POST" and request.mimetype == "application/json":
        try:
            json.loads(request.get_data() or b"")
        except ValueError:
            return error_response(400, translate(N_("The request body is not valid JSON.")), code="malformed_json")
    return None


def _openapi():
    """Serve the OpenAPI 3.1 document of this API."""
    return jsonify(build_spec(bp, request.host_url.rstrip("/")))


def token_key() -> str:
    """Rate-limit per token, keyed by a hash so that the secret never reaches the limiter's storage."""
    return "api:" + hash_token(request.headers.get("Authorization", ""))


bp.add_url_rule("/openapi.json", "openapi", _openapi, methods=["GET"])
bp.register_error_handler(DomainError, domain_error)
bp.register_error_handler(HTTPException, http_error)
# The app registers HTML pages per status code, which Flask prefers to a class handler: answer those codes here too.
for _code in (400, 403, 404, 405, 413, 429):
    bp.register_error_handler(_code, http_error)
