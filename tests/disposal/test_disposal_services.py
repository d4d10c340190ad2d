"""Disposal services on PostgreSQL: refusal and override, prices and objections, deadlines, receipts, scoping, form."""

import datetime as dt
from decimal import Decimal as D

import factories as f
import pytest
from sqlalchemy import select

from legalops.assessment.findings import build_findings
from legalops.audit.models import AuditEntry
from legalops.cases.queries import list_collateral
from legalops.core.clock import CHINA
from legalops.core.errors import Conflict, DomainError
from legalops.deadlines.models import Deadline
from legalops.disposal import queries, receipts, services
from legalops.disposal.checks import check_round
from legalops.disposal.documents import build_in_lieu_context
from legalops.disposal.schemas import (
    EncumbranceIn,
    ObjectionDecisionIn,
    ObjectionIn,
    OutcomeIn,
    ReceiptIn,
    ReferencePriceIn,
    RoundIn,
)
from legalops.ledger.models import LedgerEntry
from legalops.ledger.reconciliation.models import ExpectedRecovery

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def world(session):
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, collateral=True)
    case.court_case_number = "（2026）沪0115执1234号"
    item = list_collateral(session, case)[0]
    return counsel, case, item


def price(session, case, item, counsel, value="1000000.00", on=dt.date(2026, 3, 10)):
    return services.add_reference_price(session, case, item, ReferencePriceIn(
        method="appraisal", value=D(value), determined_on=on, agency="上海某评估公司", report_number="沪评2026-001"),
        counsel)


def round_in(**over) -> RoundIn:
    values = dict(mode="online", platform="淘宝网", listing_url="https://sf.taobao.com/item/1.htm", round_number=1,
                  reserve_price="700000.00", deposit="70000.00", announced_on="2026-05-01",
                  starts_at="2026-06-01T10:00", ends_at="2026-06-02T10:00")
    values.update(over)
    return RoundIn.model_validate(values)


def test_a_round_below_the_floor_is_refused_then_entered_with_an_override_in_the_audit_trail(session, world):
    counsel, case, item = world
    price(session, case, item, counsel)
    with pytest.raises(services.RoundRefused) as refused:
        services.add_round(session, case, item, round_in(reserve_price="600000.00", announced_on="2026-05-15"), counsel)
    assert set(refused.value.errors) == {"reserve_price", "announced_on"}
    assert session.execute(select(AuditEntry).where(AuditEntry.object_type == "auction_round")).first() is None
    row = services.add_round(session, case, item, round_in(reserve_price="600000.00", deposit="60000.00",
                                                           override_reason="法院合议庭决定降价"), counsel)
    assert row.override_reason == "法院合议庭决定降价" and [v["code"] for v in row.violations] == ["reserve"]
    entry = session.execute(select(AuditEntry).where(AuditEntry.action == "override",
                                                     AuditEntry.object_id == row.id)).scalar_one()
    assert entry.after["reason"] == "法院合议庭决定降价" and entry.after["rules"].startswith("reserve: ") and "第十条" in entry.after["rules"]
    assert row.checks["min_reserve"] == "700000.00" and row.checks["reference"] == "1000000.00"


def test_online_inquiry_stores_the_average_and_an_upheld_objection_sets_the_price_aside(session, world):
    counsel, case, item = world
    older = price(session, case, item, counsel, "900000.00", dt.date(2026, 2, 1))
    online = services.add_reference_price(session, case, item, ReferencePriceIn(
        method="online_inquiry", determined_on=dt.date(2026, 3, 10), requested_on=dt.date(2026, 3, 5),
        quotes=[{"platform": "淘宝", "amount": "1000000.00", "reported_on": "2026-03-06"},
                {"platform": "京东", "amount": "1200000.00", "reported_on": "2026-03-08"},
                {"platform": "工行", "amount": "5.00", "reported_on": "2026-03-20"}]), counsel)
    assert online.value == D("1100000.00")
    assert queries.latest_valid_reference_price(session, item, dt.date(2026, 4, 1)).id == online.id
    services.save_objection(session, case, ObjectionIn(price_id=online.id, filed_on=dt.date(2026, 3, 12),
                                                       party="张三", grounds="询价结果明显偏高", outcome="upheld",
                                                       decided_on=dt.date(2026, 3, 20)), counsel)
    assert queries.latest_valid_reference_price(session, item, dt.date(2026, 4, 1)).id == older.id
    assert queries.latest_valid_reference_price(session, item, dt.date(2027, 2, 2)) is None


