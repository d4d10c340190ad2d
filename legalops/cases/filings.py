"""Filing commands that need the case: generate a form from case data and queue its rendering."""

from __future__ import annotations

from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.documents import FormContext, build_form_context
from legalops.cases.models import Case
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.documents import services as filing_services
from legalops.documents.jobs import render_filing_job_id
from legalops.documents.models import Filing
from legalops.documents.registry import get_registry
from legalops.jobs.queue import submit_job

RENDER_JOB = "legalops.documents.jobs.render_filing_job"


class MissingData(DomainError):
    """The case lacks what the form needs; `built.missing` lists it."""

    status = 422

    def __init__(self, built: FormContext):
        super().__init__(N_("Complete the case before generating this form."))
        self.built = built


def refresh_staleness(session: Session, case: Case) -> None:
    """Flag filings generated before the case's last change."""
    filing_services.mark_stale(session, case.id, case.updated_at)


def create_case_filing(session: Session, case: Case, form_key: str, formats: tuple[str, ...],
                       actor: User) -> tuple[Filing, bool]:
    """Snapshot the case into a new filing version (or find the identical open one); raise MissingData."""
    spec = get_registry().get(form_key)
    refresh_staleness(session, case)
    built = build_form_context(session, case, form_key)
    if not built.ready:
        raise MissingData(built)
    return filing_services.create_filing(session, case_id=case.id, spec=spec, context=built.context,
                                         formats=formats, author_id=actor.id, snapshot_at=built.snapshot_at)


def generate_filing(session: Session, case: Case, form_key: str, formats: tuple[str, ...], actor: User) -> Filing:
    """Create the filing and queue its rendering once the unit of work commits."""
    filing, _created = create_case_filing(session, case, form_key, formats, actor)
    if filing.render_state != "ready":
        submit_job(session, "render_filing", RENDER_JOB, render_filing_job_id(filing.id),
                   args={"filing_id": filing.id}, total=1, created_by_id=actor.id)
    return filing
