"""Consistent JSON errors: {"error": {"code", "message", "fields"}} for every refusal of the API."""

from __future__ import annotations

from flask import jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from legalops.core.errors import Conflict, DomainError, FieldErrors, NotFound
from legalops.core.i18n import N_
from legalops.core.validation import field_errors
from legalops.ui.forms import translate

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid", 429: "rate_limited"}


def error_response(status: int, message: str, fields: dict[str, str] | None = None, code: str | None = None,
                   missing: list[str] | None = None):
    """Return the JSON error response (`missing`: what a case lacks for a form, listed only when given)."""
    body = {"error": {"code": code or CODES.get(status, "error"), "message": message, "fields": fields or {}}}
    if missing is not None:
        body["error"]["missing"] = missing
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="legalops"'
    return response


def domain_error(exc: DomainError):
    """Turn a domain refusal into its JSON error (404 for anything the firm may not see)."""
    if isinstance(exc, FieldErrors):
        return error_response(422, translate(exc.message), {k: translate(v) for k, v in exc.errors.items()})
    status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Conflict) else 422
    fields = {exc.field: translate(exc.message, **exc.params)} if exc.field and status == 422 else {}
    return error_response(status, translate(exc.message, **exc.params), fields)


def http_error(exc: HTTPException):
    """Turn Werkzeug's HTTP errors (405, 413, 429 …) into JSON."""
    return error_response(exc.code or 500, exc.description or exc.name)


def validation_error(exc: ValidationError):
    """flask-openapi3's hook: a request that does not match the OpenAPI schema (422)."""
    fields = field_errors(exc)
    return error_response(422, translate(N_("Please correct the highlighted fields.")),
                          {k: translate(v) for k, v in fields.items()})
