"""Admin-uploaded DOCX versions of a form: gate, check, store, activate, roll back; flush, never commit."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from legalops.core.clock import utcnow
from legalops.core.errors import Conflict, DomainError, NotFound
from legalops.core.i18n import N_
from legalops.documents.docx_gate import check_docx_package
from legalops.documents.models import Filing, FormVersion, FormVersionStatus
from legalops.documents.registry import FormSpec, Registry
from legalops.documents.storage import store_bytes, stored_path
from legalops.documents.template_check import check_template


def _storage_dir(storage_dir: str | Path | None) -> str | Path:
    if storage_dir is not None:
        return storage_dir
    from flask import current_app

    return current_app.config["STORAGE_DIR"]


def upload_form_version(session: Session, spec: FormSpec, data: bytes, *, label: str, filename: str,
                        uploaded_by_id: int | None, forms_dir: Path,
                        storage_dir: str | Path | None = None) -> FormVersion:
    """Gate, store and check an uploaded DOCX; a refused package raises DomainError and stores nothing."""
    label = label.strip()
    if not label or len(label) > 20:
        raise DomainError(N_("Give the version a label of at most 20 characters."), field="label")
    if label == spec.version:
        raise DomainError(N_("That label is the version shipped with the application."), field="label")
    check_docx_package(data)
    digest = hashlib.sha256(data).hexdigest()
    same = session.execute(select(FormVersion).where(
        FormVersion.form_key == spec.key, (FormVersion.sha256 == digest) | (FormVersion.label == label))
    ).scalars().first()
    if same is not None:
        message = N_("This file was already uploaded as version %(label)s.") if same.sha256 == digest else \
            N_("Version %(label)s already exists.")
        raise Conflict(message, field="label" if same.sha256 != digest else "file", label=same.label)
    report = check_template(data, spec, forms_dir)
    relative = f"forms/{spec.key}/{digest}.docx"
    store_bytes(_storage_dir(storage_dir), relative, data)
    version = FormVersion(form_key=spec.key, label=label, sha256=digest, path=relative, filename=filename[:200],
                          size=len(data), report=report, uploaded_by_id=uploaded_by_id,
                          status=FormVersionStatus.failed if report["problems"] else FormVersionStatus.checked)
    session.add(version)
    session.flush()
    return version


def get_version(session: Session, form_key: str, version_id: int) -> FormVersion:
    """Return one uploaded version of a form, or NotFound."""
    version = session.get(FormVersion, version_id)
    if version is None or version.form_key != form_key:
        raise NotFound(N_("No such form version."))
    return version


def get_active(session: Session, form_key: str) -> FormVersion | None:
    """Return the form's active uploaded version (None: the shipped template is in use)."""
    return session.execute(select(FormVersion).where(FormVersion.form_key == form_key,
                                                     FormVersion.status == FormVersionStatus.active)
                           ).scalars().first()


def list_versions(session: Session, form_key: str | None = None) -> list[FormVersion]:
    """Return uploaded versions, newest first (of one form, or of all)."""
    stmt = select(FormVersion).order_by(FormVersion.uploaded_at.desc(), FormVersion.id.desc())
    if form_key:
        stmt = stmt.where(FormVersion.form_key == form_key)
    return list(session.execute(stmt).scalars())


def activate_version(session: Session, version: FormVersion) -> FormVersion | None:
    """Make a checked version the form's template; return the version it replaced (None: the shipped one)."""
    if version.status == FormVersionStatus.active:
        raise Conflict(N_("This version is already active."))
    if version.status == FormVersionStatus.failed or version.report.get("problems"):
        raise DomainError(N_("This version failed its check and cannot be activated."))
    current = get_active(session, version.form_key)
    if current is not None:
        current.status = FormVersionStatus.retired
        session.flush()  # one active version per form is a unique index: retire first
    version.status, version.activated_at = FormVersionStatus.active, utcnow()
    version.previous_id = current.id if current else None
    session.flush()
    return current


def rollback_form(session: Session, form_key: str) -> tuple[FormVersion, FormVersion | None]:
    """Retire the active version and restore the one before it; return (retired, restored or None)."""
    current = get_active(session, form_key)
    if current is None:
        raise Conflict(N_("The shipped template is in use: there is nothing to roll back."))
    current.status = FormVersionStatus.retired
    session.flush()
    restored = session.get(FormVersion, current.previous_id) if current.previous_id else None
    if restored is not None:
        restored.status, restored.activated_at = FormVersionStatus.active, utcnow()
        session.flush()
    return current, restored


def spec_with_version(spec: FormSpec, version: FormVersion | None, storage_dir: str | Path | None = None) -> FormSpec:
    """Return the spec rendering with `version`'s DOCX (unchanged for None)."""
    if version is None:
        return spec
    path = stored_path(_storage_dir(storage_dir), version.path)
    return dataclasses.replace(spec, version=version.label, upload_id=version.id, docx_file=path)


def active_spec(session: Session, spec: FormSpec, storage_dir: str | Path | None = None) -> FormSpec:
    """Return the spec new filings use: the active uploaded DOCX if there is one."""
    return spec_with_version(spec, get_active(session, spec.key), storage_dir)


def spec_for_filing(session: Session, filing: Filing, registry: Registry,
                    storage_dir: str | Path | None = None) -> FormSpec:
    """Return the spec a filing was created with, so a re-run renders the same template after a switch."""
    spec = registry.get(filing.form_key)
    version = session.get(FormVersion, filing.form_version_id) if filing.form_version_id else None
    return spec_with_version(spec, version, storage_dir)
