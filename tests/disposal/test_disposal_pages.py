"""Disposal pages: counsel enters a round (refused with the rule, then overridden), firms read only their own cases."""

import datetime as dt
from decimal import Decimal as D

import factories as f
import pytest
from sqlalchemy import select

from legalops.cases.queries import list_collateral
from legalops.core.clock import today
from legalops.disposal import services
from legalops.disposal.models import AuctionRound
from legalops.disposal.schemas import OutcomeIn, ReferencePriceIn, RoundIn


@pytest.fixture
def world(app, session):
    own, other = f.firm(session), f.firm(session)
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, collateral=True, firm_id=own.id)
    item = list_collateral(session, case)[0]
    services.add_reference_price(session, case, item, ReferencePriceIn(
        method="negotiation", value=D("1000000.00"), determined_on=dt.date(2026, 3, 10)), counsel)
    session.commit()
    return {"counsel": counsel, "case": case, "item": item, "own": f.user(session, "law_firm", firm=own),
            "other": f.user(session, "law_firm", firm=other)}


def path(world, suffix=""):
    return f"/cases/{world['case'].id}/disposal/items/{world['item'].id}{suffix}"


ROUND = {"mode": "online", "round_number": "1", "platform": "京东拍卖", "listing_url": "https://paimai.jd.com/1",
         "reserve_price": "650,000", "deposit": "65000", "announced_on": "2026-05-01",
         "starts_at": "2026-06-01T10:00", "ends_at": "2026-06-02T10:00"}


def test_counsel_is_refused_with_the_rule_keeps_the_input_then_overrides(app, world, session):
    client = app.test_client()
    f.login(client, world["counsel"])
    refused = client.post(path(world, "/rounds"), data=ROUND)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "¥700,000.00" in page and "第十条" in page and 'value="650,000"' in page
    done = client.post(path(world, "/rounds"), data=dict(ROUND, override_reason="合议庭评议决定"))
    assert done.status_code == 302
    row = session.execute(select(AuctionRound)).scalar_one()
    assert row.reserve_price == D("650000.00") and row.starts_at.hour == 2  # 10:00 Beijing time is 02:00 UTC
    shown = client.get(path(world)).get_data(as_text=True)
    assert "合议庭评议决定" in shown and 'data-testid="override"' in shown


def test_bad_url_is_refused_with_a_clear_message(app, world):
    client = app.test_client()
    f.login(client, world["counsel"])
    response = client.post(path(world, "/rounds"), data=dict(ROUND, listing_url="javascript:alert(1)"))
    assert response.status_code == 422 and "https://" in response.get_data(as_text=True)


def test_failed_round_shows_proposals_and_in_lieu_difference(app, world, session):
    case, item, counsel = world["case"], world["item"], world["counsel"]
    row = services.add_round(session, case, item, RoundIn.model_validate(dict(ROUND, reserve_price="900000")), counsel)
    services.record_outcome(session, case, OutcomeIn(round_id=row.id, status="failed", bids_count=0), counsel)
    session.commit()
    client = app.test_client()
    f.login(client, world["own"])
    page = client.get(path(world)).get_data(as_text=True)
    assert 'data-testid="proposal-re_auction"' in page and 'data-testid="proposal-in_lieu"' in page
    assert "¥99,999.90" in page and "¥720,000.00" in page  # difference; 80 % floor of the next round
    # The re-auction was due by 2 July 2026: both latest dates are flagged as passed, with what to do.
    assert today() > dt.date(2026, 7, 2)
    assert 'data-testid="passed-announce"' in page and 'data-testid="passed-start"' in page
    assert 'data-testid="passed"' in page and "法定期间已无法遵守" in page  # the page is in Chinese
    assert 'data-testid="round-form"' not in page and 'data-testid="record-receipt"' not in page
    assert client.post(path(world, "/rounds"), data=ROUND).status_code == 403


def test_other_firm_gets_404_on_every_disposal_route(app, world):
    client = app.test_client()
    f.login(client, world["other"])
    assert client.get(f"/cases/{world['case'].id}/disposal").status_code == 404
    assert client.get(path(world)).status_code == 404
    assert client.post(path(world, "/rounds"), data=ROUND).status_code == 404


def test_the_disposal_index_lists_items_with_their_valid_price(app, world):
    client = app.test_client()
    f.login(client, world["counsel"])
    page = client.get(f"/cases/{world['case'].id}/disposal").get_data(as_text=True)
    assert 'data-testid="disposal-item"' in page and "¥1,000,000.00" in page


