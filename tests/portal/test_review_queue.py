"""Firm updates wait in counsel's queue: accepting applies them through the litigation services, rejecting explains why."""

from __future__ import annotations

import factories as f
import pytest
from sqlalchemy import select

from legalops.audit.models import AuditEntry
from legalops.litigation.models import Judgment, Proceeding
from legalops.portal.models import CaseUpdate

FILED = {"kind": "filed", "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "defendant_domicile",
         "court_case_number": "(2026)沪0115民初1234号", "procedure": "ordinary", "filed_on": "2026-03-02"}


@pytest.fixture
def world(session):
    return f.firm_case(session)


def _client(app, user):
    client = app.test_client()
    f.login(client, user)
    client.post("/language", data={"locale": "en"})
    return client


def test_filing_waits_then_counsel_accepts_and_the_trail_names_both(app, session, world):
    case = world["case"]
    firm = _client(app, world["own"])
    assert firm.post(f"/cases/{case.id}/updates", data=FILED).status_code == 302
    session.refresh(case)
    assert case.court_case_number == "" and session.execute(select(Proceeding)).first() is None
    counsel = _client(app, world["counsel"])
    queue = counsel.get("/review").get_data(as_text=True)
    assert "（2026）沪0115民初1234号" in queue and case.reference in queue
    update = session.execute(select(CaseUpdate)).scalar_one()
    assert counsel.post(f"/review/{update.id}/accept").status_code == 302
    session.refresh(case)
    session.refresh(update)
    assert case.court_case_number == "（2026）沪0115民初1234号"
    assert (update.status, update.reviewer_id) == ("accepted", world["counsel"].id)
    accepted = session.execute(select(AuditEntry).where(AuditEntry.action == "accept")).scalar_one()
    assert accepted.after["author"] == world["own"].display_name
    assert accepted.after["reviewer"] == world["counsel"].display_name
    assert accepted.actor_id == world["counsel"].id
    assert "Nothing is waiting for review" in counsel.get("/review").get_data(as_text=True)
    assert counsel.post(f"/review/{update.id}/accept").status_code == 409


def test_rejection_needs_a_reason_and_the_firm_sees_it(app, session, world):
    case = world["case"]
    firm = _client(app, world["own"])
    firm.post(f"/cases/{case.id}/updates", data={"kind": "note", "text": "开庭改期"})
    update = session.execute(select(CaseUpdate)).scalar_one()
    counsel = _client(app, world["counsel"])
    assert counsel.post(f"/review/{update.id}/reject", data={"reason": ""}).status_code == 422
    assert counsel.post(f"/review/{update.id}/reject", data={"reason": "请附上法院通知"}).status_code == 302
    page = firm.get(f"/cases/{case.id}/updates").get_data(as_text=True)
    assert "请附上法院通知" in page and 'data-status="rejected"' in page
    entry = session.execute(select(AuditEntry).where(AuditEntry.action == "reject")).scalar_one()
    assert entry.after["reason"] == "请附上法院通知" and entry.after["author"] == world["own"].display_name


