"""Find jobs a dead worker left 'started' and hand them back: re-queued while retries remain, else failed."""

from __future__ import annotations

import logging

from flask import Flask
from sqlmodel import Session

from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.db.session import commit
from legalops.jobs.models import JobRecord

log = logging.getLogger(__name__)
QUEUE = "legalops"
#: How often `legalops worker` sweeps (RQ's own cleanup runs every 10 minutes).
SWEEP_INTERVAL = 60
ABANDONED = N_("The worker running this job stopped before it finished; retry it.")


def _worker_gone(connection, execution_id: str, job_id: str, live: set[str]) -> bool:
    """A started entry is abandoned when its execution or its worker no longer beats."""
    from rq.executions import Execution

    try:
        execution = Execution.fetch(execution_id, job_id, connection)
    except ValueError:
        return True  # the execution's heartbeat key expired
    return bool(execution.worker_name) and execution.worker_name not in live


def sweep_abandoned_jobs(app: Flask, connection) -> dict[str, str]:
    """Re-queue or fail abandoned RQ jobs and update their JobRecords; return {job id: 'queued'|'failed'}."""
    from rq import Queue, Worker
    from rq.job import Job, JobStatus
    from rq.registry import StartedJobRegistry
    from rq.utils import current_timestamp

    queue = Queue(QUEUE, connection=connection)
    registry = StartedJobRegistry(queue=queue)
    live = {worker.name for worker in Worker.all(connection=connection)}
    now = current_timestamp()
    abandoned = set(registry.get_expired_job_ids(now))
    for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
        if job_id not in abandoned and _worker_gone(connection, execution_id, job_id, live):
            # Expire the entry now, so RQ's own cleanup retries or fails it as it does for a lapsed heartbeat.
            connection.zadd(registry.key, {f"{job_id}:{execution_id}": 0}, xx=True)
            abandoned.add(job_id)
    if not abandoned:
        return {}
    registry.cleanup(now)
    outcome = {}
    for job_id in abandoned:
        try:
            status = Job.fetch(job_id, connection=connection).get_status()
        except Exception:  # noqa: BLE001 - a job that vanished from Redis is failed for our purposes
            status = JobStatus.FAILED
        outcome[job_id] = "queued" if status in (JobStatus.QUEUED, JobStatus.SCHEDULED) else "failed"
    _record(app, outcome)
    log.warning("swept abandoned jobs: %s", outcome)
    return outcome


def _record(app: Flask, outcome: dict[str, str]) -> None:
    """Show swept jobs in the UI: waiting again, or failed and retryable, with the reason."""
    with app.app_context():
        session: Session = app.extensions["legalops.db"].session()
        try:
            for job_id, state in outcome.items():
                record = session.get(JobRecord, job_id)
                if record is None or record.status not in {"queued", "started"}:
                    continue
                record.status = state
                record.message = "re-queued: its worker stopped" if state == "queued" else record.message
                if state == "failed":
                    record.error, record.finished_at = ABANDONED, utcnow()
            commit(session)
        finally:
            session.close()
