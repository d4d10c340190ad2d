"""The import pages: upload, job with progress, report, retry, templates, permissions."""

from __future__ import annotations

import io
from pathlib import Path

import factories as f
import pytest
from import_samples import CREDITOR, csv_bytes, loan_row, person_id, xlsx_bytes
from openpyxl import load_workbook
from sqlalchemy import func, select

from legalops.cases.importing.reader import read_table
from legalops.cases.models import Loan
from legalops.jobs.models import JobRecord


@pytest.fixture
def counsel_client(app, session):
    user = f.user(session, "counsel")
    session.commit()
    client = app.test_client()
    f.login(client, user)
    return client


def upload(client, data: bytes, name: str = "tape.xlsx", portfolio: str = "测试资产包", **form):
    fields = {"portfolio": portfolio, **CREDITOR, **form, "file": (io.BytesIO(data), name)}
    return client.post("/imports/new", data=fields, content_type="multipart/form-data")


def job_of(session) -> JobRecord:
    return session.execute(select(JobRecord).where(JobRecord.kind == "import_portfolio")).scalars().one()


def test_upload_runs_the_job_and_shows_the_counts(counsel_client, session, app):
    response = upload(counsel_client, xlsx_bytes([loan_row(1), loan_row(2)]))
    assert response.status_code == 302
    job = job_of(session)
    assert response.headers["Location"].endswith(f"/imports/jobs/{job.id}")
    assert job.status == "finished" and job.result["imported"] == 2
    stored = Path(job.args["path"])
    assert stored.parent == Path(app.config["STORAGE_DIR"]) / "imports" and stored.name != "tape.xlsx"
    page = counsel_client.get(response.headers["Location"])
    assert page.status_code == 200
    assert b'data-testid="count-imported">2<' in page.data
    progress = counsel_client.get(f"/imports/jobs/{job.id}/progress").get_json()
    assert progress["status"] == "finished" and progress["done"] and progress["percent"] == 100


def test_same_file_again_is_the_same_job_and_skips_every_row(counsel_client, session):
    data = xlsx_bytes([loan_row(1)])
    first = upload(counsel_client, data)
    second = upload(counsel_client, data)
    assert first.headers["Location"] == second.headers["Location"]
    job = job_of(session)
    session.refresh(job)
    assert job.result["imported"] == 0 and job.result["skipped_count"] == 1
    assert session.execute(select(func.count()).select_from(Loan)).scalar_one() == 1
    assert len(list(Path(job.args["path"]).parent.iterdir())) == 1  # the redundant copy was removed


def test_report_lists_errors_by_row_and_column_in_english(counsel_client, session):
    counsel_client.post("/language", data={"locale": "en", "next": "/"})
    bad = person_id(2)[:-1] + ("0" if person_id(2)[-1] != "0" else "1")
    response = upload(counsel_client, csv_bytes([loan_row(1), loan_row(2, 借款人证件号码=bad)], encoding="gbk"),
                      name="tape.csv")
    page = counsel_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nothing was imported: 1 of 2 rows have errors." in page
    assert "<td class=\"num\">3</td><td>借款人证件号码 (Borrower ID number)</td>" in page
    assert "check digit of this resident ID number is wrong" in page
    assert session.execute(select(func.count()).select_from(Loan)).scalar_one() == 0


def test_file_errors_are_shown_on_the_report(counsel_client, session):
    response = upload(counsel_client, "合同编号,借款人名称\nHT-1,张三\n".encode(), name="tape.csv")
    page = counsel_client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="file-error"' in page
    assert job_of(session).result["file_errors"][0]["params"]["columns"] == "借款人证件号码、本金"


@pytest.mark.parametrize("data,name", [(b"", "empty.csv"), (b"%PDF-1.4\n\x00\x01", "tape.xlsx")])
def test_empty_or_non_spreadsheet_upload_is_refused_at_once(counsel_client, session, data, name):
    response = upload(counsel_client, data, name=name)
    assert response.status_code == 422
    assert b'class="field error"' in response.data
    assert session.execute(select(func.count()).select_from(JobRecord)).scalar_one() == 0


def test_bad_creditor_code_is_a_form_error(counsel_client, session):
    response = upload(counsel_client, csv_bytes([loan_row(1)]), creditor_id_number="91310000MA1FL00010")
    assert response.status_code == 422
    assert b'id="f-creditor_id_number"' in response.data and b'field error' in response.data


def test_failed_job_shows_its_error_and_can_be_retried(counsel_client, session, app):
    upload(counsel_client, csv_bytes([loan_row(1)]))
    job = job_of(session)
    path = Path(job.args["path"])
    job.status, job.error = "failed", "RuntimeError: database went away\ntraceback"
    session.commit()
    page = counsel_client.get(f"/imports/jobs/{job.id}").get_data(as_text=True)
    assert "database went away" in page and "traceback" not in page
    path.write_bytes(csv_bytes([loan_row(1), loan_row(2)]))
    response = counsel_client.post(f"/imports/jobs/{job.id}/retry")
    assert response.status_code == 302
    session.refresh(job)
    assert job.status == "finished" and job.result["imported"] == 1 and job.attempts == 2


def test_templates_download_and_import_cleanly(counsel_client, session):
    workbook = counsel_client.get("/imports/template.xlsx")
    assert workbook.status_code == 200 and workbook.data.startswith(b"PK")
    sheets = load_workbook(io.BytesIO(workbook.data), read_only=True).sheetnames
    assert len(sheets) == 2
    text = counsel_client.get("/imports/template.csv")
    assert text.data.startswith(b"\xef\xbb\xbf") and "合同编号".encode() in text.data
    for data in (workbook.data, text.data):
        table = read_table(data)
        assert not table.columns.missing and not table.columns.unknown and len(table.rows) == 1
    assert upload(counsel_client, workbook.data).status_code == 302
    assert job_of(session).result["imported"] == 1, job_of(session).result


@pytest.mark.parametrize("role", ["finance", "auditor"])
def test_only_counsel_and_admins_may_import(app, session, role):
    user = f.user(session, role)
    session.commit()
    client = app.test_client()
    f.login(client, user)
    assert client.get("/imports/new").status_code == 403
    assert upload(client, csv_bytes([loan_row(1)])).status_code == 403
    assert client.get("/imports/template.csv").status_code == 403


def test_other_jobs_are_not_import_reports(counsel_client, session):
    session.add(JobRecord(id="render-1", kind="render_filing", status="finished", result={"secret": 1}))
    session.commit()
    assert counsel_client.get("/imports/jobs/render-1").status_code == 404
    assert counsel_client.get("/imports/jobs/render-1/progress").status_code == 404


def test_import_page_lists_recent_imports(counsel_client):
    upload(counsel_client, csv_bytes([loan_row(1)]), name="第一批.csv")
    page = counsel_client.get("/imports/new").get_data(as_text=True)
    assert "第一批.csv" in page and "测试资产包" in page
    assert 'href="/imports/template.xlsx"' in page