def test_deciding_a_pending_objection_upheld_sets_the_price_aside_and_the_floor_check_refuses_a_round(session, world):
    counsel, case, item = world
    appraised = price(session, case, item, counsel)
    objection = services.save_objection(session, case, ObjectionIn(
        price_id=appraised.id, filed_on=dt.date(2026, 3, 12), party="张三", grounds="评估价明显偏低"), counsel)
    relying = round_in()  # reserve 700,000 = 70 % of the appraisal: lawful while the price stands
    assert check_round(services.round_input(session, item, relying)[0]).violations == []
    with pytest.raises(DomainError) as early:
        services.decide_objection(session, case, item, ObjectionDecisionIn(
            objection_id=objection.id, outcome="upheld", decided_on=dt.date(2026, 3, 11)), counsel)
    assert early.value.field == "decided_on"
    services.decide_objection(session, case, item, ObjectionDecisionIn(
        objection_id=objection.id, outcome="upheld", decided_on=dt.date(2026, 3, 20)), counsel)
    assert (objection.outcome, objection.decided_on) == ("upheld", dt.date(2026, 3, 20))
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "price_objection",
                                                     AuditEntry.action == "update")).scalar_one()
    assert (entry.before, entry.after, entry.case_id) == ({"outcome": "pending", "decided_on": None},
                                                          {"outcome": "upheld", "decided_on": "2026-03-20"}, case.id)
    assert queries.latest_valid_reference_price(session, item, dt.date(2026, 5, 1)) is None
    with pytest.raises(services.RoundRefused) as refused:
        services.add_round(session, case, item, relying, counsel)
    assert [v["code"] for v in refused.value.violations] == ["reference"]
    assert "No valid reference price" in refused.value.errors["reserve_price"]
    with pytest.raises(Conflict):
        services.decide_objection(session, case, item, ObjectionDecisionIn(
            objection_id=objection.id, outcome="dismissed", decided_on=dt.date(2026, 3, 21)), counsel)


def test_the_latest_valid_reference_price_feeds_the_assessment_estimate(session, world):
    counsel, case, item = world
    before = build_findings(session, case, None, TODAY)["estimate"]["recovery"][0]
    assert before["amount"] == "1200000.00"  # the registered amount stands in for the value
    price(session, case, item, counsel, "1000000.00", dt.date(2026, 3, 10))
    realised = build_findings(session, case, None, TODAY)["estimate"]["recovery"][0]
    assert realised["amount"] == "1000000.00"
    assert any(c["article"] == "第二十七条" for c in realised["citations"])


def test_failure_proposes_next_steps_and_syncs_deadlines_then_a_sale_gives_the_payment_deadline(session, world):
    counsel, case, item = world
    price(session, case, item, counsel)
    first = services.add_round(session, case, item, round_in(), counsel)
    start = session.execute(select(Deadline).where(Deadline.source == "disposal.round",
                                                   Deadline.source_id == str(first.id))).scalar_one()
    assert (start.kind, start.due_on) == ("auction", dt.date(2026, 6, 1))
    services.record_outcome(session, case, OutcomeIn(round_id=first.id, status="failed", bids_count=0), counsel)
    assert start.state == "done"
    latest = session.execute(select(Deadline).where(Deadline.source == "disposal.next_step")).scalar_one()
    assert latest.due_on == dt.date(2026, 7, 2) and "第二十六条" in latest.citation
    second = services.add_round(session, case, item, round_in(round_number=2, reserve_price="560000.00",
                                                              deposit="56000.00", announced_on="2026-06-10",
                                                              starts_at="2026-06-30T10:00",
                                                              ends_at="2026-07-01T10:00"), counsel)
    assert latest.state == "done" and second.checks["previous_reserve"] == "700000.00"
    services.record_outcome(session, case, OutcomeIn(round_id=second.id, status="sold", bids_count=3,
                                                     winning_bid="900000.00", buyer="王五",
                                                     payment_deadline=dt.date(2026, 7, 15),
                                                     enforcement_costs="20000.00"), counsel)
    payment = session.execute(select(Deadline).where(Deadline.kind == "auction_payment")).scalar_one()
    assert payment.due_on == dt.date(2026, 7, 15)
    with pytest.raises(DomainError):
        services.record_outcome(session, case, OutcomeIn(round_id=second.id, status="sold", winning_bid="1.00",
                                                         buyer="王五"), counsel)


