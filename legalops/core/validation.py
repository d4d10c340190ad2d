"""Turn pydantic validation into field errors with translatable messages."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from legalops.core.errors import FieldErrors
from legalops.core.i18n import N_

M = TypeVar("M", bound=BaseModel)

_BY_TYPE = {
    "missing": N_("This field is required."),
    "string_too_short": N_("This field is required."),
    "string_too_long": N_("This text is too long."),
    "date_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_type": N_("Enter a date as YYYY-MM-DD."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "decimal_parsing": N_("Enter an amount such as 1234.56."),
    "decimal_type": N_("Enter an amount such as 1234.56."),
    "greater_than_equal": N_("This number is too small."),
    "less_than_equal": N_("This number is too large."),
    "enum": N_("Choose one of the listed options."),
    "literal_error": N_("Choose one of the listed options."),
}


def field_errors(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    """Map each failing field to one message id (the first problem found)."""
    out: dict[str, str] = {}
    for err in exc.errors():
        field = prefix + ".".join(str(p) for p in err["loc"]) if err["loc"] else prefix + "__all__"
        if err["type"] == "field_error":
            # Raised by cross-field validators, which name the field they blame.
            field = prefix + err["ctx"]["field"]
            message = err["msg"]
        elif err["type"] == "value_error":
            # Our validators raise ValueError(msgid); pydantic prefixes "Value error, ".
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        elif err.get("input", "") is None:
            message = _BY_TYPE["missing"]
        else:
            message = _BY_TYPE.get(err["type"], N_("This value is not valid."))
        out.setdefault(field, message)
    return out


def validate(model: type[M], data: dict, prefix: str = "") -> M:
    """Validate `data` into `model` or raise FieldErrors naming every bad field."""
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    cleaned = {k: (None if v == "" else v) for k, v in cleaned.items()}
    try:
        return model.model_validate(cleaned)
    except ValidationError as exc:
        raise FieldErrors(field_errors(exc, prefix)) from exc
