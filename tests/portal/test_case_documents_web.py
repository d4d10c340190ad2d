"""Court documents in the browser: upload by the firm, served only as attachments, refused files explained."""

from __future__ import annotations

import io

import factories as f
import pytest
from sqlalchemy import select
from support.uploads import HTML, pdf_bytes

from legalops.audit.models import AuditEntry
from legalops.casefiles.models import CaseDocument


@pytest.fixture
def world(session):
    return dict(f.firm_case(session), finance=f.user(session, "finance"))


def _upload(client, case_id, data, name, title="一审判决书", kind="judgment"):
    return client.post(f"/cases/{case_id}/documents", content_type="multipart/form-data",
                       data={"kind": kind, "title": title, "file": (io.BytesIO(data), name)})


def test_firm_uploads_a_judgment_and_downloads_it_as_an_attachment(app, session, world):
    client = app.test_client()
    f.login(client, world["own"])
    response = _upload(client, world["case"].id, pdf_bytes(), "判决书.pdf")
    assert response.status_code == 302
    document = session.execute(select(CaseDocument).where(CaseDocument.case_id == world["case"].id)).scalar_one()
    assert (document.kind, document.title, document.mime, document.firm_id) == (
        "judgment", "一审判决书", "application/pdf", world["own"].firm_id)
    assert document.storage_path.endswith(f"{document.sha256}.pdf") and "判决书" not in document.storage_path
    page = client.get(f"/cases/{world['case'].id}/documents")
    assert "一审判决书" in page.get_data(as_text=True)
    download = client.get(f"/cases/{world['case'].id}/documents/{document.id}/download")
    assert download.status_code == 200 and download.data == pdf_bytes()
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "case_document")).scalar_one()
    assert entry.actor_id == world["own"].id and entry.case_id == world["case"].id


def test_html_named_pdf_is_refused_with_the_reason_and_the_title_kept(app, session, world):
    client = app.test_client()
    f.login(client, world["own"])
    client.post("/language", data={"locale": "en"})
    response = _upload(client, world["case"].id, HTML, "judgment.pdf", title="保留的标题")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "content is none of them" in text and 'value="保留的标题"' in text
    assert session.execute(select(CaseDocument)).first() is None


def test_other_firm_gets_404_for_the_list_the_upload_and_the_download(app, session, world):
    owner = app.test_client()
    f.login(owner, world["own"])
    _upload(owner, world["case"].id, pdf_bytes(), "a.pdf")
    doc_id = session.execute(select(CaseDocument.id)).scalar_one()
    client = app.test_client()
    f.login(client, world["other"])
    case_id = world["case"].id
    assert client.get(f"/cases/{case_id}/documents").status_code == 404
    assert _upload(client, case_id, pdf_bytes(), "b.pdf").status_code == 404
    assert client.get(f"/cases/{case_id}/documents/{doc_id}/download").status_code == 404
    assert session.execute(select(CaseDocument)).scalars().all().__len__() == 1


def test_finance_reads_but_may_not_upload(app, world):
    client = app.test_client()
    f.login(client, world["finance"])
    assert client.get(f"/cases/{world['case'].id}/documents").status_code == 200
    assert _upload(client, world["case"].id, pdf_bytes(), "a.pdf").status_code == 403


def test_upload_form_needs_the_csrf_token(build_app, world):
    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/login")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"username": world["own"].username, "password": f.PASSWORD, "csrf_token": token})
    assert _upload(client, world["case"].id, pdf_bytes(), "a.pdf").status_code == 400