def test_receipt_posts_the_expected_share_once(session, world):
    counsel, case, item = world
    price(session, case, item, counsel)
    services.add_encumbrance(session, case, item, EncumbranceIn(creditor="甲银行", rank=1, secured_amount="150000.00"),
                             counsel)
    item.rank = 2
    row = services.add_round(session, case, item, round_in(), counsel)
    services.record_outcome(session, case, OutcomeIn(round_id=row.id, status="sold", winning_bid="1000000.00",
                                                     buyer="王五", enforcement_costs="10000.00",
                                                     ruling_number="（2026）沪0115执1234号之一"), counsel)
    expectation = session.execute(select(ExpectedRecovery).where(ExpectedRecovery.origin_id == str(row.id))).scalar_one()
    assert (expectation.amount, expectation.source, expectation.status) == (D("800000.10"), "auction_proceeds", "open")
    amount, source = receipts.expected_receipt(session, case, item, row, TODAY)
    # 1,000,000 − 10,000 costs − 150,000 senior = 840,000, capped at our claim of 800,000.10.
    assert (amount, source) == (D("800000.10"), "auction_proceeds")
    data = ReceiptIn(round_id=row.id, amount=amount, received_on=TODAY, payer="上海市浦东新区人民法院", source=source)
    entry = receipts.record_receipt(session, case, data, counsel)
    assert entry.amount == D("800000.10") and entry.reference == "（2026）沪0115执1234号之一"
    assert expectation.status == "matched"  # bank reconciliation will not post it a second time
    with pytest.raises(Conflict):
        receipts.record_receipt(session, case, data, counsel)
    assert len(session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case.id)).all()) == 1


def test_upcoming_auctions_are_scoped_to_the_firm(session, world):
    counsel, case, item = world
    own, other = f.firm(session), f.firm(session)
    case.firm_id = own.id
    price(session, case, item, counsel, on=dt.date.today())
    starts = dt.datetime.now(CHINA) + dt.timedelta(days=40)
    services.add_round(session, case, item, round_in(announced_on=dt.date.today().isoformat(),
                                                     starts_at=starts, ends_at=starts + dt.timedelta(days=1)), counsel)
    assert queries.list_upcoming_auctions(session, counsel, days=30) == []
    assert len(queries.list_upcoming_auctions(session, counsel, days=45)) == 1
    assert len(queries.list_upcoming_auctions(session, f.user(session, "law_firm", firm=own), days=45)) == 1
    assert queries.list_upcoming_auctions(session, f.user(session, "law_firm", firm=other), days=45) == []


def test_in_lieu_application_needs_a_failed_round_then_carries_price_and_difference(session, world):
    counsel, case, item = world
    def numbered(session, case):
        return "（2026）沪0115执1234号", "上海市浦东新区人民法院"

    assert any("failed" in msg for msg, _ in build_in_lieu_context(session, case, TODAY, numbered).missing)
    price(session, case, item, counsel)
    row = services.add_round(session, case, item, round_in(reserve_price="900000.00", deposit="90000.00"), counsel)
    services.record_outcome(session, case, OutcomeIn(round_id=row.id, status="failed"), counsel)
    built = build_in_lieu_context(session, case, TODAY, numbered)
    assert built.ready, built.missing
    assert built.context["price"] == "900000.00" and built.context["difference"] == "99999.90"
    assert built.context["claim"] == "800000.10" and built.context["ended_on"] == "2026-06-02"
