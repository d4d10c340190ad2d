"""Enforcement: measure expiry and renewal history, 终本 and 执恢 through the stage service, court receipts,
doubled-part interest figures, and the enforcement and renewal applications built from the record."""

import datetime as dt
from decimal import Decimal

import factories as f
import pytest

from legalops.cases.queries import list_debtors
from legalops.core.errors import Conflict, DomainError
from legalops.enforcement import services
from legalops.enforcement.documents import build_enforcement_application, build_renewal_application
from legalops.enforcement.interest import delayed_performance_interest
from legalops.enforcement.schemas import (
    ClosureIn,
    CourtReceiptIn,
    EnforcementCaseIn,
    PropertyLeadIn,
    ResumptionIn,
    TerminationIn,
)
from legalops.litigation import queries as lq
from legalops.litigation import services as ls
from legalops.litigation.schemas import AwardIn, JudgmentIn, MeasureIn, RenewalIn

D = dt.date


@pytest.fixture
def judged(session):
    """A case with a judgment that took effect on 2026-03-20 (performance ends 2026-03-30) and 800,000.10 owed."""
    counsel = f.user(session, "counsel")
    case, proceeding = f.in_litigation(session, counsel, dict(
        court_name="上海市浦东新区人民法院", jurisdiction_basis="agreed_clause",
        court_case_number="(2026)沪0115民初77号"), debtors=2, collateral=True)
    (_, borrower), (_, guarantor) = list_debtors(session, case)
    collateral_id = case_queries_collateral(session, case)
    ls.record_judgment(session, case, proceeding, JudgmentIn(
        decided_on=D(2026, 2, 2), effective_on=D(2026, 3, 20), performance_days=10, debt_amount="800000.10",
        costs_amount="11800", parties=[
            AwardIn(party_id=borrower.id, liability="joint_and_several", amount="800000.10"),
            AwardIn(party_id=guarantor.id, liability="priority_collateral", amount="800000.10",
                    collateral_id=collateral_id)]), counsel)
    return {"counsel": counsel, "case": case, "borrower": borrower}


def case_queries_collateral(session, case):
    from legalops.cases.queries import list_collateral

    return list_collateral(session, case)[0].id


def test_measure_expiry_renewal_date_and_renewal_history(session, judged):
    case, counsel = judged["case"], judged["counsel"]
    measure = services.record_measure(session, case, MeasureIn(
        kind="freeze", asset_type="bank_deposit", object_description="工商银行账户 6222 0000 1234",
        imposed_on=D(2025, 4, 15)), counsel)
    # One year counted from the start day: 15 Apr 2025 - 14 Apr 2026; renew by 7 Apr 2026 (a Tuesday).
    assert (measure.phase, measure.expires_on, measure.renew_by) == ("enforcement", D(2026, 4, 14), D(2026, 4, 7))
    services.renew_measure(session, case, measure, RenewalIn(renewed_on=D(2026, 4, 1)), counsel)
    # The new term starts the day after the old expiry: 15 Apr 2026 - 14 Apr 2027; 2027 is not in the table,
    # so the renewal date 7 Apr 2027 is provisional (weekends only).
    assert measure.expires_on == D(2027, 4, 14) and measure.renew_by == D(2027, 4, 7)
    history = lq.list_renewals(session, [measure.id])[measure.id]
    assert [(r.previous_expires_on, r.expires_on) for r in history] == [(D(2026, 4, 14), D(2027, 4, 14))]
    with pytest.raises(DomainError):
        services.renew_measure(session, case, measure, RenewalIn(renewed_on=D(2027, 5, 1)), counsel)


def test_renewal_date_moves_earlier_off_a_holiday(session, judged):
    # Real estate sealed 9 Oct 2023 for three years: expires 8 Oct 2026; 7 days before is 1 Oct (National Day),
    # so the latest renewal date moves back to 30 Sep 2026.
    measure = services.record_measure(session, judged["case"], MeasureIn(
        kind="seizure", asset_type="real_estate", object_description="浦东新区某路1号101室", imposed_on=D(2023, 10, 9)),
        judged["counsel"])
    assert (measure.expires_on, measure.renew_by) == (D(2026, 10, 8), D(2026, 9, 30))


def test_termination_resumption_and_closure_move_the_stage(session, judged):
    case, counsel = judged["case"], judged["counsel"]
    services.open_enforcement(session, case, EnforcementCaseIn(
        court_name="上海市浦东新区人民法院", court_case_number="（2026）沪0115执500号", applied_on=D(2026, 4, 8)), counsel)
    assert case.stage == "enforcement"
    with pytest.raises(Conflict):
        services.open_enforcement(session, case, EnforcementCaseIn(
            court_name="上海市浦东新区人民法院", applied_on=D(2026, 4, 9)), counsel)
    first = services.terminate_enforcement(session, case, TerminationIn(
        terminated_on=D(2026, 9, 1), reason="经网络查控未发现可供执行财产"), counsel)
    assert (first.status, case.stage, case.stage_reason) == ("terminated", "terminated", "经网络查控未发现可供执行财产")
    second = services.resume_enforcement(session, case, ResumptionIn(
        applied_on=D(2026, 11, 2), court_case_number="(2026)沪0115执恢12号", reason="发现被执行人名下车辆"), counsel)
    assert (first.status, second.status, second.resumed_from_id, case.stage) == ("resumed", "open", first.id,
                                                                                 "enforcement")
    assert second.court_case_number == "（2026）沪0115执恢12号"
    services.close_enforcement(session, case, ClosureIn(closed_on=D(2026, 12, 1), reason="执行完毕"), counsel)
    assert (second.status, case.stage) == ("closed", "closed")


