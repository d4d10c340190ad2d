"""Bulk generation: one form for many cases, as one idempotent background job with per-case outcomes."""

from __future__ import annotations

import hashlib
import io
import zipfile

from flask import current_app
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases import queries
from legalops.cases.filings import MissingData, create_case_filing
from legalops.cases.models import Case
from legalops.core.errors import DomainError
from legalops.db import commit
from legalops.documents import queries as filing_queries
from legalops.documents.render import get_renderer
from legalops.documents.services import render_filing
from legalops.documents.storage import stored_path
from legalops.jobs.models import JobRecord
from legalops.jobs.queue import report_progress, submit_job

BULK_JOB = "legalops.cases.filing_jobs.bulk_generate_job"


def bulk_job_id(form_key: str, case_ids: list[int], formats: tuple[str, ...]) -> str:
    """Return the job id for this form, set of cases and formats: submitting it twice queues it once."""
    digest = hashlib.sha256(f"{form_key}|{','.join(formats)}|{sorted(set(case_ids))}".encode()).hexdigest()[:24]
    return f"bulk-{form_key}-{digest}"


def submit_bulk(session: Session, actor: User, form_key: str, case_ids: list[int],
                formats: tuple[str, ...]) -> JobRecord:
    """Queue bulk generation after commit; the same request again finds the same job."""
    ids = sorted(set(case_ids))
    return submit_job(session, "bulk_filings", BULK_JOB, bulk_job_id(form_key, ids, formats),
                      args={"form_key": form_key, "case_ids": ids, "formats": list(formats), "user_id": actor.id},
                      total=len(ids), created_by_id=actor.id)


def bulk_generate_job(session: Session, record: JobRecord) -> dict:
    """Generate and render the form for each case, committing case by case; a re-run redoes nothing twice."""
    args = record.args
    user = session.get(User, args["user_id"])
    formats = tuple(args["formats"])
    renderer, storage = get_renderer(), current_app.config["STORAGE_DIR"]
    done: dict[str, int] = {}
    #: reference -> [(msgid, params)], translated when shown.
    failed: dict[str, list] = {}
    job_id, total = record.id, len(args["case_ids"])
    for index, case_id in enumerate(args["case_ids"], start=1):
        case = session.get(Case, case_id)
        label = case.reference if case else f"#{case_id}"
        try:
            # The job re-checks visibility: the submitter may have lost the case since.
            case = queries.get_case(session, user, case_id)
            filing, _created = create_case_filing(session, case, args["form_key"], formats, user)
            render_filing(session, filing, renderer, storage)
            commit(session)
            done[label] = filing.id
        except MissingData as exc:
            session.rollback()
            failed[label] = [[msg, params] for msg, params in exc.built.missing]
        except DomainError as exc:
            session.rollback()
            failed[label] = [[exc.message, exc.params]]
        except Exception as exc:  # noqa: BLE001 - one broken case must not stop the batch
            session.rollback()
            failed[label] = [["%(error)s", {"error": f"{type(exc).__name__}: {exc}"[:500]}]]
        report_progress(job_id, index, total, message=label)
    return {"form_key": args["form_key"], "formats": list(formats), "done": done, "failed": failed,
            "failed_case_ids": [cid for cid in args["case_ids"] if _label(session, cid) in failed]}


def _label(session: Session, case_id: int) -> str:
    case = session.get(Case, case_id)
    return case.reference if case else f"#{case_id}"


def bulk_zip(session: Session, record: JobRecord) -> bytes:
    """Pack every generated file of a bulk job into one ZIP, one folder per case."""
    result = record.result or {}
    ids = list((result.get("done") or {}).values())
    storage = current_app.config["STORAGE_DIR"]
    spec_title = get_renderer().registry.get(result.get("form_key", record.args["form_key"])).title
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        references = {v: k for k, v in (result.get("done") or {}).items()}
        for filing in filing_queries.list_filings_by_id(session, ids):
            for fmt in filing.format_list():
                try:
                    path = stored_path(storage, filing.path_of(fmt))
                except DomainError:
                    continue
                name = f"{references[filing.id]}/{references[filing.id]}-{spec_title}-v{filing.version_number}.{fmt}"
                archive.write(path, name)
    return out.getvalue()