def test_invalid_proposal_is_refused_on_its_field_and_nothing_is_queued(app, session, world):
    firm = _client(app, world["own"])
    response = firm.post(f"/cases/{world['case'].id}/updates", data={**FILED, "court_case_number": "2026-1234"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'id="f-court_case_number-msg"' in text and 'value="上海市浦东新区人民法院"' in text
    assert session.execute(select(CaseUpdate)).first() is None


def test_judgment_with_per_defendant_awards_is_applied_on_acceptance(app, session, world):
    from legalops.cases.queries import list_debtors

    case = world["case"]
    firm = _client(app, world["own"])
    firm.post(f"/cases/{case.id}/updates", data=FILED)
    counsel = _client(app, world["counsel"])
    counsel.post(f"/review/{session.execute(select(CaseUpdate.id)).scalar_one()}/accept")
    party = list_debtors(session, case)[0][1]
    response = firm.post(f"/cases/{case.id}/updates", data={
        "kind": "judgment_received", "decided_on": "2026-06-01", "debt_amount": "800000.10",
        f"amount_{party.id}": "800000.10", f"liability_{party.id}": "joint_and_several",
        f"served_on_{party.id}": "2026-06-05"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    pending = session.execute(select(CaseUpdate).where(CaseUpdate.status == "pending")).scalar_one()
    assert pending.payload["parties"][0]["party_id"] == party.id
    assert counsel.post(f"/review/{pending.id}/accept").status_code == 302
    judgment = session.execute(select(Judgment)).scalar_one()
    assert str(judgment.debt_amount) == "800000.10"


def test_other_firm_and_staff_without_review_rights_are_kept_out(app, session, world):
    firm = _client(app, world["own"])
    firm.post(f"/cases/{world['case'].id}/updates", data={"kind": "note", "text": "x"})
    update_id = session.execute(select(CaseUpdate.id)).scalar_one()
    other = _client(app, world["other"])
    assert other.get(f"/cases/{world['case'].id}/updates").status_code == 404
    assert other.post(f"/cases/{world['case'].id}/updates", data={"kind": "note", "text": "y"}).status_code == 404
    assert other.get("/review").status_code == 403
    assert firm.post(f"/review/{update_id}/accept").status_code == 403
    finance = _client(app, f.user(session, "finance"))
    assert finance.post(f"/review/{update_id}/reject", data={"reason": "nope"}).status_code == 403
    assert session.get(CaseUpdate, update_id).status == "pending"


def test_an_update_the_service_refuses_stays_pending_with_the_reason_shown(app, session, world):
    from legalops.cases.queries import list_debtors

    case = world["case"]
    party = list_debtors(session, case)[0][1]
    firm = _client(app, world["own"])
    firm.post(f"/cases/{case.id}/updates", data={
        "kind": "judgment_received", "decided_on": "2026-06-01", "debt_amount": "1000.00",
        f"amount_{party.id}": "1000.00", f"liability_{party.id}": "joint_and_several"})
    update = session.execute(select(CaseUpdate)).scalar_one()
    response = _client(app, world["counsel"]).post(f"/review/{update.id}/accept")
    assert response.status_code == 422
    assert "has no proceeding yet" in response.get_data(as_text=True)
    session.refresh(update)
    assert update.status == "pending" and session.execute(select(Judgment)).first() is None


def test_reviewer_reads_amounts_choices_and_defendants_by_name_not_raw_values(app, session, world):
    from legalops.cases.queries import list_debtors

    case = world["case"]
    firm = _client(app, world["own"])
    party = list_debtors(session, case)[0][1]
    firm.post(f"/cases/{case.id}/updates", data={
        "kind": "judgment_received", "decided_on": "2026-06-01", "debt_amount": "800000.10",
        f"amount_{party.id}": "800000.10", f"liability_{party.id}": "joint_and_several",
        f"served_on_{party.id}": "2026-06-05"})
    page = _client(app, world["counsel"]).get("/review").get_data(as_text=True)
    assert "¥800,000.10" in page and "800000.10" not in page
    assert party.name in page and "party_id" not in page
    assert "Joint and several" in page and "joint_and_several" not in page
    assert "document_kind" not in page
    # The per-defendant flag the form does not ask for is labelled and translated, not `domiciled_in_china: True`.
    assert "domiciled_in_china" not in page and "True" not in page
    assert "Domiciled in China: Yes" in page


def test_party_names_reveal_only_the_updates_own_cases_parties(session):
    from legalops.cases.models import CaseParty
    from legalops.portal.queries import party_names

    world = f.firm_case(session)
    other = f.case(session, world["counsel"])
    own_party, foreign_party = (session.execute(select(CaseParty.party_id).where(CaseParty.case_id == c.id))
                                .scalars().first() for c in (world["case"], other))
    stored = CaseUpdate(case_id=world["case"].id, firm_id=world["case"].firm_id, author_name="x", kind="judgment_received",
                        payload={"parties": [{"party_id": own_party}, {"party_id": foreign_party}]})
    assert set(party_names(session, [stored])) == {own_party}
