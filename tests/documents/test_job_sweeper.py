"""Abandoned jobs: a worker that died mid-job is noticed by the sweep (real Redis, real RQ registries), its job
re-queued while retries remain, then failed and retryable in the UI; a live worker's job is left alone."""

import factories as f
import pytest
from redis import Redis
from rq import Queue, SimpleWorker, Worker
from rq.job import JobStatus
from sqlalchemy import select

from legalops.cases import filing_jobs
from legalops.documents.jobs import render_filing_job_id
from legalops.documents.models import Filing
from legalops.jobs import queue as jobs_queue
from legalops.jobs.models import JobRecord
from legalops.jobs.sweeper import ABANDONED, sweep_abandoned_jobs


@pytest.fixture
def rq_app(build_app, redis_server):
    app = build_app(JOBS_EAGER=False, REDIS_URL=redis_server.url)
    redis = Redis.from_url(redis_server.url)
    redis.flushdb()
    jobs_queue.use_worker_app(app)
    yield app, redis, Queue("legalops", connection=redis)
    redis.flushdb()


def _start_on(worker_name: str, queue: Queue, redis: Redis, session, *, die: bool):
    """Dequeue the next job as worker `worker_name` would, then (if `die`) vanish without a word."""
    worker = Worker([queue], connection=redis, name=worker_name)
    worker.register_birth()
    job, _queue = Queue.dequeue_any([queue], None, connection=redis)
    worker.prepare_execution(job)
    job.set_status(JobStatus.STARTED)
    record = session.get(JobRecord, job.id)
    record.status = "started"  # what run_job writes first
    session.commit()
    if die:
        worker.register_death()  # its key goes, as when the heartbeat lapses after a SIGKILL
    return job


def _generate(app, session):
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, debtors=2)
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    assert client.post(f"/cases/{case.id}/filings/complaint", data={"formats": ["docx"]}).status_code == 302
    filing = session.execute(select(Filing).where(Filing.case_id == case.id)).scalar_one()
    return counsel, client, filing


def test_dead_workers_job_is_requeued_then_rendered_once(rq_app, session):
    app, redis, queue = rq_app
    _counsel, _client, filing = _generate(app, session)
    job = _start_on("dead-worker-1", queue, redis, session, die=True)
    assert queue.count == 0
    assert sweep_abandoned_jobs(app, redis) == {job.id: "queued"}
    record = session.get(JobRecord, render_filing_job_id(filing.id))
    session.refresh(record)
    assert record.status == "queued" and "worker stopped" in record.message
    # Re-queued with RQ's retry backoff (the first retry waits 5 s): bring it forward instead of waiting.
    assert job.id in queue.scheduled_job_registry and sweep_abandoned_jobs(app, redis) == {}
    queue.scheduled_job_registry.requeue(job.id)
    SimpleWorker([queue], connection=redis).work(burst=True)
    session.refresh(record)
    session.refresh(filing)
    assert record.status == "finished" and filing.render_state == "ready"
    assert len(session.execute(select(Filing).where(Filing.case_id == filing.case_id)).scalars().all()) == 1


def test_job_out_of_retries_is_failed_and_can_be_retried_from_the_bulk_page(rq_app, session, monkeypatch):
    app, redis, queue = rq_app
    monkeypatch.setattr(filing_jobs, "PART_SIZE", 1)
    counsel = f.user(session, "counsel")
    counsel.locale = "en"  # the assertions read the English messages
    cases = [f.case(session, counsel) for _ in range(2)]
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    response = client.post("/filings/bulk", data={"form_key": "complaint", "q": "", "formats": ["docx"]})
    bulk_id = response.headers["Location"].rsplit("/", 1)[1]
    assert queue.count == 2  # one part job per case: two workers can share them
    job = _start_on("dead-worker-2", queue, redis, session, die=True)
    job.retries_left = 0
    job.save()
    SimpleWorker([queue], connection=redis).work(burst=True)  # the other part finishes normally
    assert sweep_abandoned_jobs(app, redis) == {job.id: "failed"}
    part = session.get(JobRecord, job.id)
    session.refresh(part)
    assert part.status == "failed" and part.error == ABANDONED
    page = client.get(f"/filings/jobs/{bulk_id}").get_data(as_text=True)
    assert ABANDONED in page and "Retry the failed cases (1)" in page
    assert client.post(f"/filings/jobs/{bulk_id}/retry").status_code == 302
    SimpleWorker([queue], connection=redis).work(burst=True)
    filings = session.execute(select(Filing).where(Filing.case_id.in_([c.id for c in cases]))).scalars().all()
    assert len(filings) == 2 and all(x.render_state == "ready" for x in filings)


def test_a_live_workers_job_is_left_alone(rq_app, session):
    app, redis, queue = rq_app
    _generate(app, session)
    job = _start_on("live-worker", queue, redis, session, die=False)
    assert sweep_abandoned_jobs(app, redis) == {}
    assert job.get_status() == JobStatus.STARTED


def test_the_worker_sweeps_in_its_maintenance_tick(rq_app, session):
    from legalops.cli.worker import worker_class
    from legalops.jobs.sweeper import SWEEP_INTERVAL

    app, redis, queue = rq_app
    _counsel, _client, filing = _generate(app, session)
    job = _start_on("dead-worker-3", queue, redis, session, die=True)
    worker = worker_class()([queue], connection=redis, maintenance_interval=SWEEP_INTERVAL)
    worker.app = app
    assert worker.dequeue_timeout <= SWEEP_INTERVAL
    worker.run_maintenance_tasks()
    assert job.get_status() == JobStatus.SCHEDULED
    record = session.get(JobRecord, render_filing_job_id(filing.id))
    session.refresh(record)
    assert record.status == "queued"
