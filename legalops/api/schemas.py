"""API input and output models; the OpenAPI document is generated from these."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, Union

from flask_openapi3 import FileStorage
from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from legalops.casefiles.models import DocumentKind
from legalops.cases.models import Stage
from legalops.core.i18n import N_
from legalops.documents.models import FilingStatus, RenderState
from legalops.documents.registry import get_registry
from legalops.portal.kinds import KINDS
from legalops.portal.models import UpdateStatus

#: PostgreSQL integer ids: a larger number is simply not found, never an out-of-range database error.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
MoneyText = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", examples=["800000.10"])]


class ErrorDetail(BaseModel):
    """What went wrong, machine- and human-readable."""

    code: str = Field(examples=["not_found"])
    message: str
    fields: dict[str, str] = Field(default_factory=dict, description="Field path → message.")
    missing: list[str] = Field(default_factory=list, description=(
        "Only when a form cannot be generated yet (code `missing_data`): what the case still lacks."))


class ErrorBody(BaseModel):
    """Every error response has this shape."""

    error: ErrorDetail


class CasePath(BaseModel):
    """A case id in the path."""

    case_id: Id


class CaseQuery(BaseModel):
    """Filters and paging of the case list."""

    model_config = ConfigDict(extra="ignore")

    q: str | None = Field(default=None, max_length=100, description="Reference, court case number, contract or name.")
    stage: Stage | None = None
    page: Annotated[int, Field(ge=1, le=100_000)] = 1
    per_page: Annotated[int, Field(ge=1, le=100)] = 25


class PostHeaders(BaseModel):
    """Every POST carries an idempotency key; a retry with the same key is answered from the first response."""

    idempotency_key: str = Field(alias="Idempotency-Key", min_length=1, max_length=200)


class CasePublic(BaseModel):
    """A case as a firm sees it in lists."""

    id: int
    reference: str
    stage: Stage
    court_name: str
    court_case_number: str
    opened_on: dt.date
    updated_at: dt.datetime
    debtor_name: str | None
    outstanding_principal: MoneyText | None


class DebtorPublic(BaseModel):
    """A party on the case and its role; proposals name it by `party_id`."""

    id: int
    party_id: int
    name: str
    role: str


class LoanPublic(BaseModel):
    """A loan of the case with its balances."""

    contract_number: str
    principal: MoneyText
    outstanding_principal: MoneyText
    outstanding_interest: MoneyText
    outstanding_penalty: MoneyText
    maturity_date: dt.date | None


class DocumentPublic(BaseModel):
    """An uploaded court document (its bytes are not served through the API)."""

    id: int
    case_id: int
    kind: DocumentKind
    title: str
    original_name: str
    sha256: str
    size: int
    mime: str
    uploaded_at: dt.datetime


class CaseDetail(CasePublic):
    """One case with its parties, loans and court documents."""

    debtors: list[DebtorPublic]
    loans: list[LoanPublic]
    documents: list[DocumentPublic]


class CaseList(BaseModel):
    """One page of cases."""

    items: list[CasePublic]
    page: int
    per_page: int
    total: int
    pages: int


class UploadForm(BaseModel):
    """A court document upload (multipart/form-data)."""

    file: FileStorage
    kind: DocumentKind = DocumentKind.other
    title: str = Field(default="", max_length=200)


class UpdatePublic(BaseModel):
    """A proposed update and where it stands in counsel's review."""

    id: int
    case_id: int
    kind: str
    payload: dict
    document_id: int | None
    status: UpdateStatus
    reason: str = Field(description="Counsel's reason, when rejected.")
    created_at: dt.datetime
    reviewed_at: dt.datetime | None


class UpdateList(BaseModel):
    """A case's updates, newest first."""

    items: list[UpdatePublic]


class _Proposal(BaseModel):
    """Base of the proposal models: an amount beyond decimal precision is a validation error, not a crash."""

    @model_validator(mode="wrap")
    @classmethod
    def _no_decimal_overflow(cls, data, handler):
        try:
            return handler(data)
        except ArithmeticError:
            # core.money.parse_amount lets decimal.InvalidOperation through for 1e26 and beyond.
            raise ValueError(N_("Enter an amount such as 1234.56.")) from None


def _proposal(key: str, schema: type[BaseModel]) -> type[BaseModel]:
    """Build the request model of one kind: {"kind": key, "payload": <schema>, "document_id": …}."""
    return type(f"Propose_{key}", (_Proposal,), {
        "__annotations__": {"kind": Literal[key], "payload": schema, "document_id": Id | None},
        "__doc__": f"Propose a '{key}' update.",
        "model_config": ConfigDict(extra="forbid"),
        "document_id": None,
    })


PROPOSALS = tuple(_proposal(key, kind.schema) for key, kind in KINDS.items())


class UpdateProposal(RootModel):
    """A proposed update; `kind` selects the payload's schema."""

    root: Annotated[Union[PROPOSALS], Field(discriminator="kind")]  # noqa: UP007 - a runtime tuple of classes


#: The court forms of forms/manifest.json, by key.
FormKey = StrEnum("FormKey", {spec.key: spec.key for spec in get_registry().all()})
FileFormat = Literal["docx", "pdf"]


class FormPublic(BaseModel):
    """A court form and whether the case has what it needs (the same check as the case's filings page)."""

    key: FormKey
    title: str
    stage: str
    version: str = Field(description="The form version a filing generated now would use.")
    ready: bool
    missing: list[str] = Field(description="What the case still lacks for this form; empty when ready.")


class FormList(BaseModel):
    """Every court form, in the registry's order."""

    items: list[FormPublic]


class FilingRequest(BaseModel):
    """Generate a form from the case as it is now."""

    model_config = ConfigDict(extra="forbid")

    form: FormKey
    formats: list[FileFormat] = Field(default=["docx", "pdf"], min_length=1, max_length=2)


class FilingPublic(BaseModel):
    """One version of one form for the case; its files can be downloaded once `render_state` is `ready`."""

    id: int
    case_id: int
    form: str
    form_title: str
    form_version: str
    version: int = Field(description="1, 2, 3 … per case and form.")
    status: FilingStatus
    stale: bool = Field(description="The case changed after this version was generated.")
    render_state: RenderState
    render_error: str
    formats: list[FileFormat]
    docx_sha256: str | None = Field(description="sha256 of the DOCX once rendered.")
    pdf_sha256: str | None = Field(description="sha256 of the PDF once rendered.")
    created_at: dt.datetime


class FilingList(BaseModel):
    """The case's filings, newest version of each form first."""

    items: list[FilingPublic]


class FilingFilePath(BaseModel):
    """One format of one of the case's filings in the path."""

    case_id: Id
    filing_id: Id
    fmt: FileFormat
