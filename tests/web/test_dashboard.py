"""Dashboard: recoveries by month and the recovery rate per portfolio equal the ledger's own figures; overdue
deadlines are listed apart from the coming ones; the ledger page names debtor roles."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import select

from legalops.cases import services as case_services
from legalops.cases.models import Portfolio
from legalops.cases.schemas import LoanIn
from legalops.core.clock import today
from legalops.core.money import format_yuan
from legalops.deadlines.models import Deadline
from legalops.ledger.models import LedgerEntry
from legalops.ledger.queries import recovery_rows
from legalops.ledger.reconciliation.months import close_month
from legalops.ledger.services import post_recovery, reverse_entry

D = Decimal


def _case(session, actor, principal: str, portfolio: Portfolio | None, firm_id: int | None = None):
    case = f.case(session, actor, loan=False, firm_id=firm_id)
    case.portfolio_id = portfolio.id if portfolio else None
    case_services.add_loan(session, case, LoanIn(contract_number=f"DB-{next(f._seq):06d}", principal=D("1000000"),
                                                 outstanding_principal=D(principal)), actor)
    session.flush()
    return case


def _pay(session, case, amount: str, day: dt.date, actor) -> LedgerEntry:
    return post_recovery(session, case_id=case.id, amount=D(amount), received_on=day, source="voluntary_repayment",
                         payer="p", reference="r", actor=actor)


def _row(page: str, portfolio: str) -> dict[str, str]:
    row = page.split(f'data-portfolio="{portfolio}"')[1].split("</tr>")[0]
    return dict(re.findall(r'data-testid="(rate-principal|rate-recovered|rate)"[^>]*>(.*?)</td>', row, re.S))


@pytest.fixture
def ledger_world(session):
    """Two portfolios and a case outside any; recoveries over three months, one reversed after its month closed."""
    finance = f.user(session, "finance")
    counsel = f.user(session, "counsel")
    first = Portfolio(name="2025年第一期", seller="甲银行", acquired_on=dt.date(2024, 12, 1))
    second = Portfolio(name="2025年第二期", seller="乙银行", acquired_on=dt.date(2024, 12, 1))
    session.add_all([first, second])
    session.flush()
    a = _case(session, counsel, "100000.00", first)
    b = _case(session, counsel, "50000.00", first)
    c = _case(session, counsel, "30000.00", second)
    _case(session, counsel, "20000.00", None)
    _pay(session, a, "15000.00", dt.date(2025, 1, 3), finance)
    wrong = _pay(session, a, "1000.10", dt.date(2025, 2, 3), finance)
    close_month(session, "2025-01", finance)  # months close in order
    close_month(session, "2025-02", finance)
    reverse_entry(session, wrong, "错账", finance)  # booked in March: February is closed
    _pay(session, b, "0.20", dt.date(2025, 3, 9), finance)
    _pay(session, c, "7777.77", dt.date(2025, 3, 20), finance)
    session.commit()
    return counsel


def test_recoveries_by_month_equal_the_ledger(app, session, ledger_world):
    client = app.test_client()
    f.login(client, ledger_world)
    page = client.get("/dashboard/").get_data(as_text=True)
    by_period: dict[str, Decimal] = defaultdict(lambda: D("0.00"))
    for entry, *_names in recovery_rows(session):
        by_period[entry.period] += entry.amount
    assert dict(by_period) == {"2025-01": D("15000.00"), "2025-02": D("1000.10"), "2025-03": D("6777.87")}
    shown = dict(re.findall(r'data-testid="month-(\d{4}-\d{2})">([^<]*)<', page))
    assert shown == {period: format_yuan(amount) for period, amount in by_period.items()}


def test_recovery_rate_per_portfolio_equals_the_ledger(app, session, ledger_world):
    client = app.test_client()
    f.login(client, ledger_world)
    page = client.get("/dashboard/").get_data(as_text=True)
    recovered: dict[str, Decimal] = defaultdict(lambda: D("0.00"))
    for entry, _reference, portfolio, _firm in recovery_rows(session):
        recovered[portfolio or "—"] += entry.amount
    assert dict(recovered) == {"2025年第一期": D("15000.20"), "2025年第二期": D("7777.77")}
    # 15,000.20 / 150,000.00 = 10.0001 %; 7,777.77 / 30,000.00 = 25.9259 %; nothing on the 20,000.00 outside.
    first, second, outside = _row(page, "2025年第一期"), _row(page, "2025年第二期"), _row(page, "—")
    assert (first["rate-principal"], first["rate-recovered"]) == (format_yuan(D("150000.00")), format_yuan(D("15000.20")))
    assert first["rate"].strip().endswith("10.0%")
    assert (second["rate-principal"], second["rate-recovered"]) == (format_yuan(D("30000.00")),
                                                                    format_yuan(D("7777.77")))
    assert second["rate"].strip().endswith("25.9%")
    assert (outside["rate-recovered"], outside["rate"].strip()[-4:]) == (format_yuan(D("0.00")), "0.0%")


def _deadline(session, case, title: str, due_on: dt.date, state: str = "open") -> Deadline:
    deadline = Deadline(case_id=case.id, kind="hearing", title=title, due_on=due_on, source="test",
                        source_id=title, state=state)
    session.add(deadline)
    return deadline


def test_overdue_deadlines_are_listed_apart_from_the_coming_ones(app, session):
    counsel = f.user(session, "counsel")
    firm, rival = f.firm(session), f.firm(session)
    case = f.case(session, counsel, firm_id=firm.id)
    other = f.case(session, counsel, firm_id=rival.id)
    day = today()
    for title, offset, state in [("昨日到期", -1, "open"), ("三年前已错过", -1000, "missed"), ("今日到期", 0, "open"),
                                 ("三十日后", 30, "open"), ("三十一日后", 31, "open"), ("已完成", -2, "done")]:
        _deadline(session, case, title, day + dt.timedelta(days=offset), state)
    _deadline(session, other, "他所逾期", day - dt.timedelta(days=3))
    session.commit()
    client = app.test_client()
    f.login(client, f.user(session, "law_firm", firm=firm))
    page = client.get("/dashboard/").get_data(as_text=True)
    coming = page.split('data-testid="coming-deadlines"')[1].split("</table>")[0]
    overdue = page.split('data-testid="overdue-deadlines"')[1].split("</table>")[0]
    assert re.findall(r"<td>([^<]*(?:到期|日后|错过|完成))</td>", coming) == ["今日到期", "三十日后"]
    assert re.findall(r"<td>([^<]*(?:到期|日后|错过|完成|逾期))</td>", overdue) == ["昨日到期", "三年前已错过"]
    assert 'data-testid="overdue-count">2<' in page
    assert "他所逾期" not in page


def test_ledger_page_names_debtor_roles(app, session):
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, debtors=2)
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    client.post("/language", data={"locale": "en", "next": "/"})
    page = client.get(f"/cases/{case.id}/ledger/").get_data(as_text=True)
    roles = re.findall(r'data-testid="liability-\d+"><td>[^<]*</td><td>([^<]*)</td>', page)
    assert roles == ["Borrower", "Joint-liability guarantor (连带责任保证)"]


def test_dashboard_ignores_entries_it_cannot_see(app, session, ledger_world):
    """The firm user's dashboard has no portfolio or month of cases outside their firm."""
    firm = f.firm(session)
    session.commit()
    client = app.test_client()
    f.login(client, f.user(session, "law_firm", firm=firm))
    page = client.get("/dashboard/").get_data(as_text=True)
    assert 'data-testid="month-' not in page and "data-portfolio=" not in page
    assert session.execute(select(LedgerEntry.id)).first() is not None
