"""Form round-trips: validate and save, or re-render with the errors and everything the user typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import flash, redirect, request
from flask_babel import gettext

from legalops.core.errors import Conflict, DomainError, FieldErrors
from legalops.core.validation import validate
from legalops.db import commit, get_session


def translate(message: str | None, **params) -> str:
    """Translate a msgid held in data (errors, labels), filling its placeholders."""
    if not message:
        return ""
    return gettext(message, **params) if params else gettext(message)


def error_dict(exc: DomainError) -> dict[str, str]:
    """Turn a refusal into {field: translated message}; '__all__' for the form as a whole."""
    if isinstance(exc, FieldErrors):
        return {field: translate(msg) for field, msg in exc.errors.items()}
    return {exc.field or "__all__": translate(exc.message, **exc.params)}


def submit(render: Callable[[dict, dict | None], str], save: Callable[[object, dict], str], done: str | None = None):
    """GET renders the form; POST saves and redirects, or re-renders with errors (nothing typed is lost)."""
    if request.method == "GET":
        return render({}, None)
    form = request.form.to_dict()
    db = get_session()
    try:
        target = save(db, form)
    except DomainError as exc:
        db.rollback()
        status = 409 if isinstance(exc, Conflict) else 422
        return render(error_dict(exc), form), status
    commit(db)
    if done:
        flash(done)
    return redirect(target)


def prefixed(form: dict, prefix: str) -> dict:
    """Return the form fields that start with `prefix`, without it."""
    return {k[len(prefix):]: v for k, v in form.items() if k.startswith(prefix)}


def validate_rows(model, rows: Iterable[tuple[object, dict]]) -> list:
    """Validate each (suffix, row) of a repeated form block into `model`, blaming bad fields as `field_suffix`."""
    valid, errors = [], {}
    for suffix, row in rows:
        try:
            valid.append(validate(model, row))
        except FieldErrors as exc:
            errors.update({f"{field}_{suffix}": message for field, message in exc.errors.items()})
    if errors:
        raise FieldErrors(errors)
    return valid
