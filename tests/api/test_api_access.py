"""API authentication and scoping: tokens (missing, wrong, expired, revoked) and another firm's ids, all refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select
from support.api_auth import bearer
from support.uploads import pdf_bytes

from legalops.casefiles.models import CaseDocument
from legalops.core.clock import utcnow
from legalops.portal.models import CaseUpdate
from legalops.portal.tokens import revoke_token

NOTE = {"kind": "note", "payload": {"text": "已向法院递交材料"}}


def _calls(case_id: int):
    """Every API endpoint that takes a case id, as (method, path, kwargs)."""
    return [
        ("GET", f"/api/v1/cases/{case_id}", {}),
        ("GET", f"/api/v1/cases/{case_id}/updates", {}),
        ("POST", f"/api/v1/cases/{case_id}/updates", {"json": NOTE}),
        ("POST", f"/api/v1/cases/{case_id}/documents",
         {"data": {"kind": "judgment", "file": (io.BytesIO(pdf_bytes()), "j.pdf")}, "content_type": "multipart/form-data"}),
    ]


def test_lists_only_the_firms_cases_with_pagination(client, api_world):
    response = client.get("/api/v1/cases?per_page=1", headers=bearer(api_world["secret"]))
    assert response.status_code == 200
    body = response.get_json()
    assert [c["reference"] for c in body["items"]] == [api_world["case"].reference]
    assert (body["total"], body["pages"], body["per_page"]) == (1, 1, 1)
    assert body["items"][0]["outstanding_principal"] == "800000.10"


def test_case_detail_of_own_case(client, api_world):
    body = client.get(f"/api/v1/cases/{api_world['case'].id}", headers=bearer(api_world["secret"])).get_json()
    assert body["reference"] == api_world["case"].reference
    assert body["debtors"][0]["role"] == "borrower" and body["loans"][0]["principal"] == "1000000.00"


@pytest.mark.parametrize("index", range(4))
def test_every_endpoint_answers_404_for_another_firms_case_exactly_like_a_missing_one(client, session, api_world, index):
    headers = bearer(api_world["secret"], **{"Idempotency-Key": f"k-{index}"})
    method, path, kwargs = _calls(api_world["foreign"].id)[index]
    foreign = client.open(path, method=method, headers=headers, **kwargs)
    method, path, kwargs = _calls(2**31 - 1)[index]
    missing = client.open(path, method=method, headers={**headers, "Idempotency-Key": f"m-{index}"}, **kwargs)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_json() == missing.get_json()
    assert foreign.get_json()["error"]["code"] == "not_found"
    assert session.execute(select(CaseDocument)).first() is None and session.execute(select(CaseUpdate)).first() is None


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer lo_nothing", "Basic dXNlcjpwYXNz"])
def test_missing_or_unknown_tokens_get_401_json(client, api_world, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/cases", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_and_revoked_tokens_get_401(client, session, api_world):
    token = api_world["token"]
    assert client.get("/api/v1/cases", headers=bearer(api_world["secret"])).status_code == 200
    session.refresh(token)
    assert token.last_used_at is not None
    token.expires_at = utcnow() - dt.timedelta(seconds=1)
    session.commit()
    assert client.get("/api/v1/cases", headers=bearer(api_world["secret"])).status_code == 401
    token.expires_at = None
    revoke_token(session, token.id, api_world["counsel"])
    session.commit()
    assert client.get("/api/v1/cases", headers=bearer(api_world["secret"])).status_code == 401


def test_a_signed_in_browser_session_is_not_an_api_credential(client, api_world):
    import factories as f

    f.login(client, api_world["counsel"])
    assert client.get("/api/v1/cases").status_code == 401


def test_token_posts_need_no_csrf_token_but_browser_forms_still_do(build_app, api_world):
    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    headers = bearer(api_world["secret"], **{"Idempotency-Key": "csrf-1"})
    assert client.post(f"/api/v1/cases/{api_world['case'].id}/updates", json=NOTE, headers=headers).status_code == 201
    assert client.post("/login", data={"username": "x", "password": "y"}).status_code == 400


def test_rate_limit_per_token_answers_429_json(build_app, api_world):
    app = build_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = app.test_client()
    statuses = [client.get("/api/v1/cases", headers=bearer(api_world["secret"])).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/cases", headers=bearer(api_world["secret"])).get_json()["error"]["code"] == "rate_limited"


def test_an_unknown_api_path_answers_the_same_json_error_shape(client, api_world):
    response = client.get("/api/v1/nothing-here", headers=bearer(api_world["secret"]))
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_case_detail_gives_the_party_ids_that_proposals_name(client, session, api_world):
    from legalops.cases.models import CaseParty

    body = client.get(f"/api/v1/cases/{api_world['case'].id}", headers=bearer(api_world["secret"])).get_json()
    link = session.execute(select(CaseParty).where(CaseParty.case_id == api_world["case"].id)).scalars().one()
    assert [(d["id"], d["party_id"]) for d in body["debtors"]] == [(link.id, link.party_id)]


def test_a_wrong_method_answers_the_json_error_shape(client, api_world):
    response = client.delete(f"/api/v1/cases/{api_world['case'].id}",
                             headers=bearer(api_world["secret"], **{"Accept-Language": "zh-CN"}))
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert response.get_json()["error"]["message"] == "不允许使用此请求方法。"
