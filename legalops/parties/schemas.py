"""Validated input for parties: identity numbers are checked by their checksums."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from legalops.core.i18n import N_
from legalops.core.identifiers import normalise, resident_id_error, resident_id_facts, uscc_error
from legalops.parties.models import IdType, PartyKind


class PartyIn(BaseModel):
    """A person or organisation as entered in a form or an import row."""

    kind: PartyKind
    name: str = Field(min_length=1, max_length=200)
    id_type: IdType
    id_number: str = Field(min_length=1, max_length=40)
    gender: str | None = Field(default=None, max_length=2)
    birth_date: dt.date | None = None
    ethnicity: str | None = Field(default=None, max_length=20)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=300)
    residence: str | None = Field(default=None, max_length=300)
    employer: str | None = Field(default=None, max_length=200)
    position: str | None = Field(default=None, max_length=100)
    legal_rep: str | None = Field(default=None, max_length=100)
    legal_rep_title: str | None = Field(default=None, max_length=100)

    @model_validator(mode="after")
    def _check_identity(self):
        self.id_number = normalise(self.id_number)
        if self.kind == PartyKind.person and self.id_type == IdType.uscc:
            raise _field_error("id_type", N_("A person is identified by an ID document, not a credit code."))
        if self.kind == PartyKind.organisation and self.id_type == IdType.resident_id:
            raise _field_error("id_type", N_("An organisation is identified by its unified social credit code."))
        if self.id_type == IdType.resident_id:
            error = resident_id_error(self.id_number)
            if error:
                raise _field_error("id_number", error)
            born, sex = resident_id_facts(self.id_number)
            self.birth_date = self.birth_date or born
            self.gender = self.gender or ("男" if sex == "M" else "女")
        elif self.id_type == IdType.uscc:
            error = uscc_error(self.id_number)
            if error:
                raise _field_error("id_number", error)
        return self

    def column_values(self) -> dict:
        """Return the values to store, with blanks as empty strings."""
        data = self.model_dump()
        return {k: ("" if v is None and k not in {"birth_date"} else v) for k, v in data.items()}


def _field_error(field: str, message: str) -> ValueError:
    from pydantic_core import PydanticCustomError

    # A custom error carries the field name so the form can highlight it.
    return PydanticCustomError("field_error", message, {"field": field})  # type: ignore[return-value]
