"""Court filings through the API: forms and what they lack, generation as for a firm user, listing, downloads."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select
from support.api_auth import bearer

from legalops.api.models import IdempotencyRecord
from legalops.audit.models import AuditEntry
from legalops.documents.models import Filing
from legalops.jobs.models import JobRecord
from legalops.portal.tokens import revoke_token


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def _generate(client, world, key, body=None, case=None, **headers):
    case_id = (case or world["case"]).id
    return client.post(f"/api/v1/cases/{case_id}/filings", json=body or {"form": "complaint", "formats": ["docx", "pdf"]},
                       headers=bearer(world["secret"], **{"Idempotency-Key": key}, **headers))


def test_forms_list_readiness_and_what_is_missing_as_the_filings_page_does(client, session, api_world):
    response = client.get(f"/api/v1/cases/{api_world['case'].id}/forms", headers=bearer(api_world["secret"]))
    assert response.status_code == 200
    forms = {form["key"]: form for form in response.get_json()["items"]}
    assert forms["complaint"]["ready"] is True and forms["complaint"]["missing"] == []
    assert forms["complaint"]["title"] == "民事起诉状" and forms["complaint"]["version"] == "2026.1"
    # No judgment is recorded yet: the enforcement application lists it, in the browser page's words.
    enforcement = forms["enforcement_application"]
    assert enforcement["ready"] is False and "No judgment recorded yet." in enforcement["missing"]
    chinese = client.get(f"/api/v1/cases/{api_world['case'].id}/forms",
                         headers=bearer(api_world["secret"], **{"Accept-Language": "zh-CN"})).get_json()
    missing = next(f for f in chinese["items"] if f["key"] == "enforcement_application")["missing"]
    assert missing and missing != enforcement["missing"]


def test_generate_for_own_case_then_list_and_download_both_formats(client, session, api_world):
    response = _generate(client, api_world, "gen-1")
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert (body["form"], body["version"], body["status"], body["render_state"]) == ("complaint", 1, "draft", "pending")
    assert body["formats"] == ["docx", "pdf"] and body["case_id"] == api_world["case"].id
    # The render job ran once the request committed (in-process here, JOBS_EAGER), as for the browser.
    filing = session.get(Filing, body["id"])
    assert filing.render_state == "ready" and filing.author_id is None
    assert session.get(JobRecord, f"render-filing-{filing.id}").status == "finished"
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "filing",
                                                     AuditEntry.action == "generate")).scalar_one()
    assert api_world["token"].prefix in entry.actor_name and entry.case_id == api_world["case"].id

    listed = client.get(f"/api/v1/cases/{api_world['case'].id}/filings", headers=bearer(api_world["secret"]))
    assert listed.status_code == 200
    (item,) = listed.get_json()["items"]
    assert (item["id"], item["render_state"], item["stale"]) == (filing.id, "ready", False)
    assert (item["pdf_sha256"], item["docx_sha256"]) == (filing.pdf_sha256, filing.docx_sha256)

    base = f"/api/v1/cases/{api_world['case'].id}/filings/{filing.id}"
    pdf = client.get(f"{base}/pdf", headers=bearer(api_world["secret"]))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    docx = client.get(f"{base}/docx", headers=bearer(api_world["secret"]))
    assert docx.status_code == 200 and docx.headers["Content-Disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(docx.data)) as archive:
        assert "word/document.xml" in archive.namelist()

    # The same content asked again (another key) is the same filing, now ready: 201.
    again = _generate(client, api_world, "gen-2")
    assert again.status_code == 201 and again.get_json()["id"] == filing.id
    assert again.get_json()["render_state"] == "ready"


def test_a_retry_with_the_same_key_returns_the_same_filing_and_creates_one(client, session, api_world):
    first = _generate(client, api_world, "retry-1", {"form": "complaint", "formats": ["pdf"]})
    retry = _generate(client, api_world, "retry-1", {"form": "complaint", "formats": ["pdf"]})
    assert first.status_code == retry.status_code == 202
    assert retry.get_json() == first.get_json() and retry.headers["Idempotent-Replayed"] == "true"
    assert _count(session, Filing) == 1 and _count(session, IdempotencyRecord) == 1
    reused = _generate(client, api_world, "retry-1", {"form": "complaint", "formats": ["docx"]})
    assert reused.status_code == 422 and "Idempotency-Key" in reused.get_json()["error"]["fields"]
    assert _count(session, Filing) == 1


def test_a_pdf_only_filing_has_no_docx_to_download(client, session, api_world):
    filing_id = _generate(client, api_world, "pdf-only", {"form": "complaint", "formats": ["pdf"]}).get_json()["id"]
    base = f"/api/v1/cases/{api_world['case'].id}/filings/{filing_id}"
    assert client.get(f"{base}/pdf", headers=bearer(api_world["secret"])).status_code == 200
    response = client.get(f"{base}/docx", headers=bearer(api_world["secret"]))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_a_file_is_404_until_it_is_rendered(client, session, api_world):
    filing_id = _generate(client, api_world, "pending", {"form": "complaint", "formats": ["pdf"]}).get_json()["id"]
    filing = session.get(Filing, filing_id)
    filing.pdf_path, filing.render_state = "", "pending"
    session.commit()
    response = client.get(f"/api/v1/cases/{api_world['case'].id}/filings/{filing_id}/pdf",
                          headers=bearer(api_world["secret"]))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_missing_data_is_422_with_the_list_and_creates_nothing(client, session, api_world):
    case = api_world["case"]
    case.court_name = ""
    session.commit()
    response = _generate(client, api_world, "missing-1")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "missing_data" and error["message"] == "Complete the case before generating this form."
    forms = client.get(f"/api/v1/cases/{case.id}/forms", headers=bearer(api_world["secret"])).get_json()["items"]
    expected = next(f for f in forms if f["key"] == "complaint")["missing"]
    assert error["missing"] == expected and expected
    assert _count(session, Filing) == 0 and _count(session, IdempotencyRecord) == 0 and _count(session, JobRecord) == 0
    # Once the case is completed, the same key is free to succeed.
    case.court_name = "上海市浦东新区人民法院"
    session.commit()
    assert _generate(client, api_world, "missing-1").status_code == 202


def test_an_unknown_form_or_format_is_refused_by_the_schema(client, session, api_world):
    for key, body in (("bad-form", {"form": "nothing"}), ("bad-fmt", {"form": "complaint", "formats": ["odt"]}),
                      ("no-fmt", {"form": "complaint", "formats": []})):
        response = _generate(client, api_world, key, body)
        assert response.status_code == 422, body
        assert response.get_json()["error"]["fields"]
    assert _count(session, Filing) == 0


def _new_routes(case_id: int, filing_id: int):
    return [
        ("GET", f"/api/v1/cases/{case_id}/forms", {}),
        ("GET", f"/api/v1/cases/{case_id}/filings", {}),
        ("POST", f"/api/v1/cases/{case_id}/filings", {"json": {"form": "complaint"}}),
        ("GET", f"/api/v1/cases/{case_id}/filings/{filing_id}/pdf", {}),
        ("GET", f"/api/v1/cases/{case_id}/filings/{filing_id}/docx", {}),
    ]


@pytest.fixture
def foreign_filing(app, session, api_world):
    """A rendered filing of the other firm's case, generated by counsel."""
    from legalops.cases.filings import create_case_filing
    from legalops.documents.render import get_renderer
    from legalops.documents.services import render_filing

    filing, _created = create_case_filing(session, api_world["foreign"], "complaint", ("docx", "pdf"),
                                          api_world["counsel"])
    render_filing(session, filing, get_renderer(), app.config["STORAGE_DIR"])
    session.commit()
    return filing


