"""Rendering and bulk generation as jobs: a real RQ worker, one queue entry per double submit, idempotent re-runs."""

import io
import zipfile

import factories as f
import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from sqlalchemy import select

from legalops.cases.filing_jobs import BULK_JOB, bulk_job_id
from legalops.documents.jobs import render_filing_job_id
from legalops.documents.models import Filing
from legalops.jobs import queue as jobs_queue
from legalops.jobs.models import JobRecord


@pytest.fixture
def rq_app(build_app, redis_server):
    app = build_app(JOBS_EAGER=False, REDIS_URL=redis_server.url)
    redis = Redis.from_url(redis_server.url)
    Queue("legalops", connection=redis).empty()
    yield app, redis
    Queue("legalops", connection=redis).empty()


def _setup(session, firm=None):
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, debtors=3, collateral=True)
    session.commit()
    return counsel, case


def test_rq_worker_renders_a_filing_and_double_submit_queues_once(rq_app, session):
    app, redis = rq_app
    counsel, case = _setup(session)
    client = app.test_client()
    f.login(client, counsel)
    for _ in range(2):
        assert client.post(f"/cases/{case.id}/filings/complaint").status_code == 302
    queue = Queue("legalops", connection=redis)
    assert queue.count == 1
    (filing,) = session.execute(select(Filing).where(Filing.case_id == case.id)).scalars().all()
    assert filing.render_state == "pending"
    jobs_queue.use_worker_app(app)
    SimpleWorker([queue], connection=redis).work(burst=True)
    session.refresh(filing)
    assert filing.render_state == "ready" and filing.docx_sha256 and filing.pdf_sha256
    assert session.get(JobRecord, render_filing_job_id(filing.id)).status == "finished"


def test_killed_and_rerun_render_job_leaves_exactly_one_filing(app, session):
    counsel, case = _setup(session)
    client = app.test_client()
    f.login(client, counsel)
    client.post(f"/cases/{case.id}/filings/complaint")
    (filing,) = session.execute(select(Filing).where(Filing.case_id == case.id)).scalars().all()
    record = session.get(JobRecord, render_filing_job_id(filing.id))
    # A worker killed mid-job leaves the record 'started'; RQ delivers the job again.
    record.status = "started"
    session.commit()
    for _ in range(2):
        jobs_queue.run_job(app, "legalops.documents.jobs.render_filing_job", record.id)
    filings = session.execute(select(Filing).where(Filing.case_id == case.id)).scalars().all()
    assert len(filings) == 1 and filings[0].render_state == "ready"
    session.refresh(record)
    assert record.status == "finished" and record.attempts >= 2


def test_bulk_generation_reports_failures_retries_them_and_zips(app, session):
    counsel = f.user(session, "counsel")
    good = [f.case(session, counsel, debtors=2) for _ in range(2)]
    broken = f.case(session, counsel)
    broken.court_name = ""
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    ids = [c.id for c in good] + [broken.id]
    from legalops.cases.filing_jobs import submit_bulk
    from legalops.db import commit

    with app.test_request_context():
        submit_bulk(session, counsel, "complaint", ids, ("docx", "pdf"))
        commit(session)
    job_id = bulk_job_id("complaint", ids, ("docx", "pdf"))
    record = session.get(JobRecord, job_id)
    session.refresh(record)
    assert record.status == "finished", record.error
    assert set(record.result["done"]) == {c.reference for c in good}
    assert record.result["failed_case_ids"] == [broken.id]
    page = client.get(f"/filings/jobs/{job_id}").get_data(as_text=True)
    assert broken.reference in page
    # Running the same job again creates nothing new.
    jobs_queue.run_job(app, BULK_JOB, f"{job_id}-p0")
    assert len(session.execute(select(Filing).where(Filing.case_id.in_(ids))).scalars().all()) == 2
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/filings/jobs/{job_id}/download.zip").data))
    assert len(archive.namelist()) == 4 and all(n.split("/")[0] in record.result["done"] for n in archive.namelist())
    broken.court_name = "上海市浦东新区人民法院"
    session.commit()
    retried = client.post(f"/filings/jobs/{job_id}/retry")
    assert retried.status_code == 302
    again = session.get(JobRecord, bulk_job_id("complaint", [broken.id], ("docx", "pdf")))
    session.refresh(again)
    assert again.status == "finished" and list(again.result["done"]) == [broken.reference]


def test_bulk_page_queues_cases_of_the_filtered_list(app, session):
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel)
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    assert client.get("/filings/bulk").status_code == 200
    response = client.post("/filings/bulk", data={"form_key": "power_of_attorney", "q": case.reference,
                                                  "formats": ["docx"]})
    assert response.status_code == 302
    record = session.get(JobRecord, response.headers["Location"].rsplit("/", 1)[1])
    assert record.args["case_ids"] == [case.id] and record.status == "finished"
