"""Entering a judgment computes each party's appeal deadline, the effective date, the end of performance and the
two-year enforcement deadline, with citations, across the 2026 holidays, and provisionally beyond the table."""

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import select

from legalops.cases.queries import list_debtors
from legalops.deadlines.models import Deadline
from legalops.litigation import queries, services
from legalops.litigation.schemas import AwardIn, EventIn, JudgmentIn, ServiceIn

D = dt.date


@pytest.fixture
def suit(session):
    counsel = f.user(session, "counsel")
    case, proceeding = f.in_litigation(session, counsel, dict(
        court_name="上海市浦东新区人民法院", jurisdiction_basis="defendant_domicile",
        court_case_number="(2026)沪0115民初1234号", procedure="ordinary", filed_on=D(2025, 11, 3),
        accepted_on=D(2025, 11, 10), fees_paid="8800"), debtors=2, collateral=True)
    (_, borrower), (_, guarantor) = list_debtors(session, case)
    return {"counsel": counsel, "case": case, "proceeding": proceeding, "borrower": borrower, "guarantor": guarantor}


def _judgment(session, suit, **overrides):
    b, g, case = suit["borrower"], suit["guarantor"], suit["case"]
    data = {"decided_on": D(2026, 1, 20), "performance_days": 10, "debt_amount": "800000.10",
            "interest_amount": "45678.90", "costs_amount": "11800",
            "parties": [AwardIn(party_id=case.creditor_id, served_on=D(2026, 1, 26)),
                        AwardIn(party_id=b.id, served_on=D(2026, 1, 31), liability="joint_and_several",
                                amount="800000.10"),
                        AwardIn(party_id=g.id, served_on=D(2026, 2, 2), liability="general_guarantee",
                                amount="500000")]}
    data.update(overrides)
    return services.record_judgment(session, case, suit["proceeding"], JudgmentIn(**data), suit["counsel"])


def test_proceeding_normalises_case_number_and_heads_the_case(session, suit):
    assert suit["proceeding"].court_case_number == "（2026）沪0115民初1234号"
    assert suit["case"].court_case_number == "（2026）沪0115民初1234号"
    assert suit["proceeding"].fees_paid == Decimal("8800.00")


def test_judgment_clocks_per_party_across_spring_festival(session, suit):
    judgment = _judgment(session, suit)
    clocks = queries.judgment_clocks(session, judgment)
    appeal = {row.party.id: row.appeal.due_on for row in clocks.parties}
    # 26 Jan + 15 = 10 Feb (Tue); 31 Jan + 15 = 15 Feb and 2 Feb + 15 = 17 Feb fall in 15-23 Feb: roll to 24 Feb.
    assert appeal == {suit["case"].creditor_id: D(2026, 2, 10), suit["borrower"].id: D(2026, 2, 24),
                      suit["guarantor"].id: D(2026, 2, 24)}
    assert [c.article for c in clocks.parties[1].appeal.citations][:2] == ["第一百七十一条", "第八十五条"]
    assert clocks.effective.due_on == D(2026, 2, 25)
    assert "第一百五十八条" in [c.article for c in clocks.effective.citations]
    # 25 Feb + 10 days = 7 Mar, a Saturday: performance ends Monday 9 Mar.
    assert clocks.performance_end.due_on == D(2026, 3, 9)
    assert "第二百六十四条" in [c.article for c in clocks.performance_end.citations]
    # 9 Mar 2028: the 2028 holidays are not in the table, so the date is weekends-only and provisional.
    enforcement = clocks.enforcement_deadline
    assert enforcement.due_on == D(2028, 3, 9) and enforcement.provisional
    assert "2028" in enforcement.provisional_note
    assert [c.article for c in enforcement.citations][0] == "第二百五十条"
    assert suit["case"].stage == "judgment"


def test_judgment_publishes_deadlines_and_an_appeal_suspends_them(session, suit):
    judgment = _judgment(session, suit)
    rows = session.execute(select(Deadline).where(Deadline.source == "litigation.judgment",
                                                  Deadline.source_id == str(judgment.id))).scalars().all()
    kinds = sorted(d.kind for d in rows)
    assert kinds == ["appeal", "appeal", "appeal", "enforcement_application", "judgment_effective",
                     "performance_period"]
    enforcement = next(d for d in rows if d.kind == "enforcement_application")
    assert enforcement.provisional and "第二百五十条" in enforcement.citation
    services.record_appeal(session, suit["case"], suit["proceeding"],
                           EventIn(kind="appeal", occurred_on=D(2026, 2, 9), party_id=suit["guarantor"].id),
                           suit["counsel"])
    session.flush()
    states = {(d.kind, d.party_id): d.state for d in rows}
    assert states[("appeal", suit["guarantor"].id)] == "done"
    assert states[("judgment_effective", None)] == "cancelled"
    assert queries.judgment_clocks(session, judgment).effective is None


