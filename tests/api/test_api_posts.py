"""API POSTs: idempotent retries, refused uploads with reasons, malformed JSON, proposals through the same schemas."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from support.api_auth import bearer
from support.uploads import EXE, HTML, docx_bytes, pdf_bytes, plain_zip

from legalops.api.models import IdempotencyRecord
from legalops.audit.models import AuditEntry
from legalops.casefiles.models import CaseDocument
from legalops.portal.models import CaseUpdate


def _upload(client, world, data, name, key, title="判决书"):
    return client.post(f"/api/v1/cases/{world['case'].id}/documents", content_type="multipart/form-data",
                       headers=bearer(world["secret"], **{"Idempotency-Key": key}),
                       data={"kind": "judgment", "title": title, "file": (io.BytesIO(data), name)})


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_retried_upload_returns_the_same_answer_and_creates_one_document(client, session, api_world):
    first = _upload(client, api_world, pdf_bytes(), "判决书.pdf", "upload-1")
    assert first.status_code == 201, first.get_json()
    retry = _upload(client, api_world, pdf_bytes(), "判决书.pdf", "upload-1")
    assert retry.status_code == 201 and retry.get_json() == first.get_json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert _count(session, CaseDocument) == 1
    document = session.get(CaseDocument, first.get_json()["id"])
    assert (document.firm_id, document.uploaded_by_id, document.mime) == (api_world["firm"].id, None, "application/pdf")
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "case_document")).scalar_one()
    assert api_world["token"].prefix in entry.actor_name


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(client, session, api_world):
    assert _upload(client, api_world, pdf_bytes(), "a.pdf", "upload-2").status_code == 201
    reused = _upload(client, api_world, pdf_bytes("other"), "a.pdf", "upload-2")
    assert reused.status_code == 422
    assert reused.get_json()["error"]["fields"] == {"Idempotency-Key": reused.get_json()["error"]["message"]}
    assert _count(session, CaseDocument) == 1 and _count(session, IdempotencyRecord) == 1


def test_a_missing_idempotency_key_is_refused(client, session, api_world):
    response = client.post(f"/api/v1/cases/{api_world['case'].id}/updates", headers=bearer(api_world["secret"]),
                           json={"kind": "note", "payload": {"text": "x"}})
    assert response.status_code == 422 and "Idempotency-Key" in response.get_json()["error"]["fields"]
    assert _count(session, CaseUpdate) == 0


@pytest.mark.parametrize(("data", "name", "reason"), [
    (HTML, "judgment.pdf", "content is none of them"),
    (plain_zip(), "judgment.docx", "ZIP archive, not a Word"),
    (EXE, "scan.png", "content is none of them"),
])
def test_disguised_uploads_are_refused_with_the_reason(client, session, api_world, data, name, reason):
    response = _upload(client, api_world, data, name, f"bad-{name}")
    assert response.status_code == 422
    assert reason in response.get_json()["error"]["fields"]["file"]
    assert _count(session, CaseDocument) == 0 and _count(session, IdempotencyRecord) == 0


def test_an_oversized_upload_is_refused_with_the_limit(build_app, session, api_world):
    client = build_app(CASE_DOCUMENT_MAX_MB=1).test_client()
    response = _upload(client, api_world, pdf_bytes() + b" " * (1024 * 1024), "big.pdf", "big")
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["file"] == "The file is larger than 1 MB."
    assert _upload(client, api_world, docx_bytes(), "small.docx", "small").status_code == 201


def test_malformed_json_gets_400_json(client, session, api_world):
    response = client.post(f"/api/v1/cases/{api_world['case'].id}/updates", data=b'{"kind": "note", ',
                           content_type="application/json",
                           headers=bearer(api_world["secret"], **{"Idempotency-Key": "broken"}))
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
    assert _count(session, CaseUpdate) == 0


def test_a_proposal_is_validated_by_the_litigation_schema_and_its_status_is_listed(client, session, api_world):
    headers = bearer(api_world["secret"], **{"Idempotency-Key": "prop-1"})
    path = f"/api/v1/cases/{api_world['case'].id}/updates"
    bad = client.post(path, headers={**headers, "Idempotency-Key": "prop-0"},
                      json={"kind": "filed", "payload": {"court_name": "上海市浦东新区人民法院"}})
    assert bad.status_code == 422 and "payload.jurisdiction_basis" in str(bad.get_json()["error"]["fields"])
    good = client.post(path, headers=headers, json={"kind": "filed", "payload": {
        "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "agreed_clause",
        "court_case_number": "(2026)沪0115民初88号"}})
    assert good.status_code == 201, good.get_json()
    assert good.get_json()["status"] == "pending"
    from legalops.portal.services import reject_update

    reject_update(session, session.get(CaseUpdate, good.get_json()["id"]), api_world["counsel"], "案号有误")
    session.commit()
    listed = client.get(path, headers=bearer(api_world["secret"])).get_json()["items"]
    assert [(u["status"], u["reason"]) for u in listed] == [("rejected", "案号有误")]


def test_a_proposal_naming_another_cases_party_is_refused_and_reveals_no_name(client, session, api_world):
    from legalops.cases.models import CaseParty

    foreign_party = session.execute(select(CaseParty.party_id)
                                    .where(CaseParty.case_id == api_world["foreign"].id)).scalars().first()
    response = client.post(f"/api/v1/cases/{api_world['case'].id}/updates",
                           headers=bearer(api_world["secret"], **{"Idempotency-Key": "foreign-party", "Accept-Language": "zh-CN"}),
                           json={"kind": "judgment_received", "payload": {
                               "decided_on": "2026-09-25", "debt_amount": "1000.00",
                               "parties": [{"party_id": foreign_party, "served_on": "2026-09-28", "amount": "1000.00",
                                            "liability": "joint_and_several"}]}})
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["fields"] == {"payload.parties.0.party_id": "请选择本案的一个当事人。"} and error["message"] == "请更正标出的字段。"
    assert _count(session, CaseUpdate) == 0
