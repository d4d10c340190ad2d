"""Our claim in a distribution and in the in-lieu difference is the ledger's claim to the sale (or ruling) date, net of
recoveries already allocated; 以物抵债申请书 carries the enforcement case number (执), not the trial number (民初)."""

import datetime as dt
from decimal import Decimal as D

import factories as f
import pytest

from legalops.cases.documents import build_form_context
from legalops.cases.queries import list_collateral, list_loans
from legalops.disposal import receipts, services
from legalops.disposal.documents import build_in_lieu_context
from legalops.disposal.overview import item_view, proposals_after
from legalops.disposal.schemas import OutcomeIn, ReceiptIn, ReferencePriceIn, RoundIn
from legalops.enforcement.models import EnforcementCase
from legalops.ledger.services import post_recovery

TODAY = dt.date(2026, 11, 23)
# 730,000 × 7.30 % ÷ 365 = 146.00 a day of penalty interest from 1 May 2026.
UNTOUCHED = D("734818.00")  # 730,000 + 146 × 33 days (1 May – 2 June)
# 100,000 on 21 May: 146 × 21 = 3,066.00 interest first (art. 561), 96,934.00 principal → 633,066.00 left;
# then 633,066 × 7.30 % × 12 ÷ 365 = 1,519.3584 → 1,519.36 to 2 June.
AFTER_RECOVERY = D("634585.36")  # 633,066.00 + 1,519.36


@pytest.fixture
def world(session):
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, collateral=True)
    case.court_case_number = "（2025）沪0115民初888号"  # the trial number: never the in-lieu application's
    loan = list_loans(session, case)[0]
    loan.outstanding_principal, loan.penalty_rate, loan.cutoff_date = D("730000.00"), D("7.30"), dt.date(2026, 4, 30)
    item = list_collateral(session, case)[0]
    services.add_reference_price(session, case, item, ReferencePriceIn(
        method="appraisal", value=D("1000000.00"), determined_on=dt.date(2026, 3, 10), agency="上海某评估公司",
        report_number="沪评2026-001"), counsel)
    session.flush()
    return counsel, case, item


def ended_round(session, case, item, counsel, status, **outcome):
    row = services.add_round(session, case, item, RoundIn.model_validate(dict(
        mode="online", platform="淘宝网", round_number=1, reserve_price="900000.00", deposit="90000.00",
        announced_on="2026-05-01", starts_at="2026-06-01T10:00", ends_at="2026-06-02T10:00")), counsel)
    services.record_outcome(session, case, OutcomeIn(round_id=row.id, status=status, **outcome), counsel)
    return row


def repay(session, case, counsel):
    return post_recovery(session, case_id=case.id, amount=D("100000.00"), received_on=dt.date(2026, 5, 21),
                         source="voluntary_repayment", payer="债务人0", reference="还款-1", actor=counsel)


def in_lieu(session, case, item, row):
    return next(p for p in proposals_after(session, case, item, row, TODAY) if p.kind == "in_lieu")


def test_a_prior_recovery_shrinks_our_share_of_a_sale_to_the_claim_at_the_sale_date(session, world):
    counsel, case, item = world
    row = ended_round(session, case, item, counsel, "sold", winning_bid="900000.00", buyer="王五",
                      enforcement_costs="20000.00")
    assert receipts.expected_receipt(session, case, item, row, TODAY) == (UNTOUCHED, "auction_proceeds")
    repay(session, case, counsel)
    share = item_view(session, case, item, TODAY)["distribution"]["result"]
    # 900,000 − 20,000 costs = 880,000 available; our first-ranking security covers the whole claim of 2 June.
    assert (share.ours, share.shortfall, share.surplus) == (AFTER_RECOVERY, D("0.00"), D("245414.64"))
    assert share.claim_on == dt.date(2026, 6, 2)
    assert "已入账回款按抵充顺序冲抵 ¥100,000.00（本金 ¥96,934.00、利息 ¥3,066.00）" in share.claim_steps
    assert any("第五百六十一条" in c for c in share.claim_citations)
    assert receipts.expected_receipt(session, case, item, row, TODAY) == (AFTER_RECOVERY, "auction_proceeds")
    # The proceeds themselves, once received, do not shrink the share they pay.
    receipts.record_receipt(session, case, ReceiptIn(round_id=row.id, amount=AFTER_RECOVERY, received_on=TODAY,
                                                     payer="上海市浦东新区人民法院"), counsel)
    assert receipts.expected_receipt(session, case, item, row, TODAY)[0] == AFTER_RECOVERY
    # Interest ran on until the money came: 633,066.00 × 0.02 % × 174 days (3 June – 23 November) is still owed.
    assert item_view(session, case, item, TODAY)["claim"] == D("22030.70")


