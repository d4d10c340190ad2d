"""Enqueue jobs after commit with deterministic ids; run them with an app context and a fresh session."""

from __future__ import annotations

import importlib
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app
from sqlalchemy import update
from sqlmodel import Session

from legalops.core.clock import utcnow
from legalops.db.session import after_commit, commit
from legalops.jobs.models import JobRecord

log = logging.getLogger(__name__)
_local_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="legalops-job")


def submit_job(session: Session, kind: str, func: str, job_id: str, *, args: dict[str, Any],
               total: int = 0, created_by_id: int | None = None) -> JobRecord:
    """Record a job and queue `func(job_id)` once the current unit of work commits; same id → same job."""
    record = session.get(JobRecord, job_id)
    if record is not None and record.status in {"queued", "started"}:
        return record  # a double click finds the job already under way
    if record is None:
        record = JobRecord(id=job_id, kind=kind, args=args, total=total, created_by_id=created_by_id)
        session.add(record)
    else:
        record.status, record.error, record.progress, record.finished_at = "queued", "", 0, None
    session.flush()
    app = current_app._get_current_object()
    after_commit(session, lambda: dispatch(app, func, job_id))
    return record


def dispatch(app: Flask, func: str, job_id: str) -> None:
    """Send a committed job to RQ, or to the in-process pool when no Redis is configured."""
    if app.config.get("JOBS_EAGER"):
        run_job(app, func, job_id)
    elif app.config.get("REDIS_URL"):
        from redis import Redis
        from rq import Queue, Retry

        queue = Queue("legalops", connection=Redis.from_url(app.config["REDIS_URL"]))
        queue.enqueue("legalops.jobs.queue.run_in_worker", func, job_id, job_id=job_id,
                      retry=Retry(max=3, interval=[5, 30, 120]), job_timeout=1800, result_ttl=3600)
    else:
        _local_pool.submit(run_job, app, func, job_id)


def use_worker_app(app: Flask) -> None:
    """Give this worker process the app its jobs run in (set by `legalops worker` before forking)."""
    global _worker_app
    _worker_app = app


def run_in_worker(func: str, job_id: str) -> None:
    """RQ entry point: run the job in the worker's app."""
    if _worker_app is None:
        raise RuntimeError("start workers with `legalops worker`, which prepares the app for the jobs")
    run_job(_worker_app, func, job_id, reraise=True)


_worker_app: Flask | None = None


def run_job(app: Flask, func: str, job_id: str, reraise: bool = False) -> None:
    """Run `func(session, record)` in an app context with its own session, recording the outcome."""
    module, _, name = func.rpartition(".")
    target = getattr(importlib.import_module(module), name)
    with app.app_context():
        session = app.extensions["legalops.db"].session()
        try:
            record = session.get(JobRecord, job_id)
            if record is None:
                return
            record.status, record.attempts = "started", record.attempts + 1
            commit(session)
            result = target(session, record)
            record = session.get(JobRecord, job_id)
            record.status, record.result, record.finished_at = "finished", result, utcnow()
            commit(session)
        except Exception as exc:  # noqa: BLE001 - every failure must be visible and retryable in the UI
            session.rollback()
            log.exception("job %s failed", job_id)
            record = session.get(JobRecord, job_id)
            if record is not None:
                record.status, record.finished_at = "failed", utcnow()
                record.error = f"{exc}\n{traceback.format_exc(limit=3)}"[:4000]
                commit(session)
            if reraise:
                raise
        finally:
            session.close()


def report_progress(job_id: str, progress: int, total: int | None = None, message: str = "") -> None:
    """Store progress in its own short transaction, so the UI sees it while the job's own work is uncommitted."""
    values: dict[str, Any] = {"progress": progress}
    if total is not None:
        values["total"] = total
    if message:
        values["message"] = message[:500]
    db = current_app.extensions["legalops.db"]
    with db.session() as side:
        side.execute(update(JobRecord).where(JobRecord.id == job_id).values(**values))
        side.commit()
