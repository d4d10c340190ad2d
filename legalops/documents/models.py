"""Generated court filings: versioned per case and form, with their bytes' hashes and context snapshot."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow


class FilingStatus(StrEnum):
    """Where a filing stands: drafted, approved by counsel, lodged with the court, or replaced."""

    draft = "draft"
    approved = "approved"
    filed = "filed"
    superseded = "superseded"


class RenderState(StrEnum):
    """Whether the filing's files have been produced yet (rendering runs as a job)."""

    pending = "pending"
    ready = "ready"
    failed = "failed"


class Filing(SQLModel, table=True):
    """One version of one court form for one case; its files never change once rendered."""

    __tablename__ = "filing"
    __table_args__ = (
        UniqueConstraint("case_id", "form_key", "version_number", name="uq_filing_case_form_version"),
        # Four eyes: the database itself refuses a filing approved by its own author.
        CheckConstraint("approver_id IS NULL OR approver_id <> author_id", name="ck_filing_approver_not_author"),
    )

    id: int | None = Field(default=None, primary_key=True)
    #: The case, as a plain id: documents know nothing about cases beyond this key.
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    form_key: str = Field(max_length=60)
    form_version: str = Field(max_length=20)
    #: The uploaded DOCX version it was rendered with; None means the template shipped in forms/.
    form_version_id: int | None = Field(default=None, foreign_key="form_version.id")
    #: 1, 2, 3 … per case and form; regenerating makes the next one, earlier ones stay downloadable.
    version_number: int = 1
    formats: str = Field(default="docx,pdf", max_length=20)
    docx_path: str = Field(default="", max_length=300)
    docx_sha256: str = Field(default="", max_length=64)
    pdf_path: str = Field(default="", max_length=300)
    pdf_sha256: str = Field(default="", max_length=64)
    render_state: str = Field(default=RenderState.pending, max_length=10)
    render_error: str = Field(default="", max_length=2000)
    #: Exactly what the form was rendered from (JSON), so any version can be re-rendered or audited.
    context: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    #: Hash of context + form version + formats: generating the same thing twice finds this filing.
    context_sha256: str = Field(max_length=64, index=True)
    #: When the case data was read; case edits after this make the filing stale.
    snapshot_at: dt.datetime = Field(default_factory=utcnow)
    rule_versions: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=FilingStatus.draft, max_length=12, index=True)
    #: The case changed after the snapshot: the text may no longer be true.
    stale: bool = False
    author_id: int | None = Field(default=None, foreign_key="app_user.id")
    approver_id: int | None = Field(default=None, foreign_key="app_user.id")
    approved_at: dt.datetime | None = None
    filed_on: dt.date | None = None
    filed_court: str = Field(default="", max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow)

    def path_of(self, fmt: str) -> str:
        """Return the stored relative path of one format ('' if not rendered)."""
        return {"docx": self.docx_path, "pdf": self.pdf_path}.get(fmt, "")

    def format_list(self) -> list[str]:
        """Return the formats this filing was asked for."""
        return [f for f in self.formats.split(",") if f]


class FormVersionStatus(StrEnum):
    """An uploaded template: checked and ready to activate, refused by the check, in use, or replaced."""

    checked = "checked"
    failed = "failed"
    active = "active"
    retired = "retired"


class FormVersion(SQLModel, table=True):
    """An admin-uploaded DOCX for one court form; at most one per form is active and replaces template.docx."""

    __tablename__ = "form_version"
    __table_args__ = (
        UniqueConstraint("form_key", "label", name="uq_form_version_label"),
        UniqueConstraint("form_key", "sha256", name="uq_form_version_sha256"),
    )

    id: int | None = Field(default=None, primary_key=True)
    form_key: str = Field(max_length=60, index=True)
    #: Printed on filings as their form version, e.g. 2026.2.
    label: str = Field(max_length=20)
    sha256: str = Field(max_length=64)
    #: Relative to STORAGE_DIR; content-addressed, so it never changes once written.
    path: str = Field(max_length=300)
    filename: str = Field(default="", max_length=200)
    size: int = 0
    status: str = Field(default=FormVersionStatus.checked, max_length=10, index=True)
    #: What the check found: {"problems": [[msgid, params]…], "variables": [...], ...}.
    report: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    uploaded_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    uploaded_at: dt.datetime = Field(default_factory=utcnow)
    activated_at: dt.datetime | None = None
    #: The version that was active when this one was activated (None: the shipped template); rollback returns to it.
    previous_id: int | None = Field(default=None, foreign_key="form_version.id")
