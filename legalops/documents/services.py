"""Filing commands: create a version, render its files, approve, mark filed, supersede. Flush, never commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from legalops.core import clock
from legalops.core.clock import utcnow
from legalops.core.errors import Conflict, DomainError
from legalops.core.i18n import N_
from legalops.documents.form_versions import spec_for_filing
from legalops.documents.models import Filing, FilingStatus, RenderState
from legalops.documents.registry import FormSpec
from legalops.documents.render import Renderer
from legalops.documents.storage import store_bytes, stored_path

FORMATS = ("docx", "pdf")
_OPEN = (FilingStatus.draft, FilingStatus.approved)


def parse_formats(raw: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Return the requested formats in canonical order, refusing unknown ones."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    wanted = {item.strip().lower() for item in items if item.strip()}
    if not wanted or wanted - set(FORMATS):
        raise DomainError(N_("Choose DOCX, PDF or both."), field="formats")
    return tuple(f for f in FORMATS if f in wanted)


def context_digest(spec: FormSpec, context: dict[str, Any], formats: tuple[str, ...]) -> str:
    """Hash what a filing is made of, so asking twice for the same thing finds the same filing."""
    payload = json.dumps({"form": spec.key, "version": spec.version, "formats": formats, "context": context},
                         sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def create_filing(session: Session, *, case_id: int, spec: FormSpec, context: dict[str, Any],
                  formats: tuple[str, ...], author_id: int | None, rule_versions: dict[str, Any] | None = None,
                  snapshot_at: dt.datetime | None = None, replaced: list[Filing] | None = None) -> tuple[Filing, bool]:
    """Return (filing, created): an open filing with the same content is reused, else the next version.

    The open drafts the new version replaces are superseded and appended to `replaced` (for the audit trail).
    """
    digest = context_digest(spec, context, formats)
    existing = session.execute(
        select(Filing).where(Filing.case_id == case_id, Filing.form_key == spec.key,
                             Filing.context_sha256 == digest, Filing.status.in_(_OPEN), ~Filing.stale)
        .order_by(Filing.version_number.desc())
    ).scalars().first()
    if existing is not None:
        return existing, False
    latest = session.execute(select(func.max(Filing.version_number))
                             .where(Filing.case_id == case_id, Filing.form_key == spec.key)).scalar() or 0
    # A new version replaces the open drafts of the same form; filed ones stay as the court has them.
    for earlier in session.execute(select(Filing).where(Filing.case_id == case_id, Filing.form_key == spec.key,
                                                        Filing.status.in_(_OPEN))).scalars():
        earlier.status = FilingStatus.superseded
        if replaced is not None:
            replaced.append(earlier)
    filing = Filing(case_id=case_id, form_key=spec.key, form_version=spec.version, form_version_id=spec.upload_id,
                    version_number=latest + 1,
                    formats=",".join(formats), context=context, context_sha256=digest,
                    rule_versions={"form": f"{spec.key}@{spec.version}", "rules": spec.rules, **(rule_versions or {})},
                    author_id=author_id, snapshot_at=snapshot_at or utcnow())
    session.add(filing)
    session.flush()
    return filing, True


def render_filing(session: Session, filing: Filing, renderer: Renderer, storage_dir: str | Path) -> Filing:
    """Render a filing's files from its snapshot; a re-run (job retried, worker killed) rewrites the same paths."""
    if filing.render_state == RenderState.ready and all(_present(storage_dir, filing.path_of(f))
                                                         for f in filing.format_list()):
        return filing
    spec = spec_for_filing(session, filing, renderer.registry, storage_dir)
    files = renderer.render(spec, filing.context, tuple(filing.format_list()))
    for fmt, data in files.items():
        relative = f"filings/{filing.case_id}/{filing.id}/{spec.key}-v{filing.version_number}.{fmt}"
        digest = store_bytes(storage_dir, relative, data)
        setattr(filing, f"{fmt}_path", relative)
        setattr(filing, f"{fmt}_sha256", digest)
    filing.render_state, filing.render_error = RenderState.ready, ""
    session.flush()
    return filing


def _present(storage_dir, relative: str) -> bool:
    try:
        stored_path(storage_dir, relative)
    except DomainError:
        return False
    return True


def record_render_failure(session: Session, filing: Filing, reason: str) -> None:
    """Keep why rendering failed on the filing, for the UI."""
    filing.render_state, filing.render_error = RenderState.failed, reason[:2000]
    session.flush()


def mark_stale(session: Session, case_id: int, changed_at: dt.datetime) -> list[Filing]:
    """Flag the case's open filings whose snapshot predates `changed_at`; return the ones flagged now."""
    flagged = list(session.execute(
        select(Filing).where(Filing.case_id == case_id, Filing.status.in_(_OPEN), ~Filing.stale,
                             Filing.snapshot_at < changed_at)).scalars())
    for filing in flagged:
        filing.stale = True
    session.flush()
    return flagged


def approve_filing(session: Session, filing: Filing, approver_id: int) -> Filing:
    """Approve a rendered, current draft; its author may not approve it (four eyes)."""
    if filing.author_id == approver_id:
        raise DomainError(N_("A filing must be approved by counsel other than its author."))
    if filing.status != FilingStatus.draft:
        raise Conflict(N_("Only a draft can be approved."))
    if filing.stale:
        raise Conflict(N_("The case changed after this filing was generated; generate it again."))
    if filing.render_state != RenderState.ready:
        raise Conflict(N_("The files of this filing are not ready yet."))
    filing.status, filing.approver_id, filing.approved_at = FilingStatus.approved, approver_id, utcnow()
    session.flush()
    return filing


def mark_filed(session: Session, filing: Filing, filed_on: dt.date, court: str) -> Filing:
    """Record that an approved filing was lodged with a court on a date."""
    if filing.status != FilingStatus.approved:
        raise Conflict(N_("Only an approved filing can be marked as filed."))
    if not court.strip():
        raise DomainError(N_("Name the court it was filed with."), field="court")
    if filed_on > clock.today():
        raise DomainError(N_("The filing date cannot be in the future."), field="filed_on")
    filing.status, filing.filed_on, filing.filed_court = FilingStatus.filed, filed_on, court.strip()[:200]
    session.flush()
    return filing


def supersede_filing(session: Session, filing: Filing) -> Filing:
    """Withdraw a filing; it stays downloadable as history."""
    if filing.status == FilingStatus.superseded:
        raise Conflict(N_("This filing is already superseded."))
    filing.status = FilingStatus.superseded
    session.flush()
    return filing
