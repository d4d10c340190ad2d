"""Claim deadlines follow the case's loans and parties on every commit; provisional dates without a holiday table."""

import datetime as dt
import json

import factories as f
import pytest
from sqlalchemy import select

from legalops.cases import services as case_services
from legalops.cases.models import CaseParty, Loan
from legalops.core import calendar as cal
from legalops.db.session import commit
from legalops.deadlines.models import Deadline
from legalops.deadlines.periods import last_day_or_provisional
from legalops.deadlines.refresh import recompute_provisional

D = dt.date


def _deadlines(session, case):
    rows = session.execute(select(Deadline).where(Deadline.case_id == case.id).order_by(Deadline.id)).scalars()
    return {(d.kind, d.party_id): d for d in rows}


@pytest.fixture
def calendar_2027(tmp_path, monkeypatch):
    """Point the calendar at an override directory; the test writes 2027.json into it when it wants the year."""
    monkeypatch.setenv(cal.ENV_DIR, str(tmp_path))
    cal.reload()
    yield tmp_path
    monkeypatch.delenv(cal.ENV_DIR)
    cal.reload()


def _set_maturity(session, case, day):
    loan = session.execute(select(Loan).where(Loan.case_id == case.id)).scalar_one()
    loan.maturity_date = day
    commit(session)


def test_limitation_and_guarantee_deadlines_follow_the_case(session):
    counsel = f.user(session)
    case = f.case(session, counsel, debtors=2)
    _set_maturity(session, case, D(2025, 3, 14))
    borrower, guarantor = session.execute(select(CaseParty).where(CaseParty.case_id == case.id)
                                          .order_by(CaseParty.id)).scalars()
    rows = _deadlines(session, case)
    limitation = rows[("limitation", borrower.party_id)]
    # 2028-03-14 is a Tuesday; 3 years from the due date (民法典 art. 188).
    assert (limitation.due_on, limitation.state, limitation.provisional) == (D(2028, 3, 14), "open", True)
    assert "第一百八十八条" in limitation.citation and limitation.responsible_id == counsel.id
    period = rows[("guarantee_period", guarantor.party_id)]
    assert period.due_on == D(2025, 9, 14) and "第六百九十二条" in period.citation
    assert not period.provisional

    # A changed maturity moves both on the next commit, with no explicit call.
    _set_maturity(session, case, D(2025, 4, 30))
    assert _deadlines(session, case)[("guarantee_period", guarantor.party_id)].due_on == D(2025, 10, 30)

    # Removing the guarantor cancels its deadline rather than leaving it open.
    case_services.remove_debtor(session, case, guarantor, counsel)
    commit(session)
    assert period.state == "cancelled"


def test_missing_year_is_provisional_and_recompute_fixes_it(session, calendar_2027):
    counsel = f.user(session)
    case = f.case(session, counsel)
    _set_maturity(session, case, D(2024, 7, 3))
    (deadline,) = _deadlines(session, case).values()
    # 2027-07-03 is a Saturday; without 2027's table the date is not rolled (conservative) and flagged.
    assert (deadline.due_on, deadline.provisional) == (D(2027, 7, 3), True)
    assert "节假日表缺失" in deadline.provisional_note and "2027年" in deadline.provisional_note
    assert "No holiday calendar" not in deadline.provisional_note
    assert recompute_provisional(session)["still_provisional"] == 1
    (calendar_2027 / "2027.json").write_text(json.dumps(
        {"year": 2027, "holidays": ["2027-07-05"], "makeup_workdays": [], "source": "test notice"}))
    result = recompute_provisional(session)
    assert result == {"cases": 1, "without_refresher": 0, "still_provisional": 0}
    assert (deadline.due_on, deadline.provisional, deadline.provisional_note) == (D(2027, 7, 6), False, "")


def test_helper_rolls_weekends_only_when_the_year_is_missing(calendar_2027):
    due = last_day_or_provisional(D(2027, 7, 3))
    assert due.due_on == D(2027, 7, 5) and "2027" in due.provisional_note
    assert last_day_or_provisional(D(2027, 7, 3), backward=True).due_on == D(2027, 7, 2)
    assert last_day_or_provisional(D(2026, 10, 1)) == (D(2026, 10, 8), None)  # National Day week, real table
    (calendar_2027 / "2027.json").write_text(json.dumps(
        {"year": 2027, "holidays": ["2027-07-05"], "makeup_workdays": [], "source": "test notice"}))
    cal.reload()
    assert last_day_or_provisional(D(2027, 7, 3)) == (D(2027, 7, 6), None)
