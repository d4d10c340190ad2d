"""People and organisations: creditors, borrowers, guarantors, collateral owners."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow


class PartyKind(StrEnum):
    """A natural person or an entity (legal person or unincorporated organisation)."""

    person = "person"
    organisation = "organisation"


class IdType(StrEnum):
    """Kinds of identity document recorded for a party."""

    resident_id = "resident_id"
    uscc = "uscc"
    passport = "passport"
    other = "other"


class Party(SQLModel, table=True):
    """A person or organisation that appears in cases; the court forms draw their identity blocks from here."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=200, index=True)
    id_type: str = Field(max_length=20)
    #: Resident ID (checksum-validated) or unified social credit code; the key for de-duplicating parties.
    id_number: str = Field(max_length=40, index=True)
    gender: str = Field(default="", max_length=2)
    birth_date: dt.date | None = None
    ethnicity: str = Field(default="", max_length=20)
    phone: str = Field(default="", max_length=40)
    #: 住所地 (domicile / registered address): a court form needs it for every defendant.
    address: str = Field(default="", max_length=300)
    #: 经常居住地, when it differs from the domicile.
    residence: str = Field(default="", max_length=300)
    employer: str = Field(default="", max_length=200)
    position: str = Field(default="", max_length=100)
    legal_rep: str = Field(default="", max_length=100)
    legal_rep_title: str = Field(default="", max_length=100)
    version: int = 1
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