def test_judgment_entered_late_closes_its_events_and_keeps_the_enforcement_task_open(session, suit):
    """判决生效, the end of performance and the defendants' appeal periods are events: once past they are passed,
    not missed, overdue or reminded; the enforcement application (a task for the creditor, 2028) stays open."""
    from legalops.deadlines.queries import DeadlineFilters, dashboard_summary, effective_state, list_deadlines
    from legalops.deadlines.reminders import send_reminders
    from legalops.deadlines.services import mark_missed

    on = D(2026, 11, 23)
    judgment = _judgment(session, suit)  # given 20 Jan 2026, served by 2 Feb, performance ended 9 Mar
    rows = session.execute(select(Deadline).where(Deadline.source == "litigation.judgment",
                                                  Deadline.source_id == str(judgment.id))).scalars().all()
    by_key = {(d.kind, d.party_id): d for d in rows}
    events = [by_key[("judgment_effective", None)], by_key[("performance_period", None)],
              by_key[("appeal", suit["borrower"].id)], by_key[("appeal", suit["guarantor"].id)]]
    assert [d.state for d in events] == ["passed"] * 4
    assert [effective_state(d, on) for d in events] == ["passed"] * 4
    enforcement = by_key[("enforcement_application", None)]
    assert (enforcement.state, effective_state(enforcement, on)) == ("open", "open")
    # The creditor's own appeal deadline is a task (we decide whether to appeal): it is missed, not passed.
    assert effective_state(by_key[("appeal", suit["case"].creditor_id)], on) == "missed"

    live = list_deadlines(session, suit["counsel"], DeadlineFilters(case_id=suit["case"].id), today=on).items
    assert {d.id for d, _ref, _name in live} == {enforcement.id, by_key[("appeal", suit["case"].creditor_id)].id}
    passed = list_deadlines(session, suit["counsel"], DeadlineFilters(case_id=suit["case"].id, state="passed"),
                            today=on).items
    assert {d.id for d, _ref, _name in passed} == {d.id for d in events}
    assert dashboard_summary(session, suit["counsel"], today=on)["overdue"] == 1  # the creditor's appeal only

    # An event stored open (or missed) before this rule is closed as passed by the daily run, not reminded.
    effective = by_key[("judgment_effective", None)]
    effective.state = "missed"
    session.flush()
    mark_missed(session, on)
    assert effective.state == "passed" and enforcement.state == "open"
    session.flush()
    send_reminders(session, D(2026, 2, 26))  # the day after it took effect: no overdue reminder for it
    assert not any("判决生效" in text for text in _notification_texts(session, suit["counsel"]))


def _notification_texts(session, user):
    from legalops.deadlines.models import Notification

    return [n.text for n in session.execute(select(Notification).where(Notification.user_id == user.id)).scalars()]


def test_recorded_effective_date_and_roll_over_national_day(session, suit):
    judgment = _judgment(session, suit, decided_on=D(2024, 8, 1), effective_on=D(2024, 9, 15),
                         parties=[AwardIn(party_id=suit["borrower"].id, liability="joint_and_several",
                                          amount="800000.10")])
    clocks = queries.judgment_clocks(session, judgment)
    assert clocks.performance_end.due_on == D(2024, 9, 25)
    # 25 Sep 2026 is in the 25-27 Sep holiday: the two-year deadline rolls to Monday 28 Sep, not provisional.
    assert clocks.enforcement_deadline.due_on == D(2026, 9, 28) and not clocks.enforcement_deadline.provisional


def test_service_recorded_later_completes_the_clocks(session, suit):
    judgment = _judgment(session, suit, parties=[
        AwardIn(party_id=suit["borrower"].id, liability="joint_and_several", amount="800000.10")])
    assert queries.judgment_clocks(session, judgment).effective is None
    services.record_service(session, suit["case"], judgment, ServiceIn(party_id=suit["borrower"].id,
                                                                        served_on=D(2026, 4, 20)), suit["counsel"])
    clocks = queries.judgment_clocks(session, judgment)
    # 20 Apr + 15 = 5 May, inside the 1-5 May holiday: appeal ends 6 May, effective 7 May, performance 17 May
    # (Sunday) -> 18 May.
    assert clocks.parties[0].appeal.due_on == D(2026, 5, 6)
    assert clocks.effective.due_on == D(2026, 5, 7)
    assert clocks.performance_end.due_on == D(2026, 5, 18)


def test_ruling_appeal_is_ten_days_and_abroad_thirty(session, suit):
    judgment = _judgment(session, suit, document_kind="ruling", parties=[
        AwardIn(party_id=suit["borrower"].id, served_on=D(2026, 3, 2), liability="joint_and_several", amount="1"),
        AwardIn(party_id=suit["guarantor"].id, served_on=D(2026, 3, 2), domiciled_in_china=False,
                liability="general_guarantee", amount="1")])
    due = [row.appeal.due_on for row in queries.judgment_clocks(session, judgment).parties]
    assert due == [D(2026, 3, 12), D(2026, 4, 1)]
