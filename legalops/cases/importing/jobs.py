"""The import as a background job: the upload is stored, the job id comes from its content and target."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.importing.services import creditor_from_form, import_file
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.jobs.models import JobRecord
from legalops.jobs.queue import report_progress, submit_job

KIND = "import_portfolio"
FUNC = "legalops.cases.importing.jobs.import_portfolio_job"


def import_job_id(sha256: str, portfolio_name: str, creditor_id_number: str = "") -> str:
    """Return the deterministic job id: the same file into the same portfolio is the same job."""
    target = hashlib.sha256(f"{portfolio_name}\x00{creditor_id_number}".encode()).hexdigest()[:16]
    return f"import-{sha256[:48]}-{target}"


def store_upload(storage_dir: str | Path, data: bytes) -> Path:
    """Write the upload under STORAGE_DIR/imports with a generated name (write, then rename)."""
    folder = Path(storage_dir) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.upload"
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
    return path


def submit_import(session: Session, *, data: bytes, filename: str, portfolio_name: str, creditor_name: str,
                  creditor_id_number: str, actor: User, storage_dir: str | Path) -> JobRecord:
    """Store the file and queue its import after commit; a job already under way for it is returned as is."""
    portfolio_name = portfolio_name.strip()
    if not portfolio_name:
        raise DomainError(N_("This field is required."), field="portfolio")
    creditor = creditor_from_form(creditor_name, creditor_id_number)
    sha256 = hashlib.sha256(data).hexdigest()
    job_id = import_job_id(sha256, portfolio_name, creditor.id_number if creditor else "")
    existing = session.get(JobRecord, job_id)
    if existing is not None and existing.status in {"queued", "started"}:
        return existing
    path = store_upload(storage_dir, data)
    args = {"path": str(path), "filename": filename[:200], "sha256": sha256, "portfolio": portfolio_name,
            "creditor_name": creditor.name if creditor else "", "creditor_id_number": creditor.id_number if creditor else ""}
    record = submit_job(session, KIND, FUNC, job_id, args=args, created_by_id=actor.id)
    old = Path((record.args or {}).get("path", ""))
    if record.args != args:
        # A finished or failed job for the same file runs again with this upload; the old copy is redundant.
        record.args = args
        if old.name and old != path and old.is_file():
            old.unlink()
    return record


def import_portfolio_job(session: Session, record: JobRecord) -> dict:
    """Run a queued import (the job runner commits once it returns)."""
    args = record.args or {}
    path = Path(args.get("path", ""))
    if not path.is_file():
        raise RuntimeError("the uploaded file is no longer in storage; upload it again")
    actor = session.get(User, record.created_by_id) if record.created_by_id else None
    creditor = creditor_from_form(args.get("creditor_name", ""), args.get("creditor_id_number", ""))
    job_id = record.id
    # SQLite allows one writer: once the import writes, a progress update from another connection would wait
    # for it, so progress is reported while checking only.
    sqlite = session.get_bind().dialect.name == "sqlite"
    return import_file(session, path.read_bytes(), filename=args.get("filename", path.name),
                       portfolio_name=args.get("portfolio") or path.stem, actor=actor, creditor=creditor,
                       progress=lambda done, total, message: report_progress(job_id, done, total, message),
                       write_progress=not sqlite)
