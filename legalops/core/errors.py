"""Domain errors that carry a translatable message and, where it applies, the field at fault."""

from __future__ import annotations

from legalops.core.i18n import N_


class DomainError(Exception):
    """A refusal the user can act on; `message` is a msgid, `params` fill its placeholders."""

    status = 400

    def __init__(self, message: str, field: str | None = None, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.params = params


class NotFound(DomainError):
    """The object does not exist or the user may not know that it exists."""

    status = 404


class Conflict(DomainError):
    """Someone else changed the object since the user loaded it."""

    status = 409


class FieldErrors(DomainError):
    """Several field-level problems found while validating one input."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(N_("Please correct the highlighted fields."))
        self.errors = errors