def test_resumption_number_must_be_zhihui(session, judged):
    from legalops.core.errors import FieldErrors
    from legalops.core.validation import validate

    with pytest.raises(FieldErrors) as exc:
        validate(ResumptionIn, {"applied_on": "2026-11-02", "court_case_number": "(2026)沪0115执13号"})
    assert "court_case_number" in exc.value.errors


def test_delayed_performance_interest_with_partial_receipts(session, judged):
    case, counsel = judged["case"], judged["counsel"]
    # Performance ends 30 Mar 2026. To 29 Apr 2026: 800,000.10 x 0.0175% x 30 days = 4,200.0005 -> 4,200.00.
    figure = delayed_performance_interest(session, case.id, D(2026, 4, 29))
    assert (figure.start, figure.days, figure.interest) == (D(2026, 3, 30), 30, Decimal("4200.00"))
    assert "第二百六十四条" in [c.article for c in figure.result.citations]
    services.record_court_receipt(session, case, CourtReceiptIn(amount="300000", received_on=D(2026, 4, 9),
                                                                reference="执行款-001"), counsel)
    # 300,000 paid after 10 days (525.00) + 500,000.10 outstanding for 30 days (2,625.000525) = 3,150.00.
    figure = delayed_performance_interest(session, case.id, D(2026, 4, 29))
    assert (figure.paid, figure.outstanding, figure.interest) == (Decimal("300000.00"), Decimal("500000.10"),
                                                                  Decimal("3150.00"))
    assert delayed_performance_interest(session, case.id, D(2026, 3, 30)).interest == Decimal("0.00")


def test_enforcement_application_uses_the_recorded_judgment(session, judged):
    case, counsel = judged["case"], judged["counsel"]
    services.record_property_lead(session, case, PropertyLeadIn(
        kind="vehicle", description="沪A12345 小型轿车", source="法院网络查控", reported_on=D(2026, 4, 1)), counsel)
    built = build_enforcement_application(session, case, D(2026, 4, 29))
    assert built.ready, built.missing
    ctx = built.context
    assert ctx["court_case_number"] == "（2026）沪0115民初77号" and ctx["judgment_effective_on"] == "2026-03-20"
    assert [a["liability"] for a in ctx["awards"]] == ["joint_and_several", "priority_collateral"]
    assert ctx["delay_interest"] == {"start": "2026-03-31", "as_of": "2026-04-29", "amount": "4200.00"}
    assert ctx["property_leads"] == ["车辆：沪A12345 小型轿车（来源：法院网络查控）"]

    from legalops.documents.registry import get_registry
    from legalops.documents.render import get_renderer
    from legalops.documents.textcheck import docx_text, normalise

    spec = get_registry().get("enforcement_application")
    text = normalise(docx_text(get_renderer().render_docx(spec, ctx)))
    assert "自2026年3月31日起计算" in text and "¥4,200.00" in text and "沪A12345" in text


def test_renewal_application_lists_measures_in_force(session, judged):
    case, counsel = judged["case"], judged["counsel"]
    assert not build_renewal_application(session, case, D(2026, 4, 1)).ready
    services.record_measure(session, case, MeasureIn(kind="freeze", asset_type="bank_deposit",
                                                     object_description="工商银行账户 6222 0000 1234",
                                                     ruling_number="（2026）沪0115执500号之一",
                                                     imposed_on=D(2026, 1, 5)), counsel)
    built = build_renewal_application(session, case, D(2026, 12, 20))
    assert built.ready, built.missing
    assert built.context["measures"][0]["expires_on"] == "2027-01-04"

    from legalops.documents.registry import get_registry
    from legalops.documents.render import get_renderer
    from legalops.documents.textcheck import normalise, pdf_text

    spec = get_registry().get("preservation_renewal")
    files = get_renderer().render(spec, built.context, ("pdf",))
    text = normalise(pdf_text(files["pdf"]))
    assert "续行查封、冻结申请书" in text and "至2027年1月4日止" in text and "第十八条" in text


def test_enforcement_application_needs_a_recorded_judgment(session):
    """A case in litigation has a 民初 number but no judgment: listing what is missing, not '已于 年 月 日发生法律效力'."""
    counsel = f.user(session, "counsel")
    case, _proceeding = f.in_litigation(session, counsel, dict(
        court_name="上海市浦东新区人民法院", jurisdiction_basis="agreed_clause",
        court_case_number="(2026)沪0115民初78号"), debtors=1)
    built = build_enforcement_application(session, case, D(2026, 4, 29))
    assert not built.ready
    assert ("No judgment recorded yet.", {}) in built.missing
