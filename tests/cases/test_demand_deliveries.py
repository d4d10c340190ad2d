"""Delivered demand letters: recorded on the case (audited, scoped) and counted as limitation interruptions."""

import datetime as dt

import factories as f
import pytest
from sqlalchemy import select

from legalops.assessment.claims import delivered_demands
from legalops.assessment.findings import build_findings
from legalops.audit.models import AuditEntry
from legalops.cases import demands, queries
from legalops.cases.demand_models import DemandDelivery
from legalops.core import clock
from legalops.core.errors import DomainError, NotFound

D = dt.date


@pytest.fixture
def world(app, session):
    firm_a, firm_b = f.firm(session), f.firm(session)
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, debtors=3, firm_id=firm_a.id)
    (loan,) = queries.list_loans(session, case)
    loan.maturity_date = D(2022, 12, 10)
    links = queries.list_debtors(session, case)
    session.commit()
    return {"case": case, "counsel": counsel, "own": f.user(session, "law_firm", firm=firm_a),
            "foreign": f.user(session, "law_firm", firm=firm_b), "borrower": links[0][1], "guarantor": links[1][1]}


def _claims(session, case, today=D(2025, 6, 1)):
    return {c["name"]: c for c in build_findings(session, case, None, today)["claims"]}


def _deliver(session, world, party, on, method="ems"):
    data = demands.DeliveryIn(party_id=party.id, delivered_on=on, method=method, tracking_number="EA123456789CN")
    return demands.record_delivery(session, world["case"], data, world["counsel"])


def test_delivered_demand_restarts_the_borrowers_limitation_from_the_delivery_day(session, world):
    case, borrower = world["case"], world["borrower"]
    before = _claims(session, case)[borrower.name]
    # Due 2022-12-10: three years end on Wednesday 2025-12-10 (民法典 art. 188).
    assert before["last_day"] == "2025-12-10"
    _deliver(session, world, borrower, D(2023, 10, 1))
    after = _claims(session, case)[borrower.name]
    # Restarted from 2023-10-01: 2026-10-01 falls in the National Day holiday (1–7 Oct 2026), so the
    # period ends on the next working day, Thursday 2026-10-08 (民法典 arts. 195, 203).
    assert after["last_day"] == "2026-10-08"
    articles = {c["article"] for c in after["citations"]}
    assert {"第一百九十五条", "第八条"} <= articles
    assert any("权利人提出履行请求" in step for step in after["steps"])


def test_demand_on_the_guarantor_starts_its_limitation_and_leaves_the_borrower_alone(session, world):
    case, guarantor, borrower = world["case"], world["guarantor"], world["borrower"]
    assert _claims(session, case)[guarantor.name]["last_day"] == "2023-06-10"  # guarantee period, 6 months
    _deliver(session, world, guarantor, D(2023, 5, 8), method="notary")
    claims = _claims(session, case)
    # A demand within the guarantee period: the guarantor's own three years run from it (民法典 art. 694).
    assert claims[guarantor.name]["last_day"] == "2026-05-08"
    assert claims[borrower.name]["last_day"] == "2025-12-10"


def test_delivery_after_expiry_does_not_revive_the_claim(session, world):
    _deliver(session, world, world["borrower"], D(2025, 12, 11))
    assert _claims(session, world["case"], D(2025, 12, 20))[world["borrower"].name]["last_day"] == "2025-12-10"


def test_delivered_demands_map_a_party_to_each_of_its_roles():
    events = delivered_demands([(D(2024, 1, 2), 7)], [(10, 7), (11, 7), (12, 8)])
    assert [(e.kind, e.on, e.debtor_id) for e in events] == [("demand", D(2024, 1, 2), 10), ("demand", D(2024, 1, 2), 11)]


def test_delivery_is_audited_and_refuses_strangers_and_future_dates(session, world):
    delivery = _deliver(session, world, world["borrower"], D(2024, 3, 1))
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "demand_delivery")).scalar_one()
    assert entry.action == "create" and entry.object_id == delivery.id and entry.case_id == world["case"].id
    stranger = f.case(session, world["counsel"])
    outsider = demands.addressees(session, stranger)[0]
    with pytest.raises(DomainError):
        _deliver(session, world, outsider, D(2024, 3, 1))
    with pytest.raises(ValueError):
        demands.DeliveryIn(party_id=outsider.id, delivered_on=clock.today() + dt.timedelta(days=1), method="ems")
    with pytest.raises(NotFound):
        demands.get_delivery(session, stranger, delivery.id)


def _client(app, user):
    client = app.test_client()
    f.login(client, user)
    return client


def test_record_delivery_through_the_page(app, session, world):
    case = world["case"]
    client = _client(app, world["own"])
    page = client.get(f"/cases/{case.id}/demands")
    assert page.status_code == 200 and world["borrower"].name in page.get_data(as_text=True)
    response = client.post(f"/cases/{case.id}/demands", data={
        "party_id": world["borrower"].id, "delivered_on": "2024-04-02", "method": "registered_post",
        "tracking_number": "XA0001", "proof": "回执扫描件"})
    assert response.status_code == 302
    (row,) = session.execute(select(DemandDelivery).where(DemandDelivery.case_id == case.id)).scalars()
    assert (row.delivered_on, row.method, row.tracking_number) == (D(2024, 4, 2), "registered_post", "XA0001")
    bad = client.post(f"/cases/{case.id}/demands", data={"party_id": world["borrower"].id, "method": "fax"})
    assert bad.status_code == 422


def test_delivery_routes_are_scoped_to_the_firm(app, session, world):
    case = world["case"]
    delivery = _deliver(session, world, world["borrower"], D(2024, 3, 1))
    session.commit()
    foreign = _client(app, world["foreign"])
    assert foreign.get(f"/cases/{case.id}/demands").status_code == 404
    assert foreign.post(f"/cases/{case.id}/demands", data={"party_id": world["borrower"].id}).status_code == 404
    assert foreign.post(f"/cases/{case.id}/demands/{delivery.id}/delete").status_code == 404
    assert foreign.post(f"/cases/{case.id}/acquisition", data={}).status_code == 404
    other = f.case(session, world["counsel"])
    session.commit()
    counsel = _client(app, world["counsel"])
    # The delivery id under another case's URL is not found either.
    assert counsel.post(f"/cases/{other.id}/demands/{delivery.id}/delete").status_code == 404
    assert session.get(DemandDelivery, delivery.id) is not None


def test_acquisition_by_assignment_is_saved_and_audited(app, session, world):
    case = world["case"]
    client = _client(app, world["counsel"])
    response = client.post(f"/cases/{case.id}/acquisition", data={
        "acquired_by_assignment": "on", "assignor": "中国某银行股份有限公司上海分行", "assignment_date": "2025-06-30",
        "assignment_notice_date": "2025-07-15", "agent_name": "王五", "agent_phone": "13900000000",
        "version": case.version})
    assert response.status_code == 302
    session.refresh(case)
    assert case.acquired_by_assignment and case.assignor.startswith("中国某银行") and case.agent_name == "王五"
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "case", AuditEntry.action == "update")
                            .order_by(AuditEntry.id.desc())).scalars().first()
    assert entry.after["assignor"] == "中国某银行股份有限公司上海分行"
    missing_assignor = client.post(f"/cases/{case.id}/acquisition", data={"acquired_by_assignment": "on"})
    assert missing_assignor.status_code == 422