@pytest.mark.parametrize("index", range(5))
def test_every_new_route_answers_404_for_another_firms_case_exactly_like_a_missing_one(
        client, session, api_world, foreign_filing, index):
    headers = bearer(api_world["secret"], **{"Idempotency-Key": f"k-{index}"})
    method, path, kwargs = _new_routes(api_world["foreign"].id, foreign_filing.id)[index]
    foreign = client.open(path, method=method, headers=headers, **kwargs)
    method, path, kwargs = _new_routes(2**31 - 1, 2**31 - 1)[index]
    missing = client.open(path, method=method, headers={**headers, "Idempotency-Key": f"m-{index}"}, **kwargs)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_json() == missing.get_json() and foreign.get_json()["error"]["code"] == "not_found"
    assert _count(session, Filing) == 1


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_another_cases_filing_under_the_own_case_is_404(client, session, api_world, foreign_filing, fmt):
    response = client.get(f"/api/v1/cases/{api_world['case'].id}/filings/{foreign_filing.id}/{fmt}",
                          headers=bearer(api_world["secret"]))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    listed = client.get(f"/api/v1/cases/{api_world['case'].id}/filings", headers=bearer(api_world["secret"]))
    assert listed.get_json()["items"] == []


def test_a_revoked_token_gets_401_on_every_new_route(client, session, api_world):
    filing_id = _generate(client, api_world, "before-revoke").get_json()["id"]
    revoke_token(session, api_world["token"].id, api_world["counsel"])
    session.commit()
    for method, path, kwargs in _new_routes(api_world["case"].id, filing_id):
        response = client.open(path, method=method, headers=bearer(api_world["secret"], **{"Idempotency-Key": "after"}),
                               **kwargs)
        assert response.status_code == 401, path
        assert response.get_json()["error"]["code"] == "unauthorized"
    assert _count(session, Filing) == 1


@pytest.mark.parametrize("fmt", ["odt", "PDF", "..%2F..%2Fpyproject.toml"])
def test_an_unknown_format_is_not_found_as_json(client, api_world, fmt):
    response = client.get(f"/api/v1/cases/{api_world['case'].id}/filings/1/{fmt}", headers=bearer(api_world["secret"]))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
