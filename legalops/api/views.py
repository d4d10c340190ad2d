"""/api/v1 routes: cases, court-document uploads, firm updates and court filings, all scoped to the token's firm."""

from __future__ import annotations

import json
from decimal import Decimal

from flask import abort, current_app, g, jsonify, request, send_file
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
    FilingFilePath,
    FilingList,
    FilingPublic,
    FilingRequest,
    FormList,
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
from legalops.cases.filing_policies import can_generate_filings
from legalops.cases.filings import (
    MIME,
    MissingData,
    filing_file,
    form_availability,
    generate_filing,
    is_stale,
)
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.db import commit, get_session
from legalops.documents import queries as filing_queries
from legalops.documents.models import RenderState
from legalops.documents.registry import get_registry
from legalops.documents.services import parse_formats
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
filings_tag = Tag(name="filings", description="Court forms generated from the case data, as on the case's filings page.")
FILE_RESPONSE = {"description": "The file, as an attachment.",
                 "content": {mime: {"schema": {"type": "string", "format": "binary"}} for mime in MIME.values()}}


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


def filing_json(filing, case) -> dict:
    """Return a filing's public fields (`stale` as the filings page shows it)."""
    return FilingPublic(
        id=filing.id, case_id=filing.case_id, form=filing.form_key, form_title=get_registry().get(filing.form_key).title,
        form_version=filing.form_version, version=filing.version_number, status=filing.status,
        stale=is_stale(filing, case), render_state=filing.render_state, render_error=filing.render_error,
        formats=filing.format_list(), docx_sha256=filing.docx_sha256 or None, pdf_sha256=filing.pdf_sha256 or None,
        created_at=filing.created_at).model_dump(mode="json")


@bp.get("/cases/<int:case_id>/forms", tags=[filings_tag], responses={200: FormList})
def list_forms(path: CasePath):
    """List the court forms with, for each, whether the case is ready for it and what it still lacks."""
    db = get_session()
    case = case_queries.get_case(db, g.api_principal, path.case_id)
    return {"items": [{"key": spec.key, "title": spec.title, "stage": spec.stage, "version": spec.version,
                       "ready": built.ready, "missing": [translate(m, **p) for m, p in built.missing]}
                      for spec, built in form_availability(db, case)]}


@bp.post("/cases/<int:case_id>/filings", tags=[filings_tag],
         responses={201: FilingPublic, 202: FilingPublic, 403: ErrorBody, **POST_ERRORS})
def create_filing(path: CasePath, header: PostHeaders, body: FilingRequest):
    """Generate a new version of a form from the case (the same content again gives the same filing).

    202 while its files are being rendered (poll the filings list), 201 when they are ready. A case that lacks
    what the form needs answers 422 with code `missing_data` and the list in `error.missing`.
    """
    db = get_session()
    principal = g.api_principal
    case = case_queries.get_case(db, principal, path.case_id)
    if not can_generate_filings(principal):
        abort(403)

    def handle():
        filing = generate_filing(db, case, body.form.value, parse_formats(body.formats), principal)
        return filing_json(filing, case), 201 if filing.render_state == RenderState.ready else 202

    try:
        return idempotent(db, principal.firm_id, header.idempotency_key, handle)
    except MissingData as exc:
        db.rollback()
        return error_response(422, translate(exc.message), code="missing_data",
                              missing=[translate(m, **p) for m, p in exc.built.missing])


@bp.get("/cases/<int:case_id>/filings", tags=[filings_tag], responses={200: FilingList})
def list_filings(path: CasePath):
    """List every filing version of the case, newest version of each form first."""
    db = get_session()
    case = case_queries.get_case(db, g.api_principal, path.case_id)
    return {"items": [filing_json(filing, case) for filing in filing_queries.list_filings(db, case.id)]}


@bp.get("/cases/<int:case_id>/filings/<int:filing_id>/<any(docx, pdf):fmt>", tags=[filings_tag],
        responses={200: FILE_RESPONSE})
def download_filing(path: FilingFilePath):
    """Download one format of a filing as an attachment; 404 until its files are rendered."""
    db = get_session()
    case = case_queries.get_case(db, g.api_principal, path.case_id)
    filing = filing_queries.get_filing(db, case.id, path.filing_id)
    file, mime, name = filing_file(case, filing, path.fmt, current_app.config["STORAGE_DIR"])
    return send_file(file, mimetype=mime, as_attachment=True, download_name=name)


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
