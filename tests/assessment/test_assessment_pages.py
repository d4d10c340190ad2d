"""The assessment pages: law-firm scoping, the forms round-trip, the decision through the web, the memo."""

from __future__ import annotations

import datetime as dt
import html
import re

import factories as f
import pytest

from legalops.assessment.schemas import EventIn
from legalops.assessment.services import add_event
from legalops.cases import services as case_services
from legalops.cases.models import Stage


@pytest.fixture
def world(session):
    firm_a, firm_b = f.firm(session), f.firm(session)
    people = {"counsel": f.user(session, "counsel"), "counsel2": f.user(session, "counsel"),
              "own": f.user(session, "law_firm", firm=firm_a), "other": f.user(session, "law_firm", firm=firm_b),
              "auditor": f.user(session, "auditor")}
    case = f.case(session, people["counsel"], debtors=2, collateral=True, firm_id=firm_a.id)
    case_services.change_stage(session, case, Stage.assessment, "", people["counsel"])
    add_event(session, case, EventIn(kind="due_date", occurred_on=dt.date(2024, 6, 30)), people["counsel"])
    session.commit()
    return {"case": case, **people}


def signed_in(app, user):
    client = app.test_client()
    f.login(client, user)
    client.post("/language", data={"locale": "en"})
    return client


def test_other_firm_gets_404_on_every_assessment_page(app, world):
    client = signed_in(app, world["other"])
    base = f"/cases/{world['case'].id}/assessment"
    for path in (base, base + "/memo"):
        response = client.get(path)
        assert response.status_code == 404
        assert world["case"].reference.encode() not in response.data
    for path in ("/facts", "/evidence", "/events", "/events/delete", "/submit", "/decision"):
        assert client.post(base + path, data={}).status_code == 404


def test_own_firm_reads_but_cannot_change(app, world):
    client = signed_in(app, world["own"])
    base = f"/cases/{world['case'].id}/assessment"
    page = client.get(base).get_data(as_text=True)
    assert "Claim status per debtor" in page and "Save facts" not in page and "Record event" not in page
    assert client.get(base + "/memo").status_code == 200
    assert client.post(base + "/facts", data={"debt_uncontested": "on"}).status_code == 403
    assert client.post(base + "/decision", data={"decision": "go"}).status_code == 403


def test_page_shows_claims_routes_and_estimate(app, world):
    page = signed_in(app, world["counsel"]).get(f"/cases/{world['case'].id}/assessment").get_data(as_text=True)
    assert 'data-testid="claims"' in page and page.count("data-flag=") == 2
    assert 'data-testid="recommended-route"' in page and 'data-testid="net-recovery"' in page
    assert "第一百八十八条" in page  # the limitation article behind the flags


def test_case_page_links_to_the_assessment(app, world):
    page = signed_in(app, world["own"]).get(f"/cases/{world['case'].id}").get_data(as_text=True)
    assert f'href="/cases/{world["case"].id}/assessment"' in page


