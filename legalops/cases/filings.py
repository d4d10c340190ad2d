"""Filing commands that need the case: generate from case data, approve, file, supersede — each audited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session

from legalops.audit.services import record
from legalops.auth.models import User
from legalops.cases.documents import FormContext, build_form_context
from legalops.cases.models import Case
from legalops.core.errors import DomainError, NotFound
from legalops.core.i18n import N_
from legalops.documents import services as filing_services
from legalops.documents.form_versions import active_spec
from legalops.documents.jobs import render_filing_job_id
from legalops.documents.models import Filing, FilingStatus
from legalops.documents.registry import FormSpec, get_registry
from legalops.documents.storage import stored_path
from legalops.jobs.queue import submit_job

RENDER_JOB = "legalops.documents.jobs.render_filing_job"
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


class MissingData(DomainError):
    """The case lacks what the form needs; `built.missing` lists it."""

    status = 422

    def __init__(self, built: FormContext):
        super().__init__(N_("Complete the case before generating this form."))
        self.built = built


def _title(filing: Filing) -> str:
    return get_registry().get(filing.form_key).title


def _audit(session: Session, actor: User | None, action: str, filing: Filing, before: dict | None = None,
           after: dict | None = None) -> None:
    record(session, actor, action, filing, before=before, after=after, case_id=filing.case_id,
           summary=f"{_title(filing)} v{filing.version_number}")


def form_availability(session: Session, case: Case) -> list[tuple[FormSpec, FormContext]]:
    """Return every form (in the version new filings will use) with what the case still lacks for it."""
    return [(active_spec(session, spec), build_form_context(session, case, spec.key)) for spec in get_registry().all()]


def is_stale(filing: Filing, case: Case) -> bool:
    """Return whether the case changed after an open filing's snapshot (flagged or not yet flagged)."""
    open_states = (FilingStatus.draft, FilingStatus.approved)
    return filing.stale or (filing.status in open_states and filing.snapshot_at < case.updated_at)


def filing_file(case: Case, filing: Filing, fmt: str, storage_dir: str | Path) -> tuple[Path, str, str]:
    """Return (path, mime type, download name) of one rendered format of a filing, or NotFound."""
    if fmt not in MIME or fmt not in filing.format_list():
        raise NotFound(N_("The file is not available."))
    path = stored_path(storage_dir, filing.path_of(fmt))
    return path, MIME[fmt], f"{case.reference}-{_title(filing)}-v{filing.version_number}.{fmt}"


def refresh_staleness(session: Session, case: Case, actor: User | None = None) -> None:
    """Flag filings generated before the case's last change, and record each one flagged."""
    for filing in filing_services.mark_stale(session, case.id, case.updated_at):
        _audit(session, actor, "mark_stale", filing, {"stale": False}, {"stale": True})


def create_case_filing(session: Session, case: Case, form_key: str, formats: tuple[str, ...],
                       actor: User) -> tuple[Filing, bool]:
    """Snapshot the case into a new filing version (or find the identical open one); raise MissingData."""
    spec = active_spec(session, get_registry().get(form_key))
    refresh_staleness(session, case, actor)
    built = build_form_context(session, case, form_key)
    if not built.ready:
        raise MissingData(built)
    replaced: list[Filing] = []
    filing, created = filing_services.create_filing(
        session, case_id=case.id, spec=spec, context=built.context, formats=formats, author_id=actor.id,
        snapshot_at=built.snapshot_at, replaced=replaced)
    if created:
        _audit(session, actor, "generate", filing, after={
            "form_title": spec.title, "version_number": filing.version_number, "form_version": filing.form_version})
        for earlier in replaced:
            _audit(session, actor, "supersede", earlier, {"status": "draft"}, {"status": earlier.status})
    return filing, created


def generate_filing(session: Session, case: Case, form_key: str, formats: tuple[str, ...], actor: User) -> Filing:
    """Create the filing and queue its rendering once the unit of work commits."""
    filing, _created = create_case_filing(session, case, form_key, formats, actor)
    if filing.render_state != "ready":
        submit_job(session, "render_filing", RENDER_JOB, render_filing_job_id(filing.id),
                   args={"filing_id": filing.id}, total=1, created_by_id=actor.id)
    return filing


def approve_case_filing(session: Session, filing: Filing, actor: User) -> Filing:
    """Approve a draft (four eyes) and record it."""
    filing_services.approve_filing(session, filing, actor.id)
    _audit(session, actor, "approve", filing, {"status": "draft"}, {"status": filing.status})
    return filing


def mark_case_filing_filed(session: Session, filing: Filing, filed_on: dt.date, court: str, actor: User) -> Filing:
    """Record that an approved filing was lodged, and audit it."""
    filing_services.mark_filed(session, filing, filed_on, court)
    _audit(session, actor, "file", filing, {"status": "approved"},
           {"status": filing.status, "filed_on": filed_on.isoformat(), "filed_court": filing.filed_court})
    return filing


def supersede_case_filing(session: Session, filing: Filing, actor: User) -> Filing:
    """Withdraw a filing version (it stays downloadable), and audit it."""
    before = filing.status
    filing_services.supersede_filing(session, filing)
    _audit(session, actor, "supersede", filing, {"status": before}, {"status": filing.status})
    return filing
