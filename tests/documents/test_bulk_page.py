"""The bulk page: a firm filter, parts that two workers share, per-case failures, retry and the ZIP."""

import io
import zipfile

import factories as f
from sqlalchemy import select

from legalops.cases import filing_jobs
from legalops.documents.models import Filing
from legalops.jobs.models import JobRecord


def test_firm_filter_lists_firms_and_limits_the_cases(app, session):
    counsel = f.user(session, "counsel")
    firm_a, firm_b = f.firm(session, "甲律师事务所"), f.firm(session, "乙律师事务所")
    ours = f.case(session, counsel, firm_id=firm_a.id)
    f.case(session, counsel, firm_id=firm_b.id)
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    page = client.get(f"/filings/bulk?firm={firm_a.id}").get_data(as_text=True)
    assert f'<option value="{firm_a.id}" selected>甲律师事务所</option>' in page and "乙律师事务所" in page
    assert f'name="firm" value="{firm_a.id}"' in page  # carried into the POST form
    response = client.post("/filings/bulk", data={"form_key": "complaint", "firm": str(firm_a.id),
                                                  "formats": ["docx"]})
    record = session.get(JobRecord, response.headers["Location"].rsplit("/", 1)[1])
    assert record.args["case_ids"] == [ours.id]


def test_bulk_in_parts_merges_outcomes_retries_failures_and_zips(app, session, monkeypatch):
    monkeypatch.setattr(filing_jobs, "PART_SIZE", 2)
    counsel = f.user(session, "counsel")
    counsel.locale = "en"  # the assertions read the English messages
    good = [f.case(session, counsel) for _ in range(3)]
    broken = f.case(session, counsel)
    broken.court_name = ""
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    ids = [c.id for c in [*good, broken]]
    response = client.post("/filings/bulk", data={"form_key": "complaint", "formats": ["docx", "pdf"]})
    bulk_id = response.headers["Location"].rsplit("/", 1)[1]
    parent = session.get(JobRecord, bulk_id)
    session.refresh(parent)
    assert parent.args["case_ids"] == ids and len(parent.args["parts"]) == 2
    assert parent.status == "finished" and parent.result["failed_case_ids"] == [broken.id]
    page = client.get(f"/filings/jobs/{bulk_id}").get_data(as_text=True)
    assert "No court is chosen for the case." in page and "4 / 4" in page
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/filings/jobs/{bulk_id}/download.zip").data))
    assert sorted({n.split("/")[0] for n in archive.namelist()}) == sorted(c.reference for c in good)
    assert len(archive.namelist()) == 6
    broken.court_name = "上海市浦东新区人民法院"
    session.commit()
    retry = client.post(f"/filings/jobs/{bulk_id}/retry")
    again = session.get(JobRecord, retry.headers["Location"].rsplit("/", 1)[1])
    session.refresh(again)
    assert again.args["case_ids"] == [broken.id] and list(again.result["done"]) == [broken.reference]
    assert len(session.execute(select(Filing).where(Filing.case_id.in_(ids))).scalars().all()) == 4