def test_the_in_lieu_difference_counts_the_claim_to_the_ruling_net_of_recoveries(session, world):
    counsel, case, item = world
    row = ended_round(session, case, item, counsel, "failed", ruling_number="（2026）沪0115执1234号之二",
                      ruling_on=dt.date(2026, 6, 2))
    assert in_lieu(session, case, item, row).difference == D("900000.00") - UNTOUCHED == D("165182.00")
    repay(session, case, counsel)
    proposal = in_lieu(session, case, item, row)
    assert (proposal.price, proposal.difference) == (D("900000.00"), D("265414.64"))
    # Accrued to 2 June: 730,000 + 3,066.00 + 1,519.36 interest = 734,585.36, less the 100,000 recovered.
    assert "我方债权余额 ¥734,585.36 − ¥100,000.00 = ¥634,585.36" in proposal.steps
    assert receipts.expected_receipt(session, case, item, row, TODAY) == (AFTER_RECOVERY, "in_lieu_acceptance")
    # Posting the acceptance on the ruling day leaves the difference it settled unchanged.
    receipts.record_receipt(session, case, ReceiptIn(round_id=row.id, amount=AFTER_RECOVERY,
                                                     received_on=dt.date(2026, 6, 2), payer="上海市浦东新区人民法院",
                                                     source="in_lieu_acceptance"), counsel)
    assert in_lieu(session, case, item, row).difference == D("265414.64")


def test_the_in_lieu_application_is_numbered_by_the_enforcement_case_and_filed_there(app, session, world):
    counsel, case, item = world
    ended_round(session, case, item, counsel, "failed", ruling_on=dt.date(2026, 6, 2))
    repay(session, case, counsel)
    alone = build_in_lieu_context(session, case, TODAY)
    assert [m for m, _ in alone.missing] == [
        "No enforcement case number (执行案号) is recorded: open the enforcement case first."]
    # Registered by the app factory from the enforcement side, which knows the enforcement case.
    session.add(EnforcementCase(case_id=case.id, court_name="上海市浦东新区人民法院", applied_on=dt.date(2026, 1, 5)))
    session.flush()
    assert any("执行案号" in m for m, _ in build_form_context(session, case, "in_lieu_application", today=TODAY).missing)
    session.add(EnforcementCase(case_id=case.id, court_name="上海市第一中级人民法院", applied_on=dt.date(2026, 2, 5),
                                court_case_number="（2026）沪01执恢45号"))
    session.flush()
    built = build_form_context(session, case, "in_lieu_application", today=TODAY)
    assert built.ready, built.missing
    assert (built.context["court_case_number"], built.context["court"]) == ("（2026）沪01执恢45号", "上海市第一中级人民法院")
    assert (built.context["claim"], built.context["claim_date"]) == (str(AFTER_RECOVERY), "2026-06-02")
    assert built.context["difference"] == "265414.64"


def test_the_item_page_shows_how_the_claim_of_the_sale_day_was_reached(app, session, world):
    counsel, case, item = world
    ended_round(session, case, item, counsel, "sold", winning_bid="900000.00", buyer="王五")
    repay(session, case, counsel)
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    page = client.get(f"/cases/{case.id}/disposal/items/{item.id}").get_data(as_text=True)
    assert 'data-testid="claim-basis"' in page and "我方债权余额 ¥734,585.36 − ¥100,000.00 = ¥634,585.36" in page
    assert 'data-testid="expected-recovery">¥634,585.36<' in page