def test_bad_event_keeps_what_was_typed(app, world):
    client = signed_in(app, world["counsel"])
    response = client.post(f"/cases/{world['case'].id}/assessment/events",
                           data={"kind": "demand", "occurred_on": "2025-02-30", "note": "催收函"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Enter a date as YYYY-MM-DD." in page
    assert 'value="2025-02-30"' in page and 'value="催收函"' in page


def test_bad_amount_in_the_facts_is_shown_on_its_field(app, world):
    client = signed_in(app, world["counsel"])
    response = client.post(f"/cases/{world['case'].id}/assessment/facts", data={"collateral_value": "12x"})
    assert response.status_code == 422
    assert 'value="12x"' in response.get_data(as_text=True)


def test_generic_stage_form_refuses_assessment_to_litigation(app, world, session):
    client = signed_in(app, world["counsel"])
    case = world["case"]
    response = client.post(f"/cases/{case.id}/stage", data={"to": "litigation", "version": case.version})
    assert response.status_code in (302, 422)
    page = (client.get(f"/cases/{case.id}") if response.status_code == 302 else response).get_data(as_text=True)
    assert "only through the go decision on its assessment page" in page
    session.refresh(case)
    assert case.stage == Stage.assessment


def test_full_workflow_through_the_web(app, world, session):
    case = world["case"]
    base = f"/cases/{case.id}/assessment"
    counsel = signed_in(app, world["counsel"])
    evidence = {f"{kind}_status": "present" for kind in ("loan_contract", "disbursement_proof", "repayment_records",
                                                           "demand_letters", "guarantee_contracts",
                                                           "mortgage_registration")}
    assert counsel.post(base + "/evidence", data={**evidence, "loan_contract_note": "原件"}).status_code == 302
    assert counsel.post(base + "/events", data={"kind": "demand", "occurred_on": "2025-06-01"}).status_code == 302
    assert counsel.post(base + "/facts", data={"debt_uncontested": "on", "debtor_reachable": "on",
                                               "collateral_value": "1,500,000", "expected_round": "2",
                                               "summary": "建议实现担保物权"}).status_code == 302
    page = counsel.get(base).get_data(as_text=True)
    assert "Realisation of security interest" in page.split('data-testid="recommended-route">')[1][:80]
    assert counsel.post(base + "/submit").status_code == 302

    refused = counsel.post(base + "/decision", data={"decision": "go", "target_stage": "litigation"})
    assert refused.status_code == 422
    assert b"another counsel or an administrator must decide it" in refused.data
    session.refresh(case)
    assert case.stage == Stage.assessment

    approver = signed_in(app, world["counsel2"])
    done = approver.post(base + "/decision", data={"decision": "go", "target_stage": "litigation",
                                                   "comments": "同意起诉"})
    assert done.status_code == 302
    session.refresh(case)
    assert case.stage == Stage.litigation
    memo = approver.get(base + "/memo").get_data(as_text=True)
    assert "Assessment memo" in memo and "同意起诉" in memo and "建议实现担保物权" in memo
    assert "assessment.css" in memo


def test_no_go_through_the_web_leaves_the_stage(app, world, session):
    case = world["case"]
    base = f"/cases/{case.id}/assessment"
    assert signed_in(app, world["counsel"]).post(base + "/submit").status_code == 302
    done = signed_in(app, world["counsel2"]).post(base + "/decision", data={"decision": "no_go",
                                                                            "comments": "时效已过"})
    assert done.status_code == 302
    session.refresh(case)
    assert case.stage == Stage.assessment
    page = signed_in(app, world["auditor"]).get(base).get_data(as_text=True)
    assert "No-go" in page and "时效已过" in page


def _conventions(page: str) -> dict[str, tuple[str, str]]:
    """Return {setting: (label, value)} as shown in the conventions lists."""
    shown = re.findall(r'<li data-setting="(\w+)">.*?<span title="[^"]*"><b>([^<]*)</b>: ([^<]*)</span> '
                       r'<small><code class="muted">\1</code></small>', page)
    return {setting: (html.unescape(label), html.unescape(value)) for setting, label, value in shown}


@pytest.mark.parametrize(("language", "expected"), [
    ("en", {"holiday_calendar": ("Holiday calendar", "missing for the year: the last day is not moved off rest days"),
            "guarantee_roll_forward": ("A guarantee period ending on a rest day moves to the next working day", "No"),
            "realisation_factors": ("Share of the reference value realised, by auction round",
                                    "first auction 100% · second auction 80% · sale 64%"),
            "rounding": ("Rounding of money amounts", "to the fen (0.01 yuan)")}),
    ("zh", {"holiday_calendar": ("节假日表", "该年度缺失：届满日不按休息日顺延"),
            "guarantee_roll_forward": ("保证期间届满日遇休息日顺延至下一工作日", "否"),
            "realisation_factors": ("各轮次按参考价折算的变现比例", "第一次拍卖 100% · 第二次拍卖 80% · 变卖 64%"),
            "rounding": ("金额取整", "取整至分（0.01 元）")}),
])
def test_conventions_are_shown_in_words_with_the_setting_key_aside(app, world, language, expected):
    client = signed_in(app, world["counsel"])
    client.post("/language", data={"locale": language})
    page = client.get(f"/cases/{world['case'].id}/assessment").get_data(as_text=True)
    assert _conventions(page) == expected
    # The setting and its raw value stay available as a tooltip, never as the text read.
    assert 'title="guarantee_roll_forward = False"' in page
    assert "guarantee_roll_forward = False" not in re.sub(r'title="[^"]*"', "", page)
    assert "HALF_UP" not in page and "holiday_calendar = missing" not in re.sub(r'title="[^"]*"', "", page)
