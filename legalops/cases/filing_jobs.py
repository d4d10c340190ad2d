"""Bulk generation: one form for many cases, split into part jobs that workers run side by side."""

from __future__ import annotations

import hashlib
import io
import zipfile

from flask import current_app
from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases import queries
from legalops.cases.filings import MissingData, create_case_filing
from legalops.cases.models import Case
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.db import commit
from legalops.documents import queries as filing_queries
from legalops.documents.render import get_renderer
from legalops.documents.services import render_filing
from legalops.documents.storage import stored_path
from legalops.jobs.models import JobRecord
from legalops.jobs.queue import report_progress, submit_job

BULK_JOB = "legalops.cases.filing_jobs.bulk_part_job"
#: Cases per part job: small enough that two workers share a bulk evenly and progress moves, large enough
#: that queueing costs nothing next to rendering (~0.35 s per case for DOCX + PDF).
PART_SIZE = 20
_RUNNING = {"queued", "started"}


def bulk_job_id(form_key: str, case_ids: list[int], formats: tuple[str, ...]) -> str:
    """Return the job id for this form, set of cases and formats: submitting it twice queues it once."""
    digest = hashlib.sha256(f"{form_key}|{','.join(formats)}|{sorted(set(case_ids))}".encode()).hexdigest()[:24]
    return f"bulk-{form_key}-{digest}"


def submit_bulk(session: Session, actor: User, form_key: str, case_ids: list[int],
                formats: tuple[str, ...]) -> JobRecord:
    """Record the bulk job and queue its parts after commit; the same request again finds the same job."""
    ids = sorted(set(case_ids))
    bulk_id = bulk_job_id(form_key, ids, formats)
    parent = session.get(JobRecord, bulk_id)
    if parent is not None and bulk_state(session, parent)["status"] in _RUNNING:
        return parent  # a double click finds the job already under way
    chunks = [ids[i:i + PART_SIZE] for i in range(0, len(ids), PART_SIZE)]
    parts = [f"{bulk_id}-p{n}" for n in range(len(chunks))]
    args = {"form_key": form_key, "case_ids": ids, "formats": list(formats), "user_id": actor.id, "parts": parts}
    if parent is None:
        parent = JobRecord(id=bulk_id, kind="bulk_filings", args=args, created_by_id=actor.id)
        session.add(parent)
    parent.status, parent.total, parent.progress, parent.result, parent.error = "started", len(ids), 0, None, ""
    parent.finished_at, parent.attempts = None, parent.attempts + 1
    session.flush()
    for part_id, chunk in zip(parts, chunks, strict=True):
        submit_job(session, "bulk_filings_part", BULK_JOB, part_id, total=len(chunk), created_by_id=actor.id,
                   args={**args, "case_ids": chunk, "parent": bulk_id, "parts": None})
    return parent


def bulk_part_job(session: Session, record: JobRecord) -> dict:
    """Generate and render the form for each case of one part, committing case by case; safe to run twice."""
    args = record.args
    user = session.get(User, args["user_id"])
    formats = tuple(args["formats"])
    renderer, storage = get_renderer(), current_app.config["STORAGE_DIR"]
    done: dict[str, int] = {}
    #: reference -> [(msgid, params)], translated when shown.
    failed: dict[str, list] = {}
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
        report_progress(record.id, index, message=label)
    result = {"case_ids": args["case_ids"], "done": done, "failed": failed}
    _finish_parent(session, args.get("parent"), record.id, result)
    return result


def _finish_parent(session: Session, parent_id: str | None, part_id: str, result: dict) -> None:
    """The last part to finish writes the merged outcome on the bulk job (the parent row is locked meanwhile)."""
    if not parent_id:
        return
    parent = session.execute(select(JobRecord).where(JobRecord.id == parent_id).with_for_update()
                             .execution_options(populate_existing=True)).scalar_one_or_none()
    if parent is None:
        return
    state = bulk_state(session, parent, override={part_id: ("finished", result, "")})
    if state["status"] not in _RUNNING:
        parent.status, parent.progress, parent.finished_at = "finished", parent.total, utcnow()
        parent.result = {"form_key": parent.args["form_key"], "formats": parent.args["formats"],
                         **{k: state[k] for k in ("done", "failed", "failed_case_ids")}}


def bulk_state(session: Session, parent: JobRecord, override: dict | None = None) -> dict:
    """Return the bulk job as the UI shows it: status, progress, and done/failed merged from its parts."""
    parts = (parent.args or {}).get("parts")
    if not parts:  # a single job (or one recorded before parts existed): its own record says it all
        result = parent.result or {}
        return {"status": parent.status, "progress": parent.progress, "total": parent.total, "error": parent.error,
                "done": result.get("done") or {}, "failed": result.get("failed") or {},
                "failed_case_ids": result.get("failed_case_ids") or []}
    rows = {row.id: (row.status, row.result, row.error, row.progress, row.args) for row in session.execute(
        select(JobRecord.id, JobRecord.status, JobRecord.result, JobRecord.error, JobRecord.progress,
               JobRecord.args).where(JobRecord.id.in_(parts))).all()}
    done, failed, failed_ids, progress, statuses = {}, {}, [], 0, []
    for part_id in parts:
        status, result, error, part_progress, args = rows.get(part_id, ("failed", None, "", 0, {"case_ids": []}))
        if override and part_id in override:
            status, result, error = override[part_id]
        statuses.append(status)
        cases = (args or {}).get("case_ids") or []
        if status in _RUNNING:
            progress += part_progress
            continue
        progress += len(cases)
        result = result or {}
        done.update(result.get("done") or {})
        failed.update(result.get("failed") or {})
        failed_ids += [cid for cid in cases if _outcome(session, cid, result) == "failed"]
        if status == "failed":  # the part itself stopped: its cases without an outcome failed with its reason
            for cid in cases:
                if _outcome(session, cid, result) is None:
                    failed[_label(session, cid)] = [[_first_line(error) or N_("The job stopped."), {}]]
                    failed_ids.append(cid)
    running = [s for s in statuses if s in _RUNNING]
    status = ("queued" if all(s == "queued" for s in running) else "started") if running else "finished"
    return {"status": status, "progress": progress, "total": parent.total, "error": "", "done": done,
            "failed": failed, "failed_case_ids": sorted(set(failed_ids))}


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def _outcome(session: Session, case_id: int, result: dict) -> str | None:
    label = _label(session, case_id)
    return "done" if label in (result.get("done") or {}) else "failed" if label in (result.get("failed") or {}) \
        else None


def _label(session: Session, case_id: int) -> str:
    case = session.get(Case, case_id)
    return case.reference if case else f"#{case_id}"


def bulk_zip(session: Session, record: JobRecord) -> bytes:
    """Pack every generated file of a bulk job into one ZIP, one folder per case."""
    state = bulk_state(session, record)
    references = {v: k for k, v in state["done"].items()}
    storage = current_app.config["STORAGE_DIR"]
    spec_title = get_renderer().registry.get(record.args["form_key"]).title
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for filing in filing_queries.list_filings_by_id(session, list(references)):
            for fmt in filing.format_list():
                try:
                    path = stored_path(storage, filing.path_of(fmt))
                except DomainError:
                    continue
                name = f"{references[filing.id]}/{references[filing.id]}-{spec_title}-v{filing.version_number}.{fmt}"
                archive.write(path, name)
    return out.getvalue()