def test_online_inquiry_form_blames_the_bad_row_then_stores_the_average(app, world, session):
    client = app.test_client()
    f.login(client, world["counsel"])
    form = {"method": "online_inquiry", "determined_on": "2026-04-10", "requested_on": "2026-04-01",
            "platform_1": "淘宝", "amount_1": "1,000,000", "reported_on_1": "2026-04-02",
            "platform_2": "京东", "amount_2": "一百万", "reported_on_2": "2026-04-03"}
    refused = client.post(path(world, "/prices"), data=form)
    assert refused.status_code == 422 and 'id="f-amount_2-msg"' in refused.get_data(as_text=True)
    assert client.post(path(world, "/prices"), data=dict(form, amount_2="1200000.01")).status_code == 302
    from legalops.disposal.models import ReferencePrice

    stored = session.execute(select(ReferencePrice).where(ReferencePrice.method == "online_inquiry")).scalar_one()
    assert stored.value == D("1100000.01")  # (1,000,000 + 1,200,000.01) / 2 = 1,100,000.005, half up


def test_counsel_decides_a_pending_objection_on_the_page_with_csrf_others_cannot(app, world, session):
    import re

    from legalops.audit.models import AuditEntry
    from legalops.disposal.models import PriceObjection, ReferencePrice
    from legalops.disposal.schemas import ObjectionIn

    case, counsel = world["case"], world["counsel"]
    reference = session.execute(select(ReferencePrice)).scalar_one()
    objection = services.save_objection(session, case, ObjectionIn(
        price_id=reference.id, filed_on=dt.date(2026, 3, 12), party="张三", grounds="议价显失公平"), counsel)
    foreign_case = f.case(session, counsel, collateral=True)
    foreign_item = list_collateral(session, foreign_case)[0]
    foreign_price = services.add_reference_price(session, foreign_case, foreign_item, ReferencePriceIn(
        method="negotiation", value=D("500000.00"), determined_on=dt.date(2026, 3, 10)), counsel)
    foreign = services.save_objection(session, foreign_case, ObjectionIn(
        price_id=foreign_price.id, filed_on=dt.date(2026, 3, 12), party="李四", grounds="异议"), counsel)
    session.commit()
    decide = {"objection_id": str(objection.id), "outcome": "upheld", "decided_on": "2026-03-20"}

    firm = app.test_client()
    f.login(firm, world["own"])
    assert 'data-testid="objection-decide"' not in firm.get(path(world)).get_data(as_text=True)
    assert firm.post(path(world, "/objections/decide"), data=decide).status_code == 403
    other = app.test_client()
    f.login(other, world["other"])
    assert other.post(path(world, "/objections/decide"), data=decide).status_code == 404

    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"username": counsel.username, "password": f.PASSWORD, "csrf_token": token})
    page = client.get(path(world)).get_data(as_text=True)
    assert 'data-testid="objection-decide"' in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post(path(world, "/objections/decide"), data=decide).status_code == 400  # no token
    wrong = client.post(path(world, "/objections/decide"), data=dict(decide, objection_id=str(foreign.id),
                                                                     csrf_token=token))
    assert wrong.status_code == 404  # another case's objection, though counsel may see that case
    early = client.post(path(world, "/objections/decide"), data=dict(decide, decided_on="2026-03-01",
                                                                     csrf_token=token))
    assert early.status_code == 422 and f'id="d-msg-{objection.id}"' in early.get_data(as_text=True)
    done = client.post(path(world, "/objections/decide"), data=dict(decide, csrf_token=token))
    assert done.status_code == 302 and done.headers["Location"].endswith("#prices")
    session.expire_all()
    stored = session.get(PriceObjection, objection.id)
    assert (stored.outcome, stored.decided_on) == ("upheld", dt.date(2026, 3, 20))
    assert session.get(PriceObjection, foreign.id).outcome == "pending"
    assert session.execute(select(AuditEntry).where(AuditEntry.object_type == "price_objection",
                                                    AuditEntry.object_id == objection.id,
                                                    AuditEntry.action == "update")).scalar_one().actor_id == counsel.id
    shown = client.get(path(world)).get_data(as_text=True)
    assert '<span class="badge bad">' in shown  # the price is marked overturned
    assert 'data-testid="objection-decide"' not in shown and 'data-testid="price-usable"' not in shown
