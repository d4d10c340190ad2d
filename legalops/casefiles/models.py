"""Court documents uploaded to a case (judgments, rulings, notices, summonses, evidence)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_


class DocumentKind(StrEnum):
    """What a court document is."""

    judgment = "judgment"
    ruling = "ruling"
    notice = "notice"
    summons = "summons"
    evidence = "evidence"
    other = "other"


KIND_LABELS = {
    DocumentKind.judgment: N_("Judgment"),
    DocumentKind.ruling: N_("Ruling"),
    DocumentKind.notice: N_("Notice"),
    DocumentKind.summons: N_("Summons"),
    DocumentKind.evidence: N_("Evidence"),
    DocumentKind.other: N_("Other document"),
}


class CaseDocument(SQLModel, table=True):
    """One uploaded file of a case; the bytes live in STORAGE_DIR under a name derived from their sha256."""

    __tablename__ = "case_document"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    #: The name the uploader's file had; shown, never used as a path.
    original_name: str = Field(default="", max_length=255)
    #: Relative to STORAGE_DIR, e.g. casefiles/ab/ab12….pdf; identical bytes share one file.
    storage_path: str = Field(max_length=120)
    sha256: str = Field(max_length=64, index=True)
    size: int
    mime: str = Field(max_length=100)
    uploaded_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    #: The firm the uploader belonged to (None for staff uploads).
    firm_id: int | None = Field(default=None, foreign_key="firm.id")
    uploaded_at: dt.datetime = Field(default_factory=utcnow, index=True)
