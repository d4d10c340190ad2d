"""Ledger and finance through the web and the command line; the dashboard shows the ledger's own figures."""

from __future__ import annotations

import datetime as dt
import io
from contextlib import contextmanager
from decimal import Decimal

import factories as f
import pytest
from click.testing import CliRunner
from ledger_support import ledger_case
from openpyxl import load_workbook
from sqlalchemy import select
from statement_samples import ICBC_HEADER, csv_bytes

from legalops.cli import main
from legalops.core.money import format_yuan
from legalops.ledger.models import LedgerEntry
from legalops.ledger.reconciliation import services as rec
from legalops.ledger.reconciliation.models import StatementLine
from legalops.ledger.services import post_recovery

D = Decimal


@pytest.fixture
def cli_session(app, session, monkeypatch):
    @contextmanager
    def fake():
        yield app, session

    monkeypatch.setattr("legalops.cli.commands.app_session", fake)
    return session


def test_cli_import_statement_and_recovery_report(cli_session, tmp_path):
    session = cli_session
    finance = f.user(session, "finance")
    case = ledger_case(session, finance)
    rec.create_account(session, name="专户", bank="", account_number="6222000011112222", actor=finance)
    rec.expect_recovery(session, case_id=case.id, amount=D("1000.00"), expected_on=dt.date(2025, 3, 10),
                        source="court_enforcement", payer="某法院")
    rows = [["2025-03-10", "S1", "某法院", "", "执行款", "", "1000.00", ""],
            ["2025-03-11", "S2", "=cmd|' /C calc'!A0", "", "还款", "", "5.00", ""]]
    path = tmp_path / "s.csv"
    path.write_bytes(csv_bytes(ICBC_HEADER, rows, encoding="gbk"))
    result = CliRunner().invoke(main, ["import-statement", str(path), "--account", "6222 0000 1111 2222"])
    assert result.exit_code == 0, result.output
    assert "matched: 1\nleft for manual matching: 1\nskipped as duplicates: 0" in result.output
    again = CliRunner().invoke(main, ["import-statement", str(path), "--account", "专户"])
    assert "matched: 0\nleft for manual matching: 0\nskipped as duplicates: 2" in again.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(ICBC_HEADER, [["2025-13-01", "S9", "x", "", "", "", "1", ""]]))
    failed = CliRunner().invoke(main, ["import-statement", str(bad), "--account", "专户"])
    assert failed.exit_code != 0 and "row 2, 交易日期" in failed.output and "nothing imported" in failed.output

    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(main, ["recovery-report", "--month", "2025-03", "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][2] == case.reference and Decimal(str(rows[1][8])) == D("1000.00")
    # The entry's reference is the bank serial, not a case number (案件编号 sits in the 案件 column already).
    assert rows[1][7] == "S1" and rows[0][7] == "收款凭证号"
    assert [r[0] for r in book.worksheets[1].iter_rows(values_only=True)][0]
    assert CliRunner().invoke(main, ["recovery-report", "--month", "2025-3", "--out", str(out)]).exit_code != 0


def test_reconciliation_export_neutralises_formulas(app, session):
    finance = f.user(session, "finance")
    account = rec.create_account(session, name="专户", bank="", account_number="6222000011113333", actor=finance)
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-11", "S2", "=HYPERLINK(\"x\")", "", "@SUM(1)",
                                                                     "", "5.00", ""]]), filename="x.csv", actor=finance)
    client = app.test_client()
    f.login(client, finance)
    response = client.get("/finance/reports/reconciliation.xlsx?month=2025-03")
    assert response.status_code == 200
    cells = [c for row in load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows(values_only=True) for c in row]
    assert "'=HYPERLINK(\"x\")" in cells and "'@SUM(1)" in cells


def test_ledger_page_posts_and_reverses(app, session):
    counsel, finance = f.user(session, "counsel"), f.user(session, "finance")
    case = ledger_case(session, counsel, principal="1000.00", interest="100.00")
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    bad = client.post(f"/cases/{case.id}/ledger/recoveries", data={"amount": "abc", "received_on": "2025-01-01",
                                                                   "source": "voluntary_repayment"})
    assert bad.status_code == 422 and b'value="abc"' in bad.data
    ok = client.post(f"/cases/{case.id}/ledger/recoveries", data={"amount": "300", "received_on": "2025-01-01",
                                                                  "source": "voluntary_repayment", "payer": "张三"})
    assert ok.status_code == 302
    page = client.get(f"/cases/{case.id}/ledger/?as_of=2025-01-01").get_data(as_text=True)
    assert "第五百六十一条" in page and format_yuan(D("800.00")) in page
    # The post form asks for the receipt's reference (bank serial), not for a case number.
    assert "收款凭证号" in page and ">案件编号<" not in page
    entry = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case.id)).scalar_one()
    assert client.post(f"/cases/{case.id}/ledger/entries/{entry.id}/reverse", data={"reason": "x"}).status_code == 403
    finance_client = app.test_client()
    f.login(finance_client, finance)
    assert finance_client.post(f"/cases/{case.id}/ledger/entries/{entry.id}/reverse",
                               data={"reason": ""}).status_code == 422
    assert finance_client.post(f"/cases/{case.id}/ledger/entries/{entry.id}/reverse",
                               data={"reason": "错账"}).status_code == 302
    page = client.get(f"/cases/{case.id}/ledger/?as_of=2025-01-01").get_data(as_text=True)
    assert format_yuan(D("1100.00")) in page
    plan = client.post(f"/cases/{case.id}/ledger/plans", data={"agreed_on": "2025-01-05",
                                                               "instalments": "2025-02-01 100\n2025-03-01 bad"})
    assert plan.status_code == 422 and "第 2 行" in plan.get_data(as_text=True)


def test_dashboard_equals_ledger_and_is_scoped(app, session):
    counsel = f.user(session, "counsel")
    firm_a, firm_b = f.firm(session), f.firm(session)
    own = ledger_case(session, counsel, firm_id=firm_a.id)
    other = ledger_case(session, counsel, firm_id=firm_b.id)
    for case, amounts in ((own, ["1000.10", "0.10", "0.20"]), (other, ["7777.77"])):
        for i, amount in enumerate(amounts):
            post_recovery(session, case_id=case.id, amount=D(amount), received_on=dt.date(2025, 1 + i, 3),
                          source="voluntary_repayment", payer="p", reference="r", actor=counsel)
    entry = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == own.id)
                            .order_by(LedgerEntry.id)).scalars().first()
    from legalops.ledger.services import reverse_entry

    reverse_entry(session, entry, "wrong", counsel)
    session.commit()
    entries = session.execute(select(LedgerEntry.case_id, LedgerEntry.amount)).all()
    client = app.test_client()
    f.login(client, counsel)
    page = client.get("/dashboard/").get_data(as_text=True)
    total = sum((a for _, a in entries), D(0))
    assert f'data-testid="recovered-total">{format_yuan(total)}<' in page
    firm_user = app.test_client()
    f.login(firm_user, f.user(session, "law_firm", firm=firm_a))
    page = firm_user.get("/dashboard/").get_data(as_text=True)
    own_total = sum((a for c, a in entries if c == own.id), D(0))
    assert own_total == D("0.30")
    assert f'data-testid="recovered-total">{format_yuan(own_total)}<' in page
    assert format_yuan(D("7777.77")) not in page and firm_b.name not in page


def test_a_settled_line_shows_the_cases_and_entries_it_paid(app, session):
    finance = f.user(session, "finance")
    case, other = ledger_case(session, finance), ledger_case(session, finance)
    account = rec.create_account(session, name="专户", bank="", account_number="6222000011114444", actor=finance)
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "P1", "担保公司", "", "代偿", "",
                                                                     "1000.00", ""]]), filename="p.csv", actor=finance)
    line = session.execute(select(StatementLine).where(StatementLine.account_id == account.id)).scalar_one()
    rec.split_line(session, line, [(case.reference, D("600.00")), (other.reference, D("400.00"))],
                   source="guarantor_payment", actor=finance)
    session.commit()
    client = app.test_client()
    f.login(client, finance)
    page = client.get(f"/finance/lines/{line.id}").get_data(as_text=True)
    assert 'data-testid="line-matches"' in page
    for c, amount in ((case, "600.00"), (other, "400.00")):
        assert f"/cases/{c.id}/ledger/" in page and c.reference in page and format_yuan(D(amount)) in page


def test_a_reversed_part_of_a_split_waits_with_what_is_left(app, session):
    from legalops.ledger.services import reverse_entry

    finance = f.user(session, "finance")
    case, other = ledger_case(session, finance), ledger_case(session, finance)
    account = rec.create_account(session, name="专户", bank="", account_number="6222000011115555", actor=finance)
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "Q1", "担保公司", "", "代偿", "",
                                                                     "1000.00", ""]]), filename="q.csv", actor=finance)
    line = session.execute(select(StatementLine).where(StatementLine.account_id == account.id)).scalar_one()
    _first, second = rec.split_line(session, line, [(case.reference, D("600.00")), (other.reference, D("400.00"))],
                                    source="guarantor_payment", actor=finance)
    mirror = reverse_entry(session, session.get(LedgerEntry, second.entry_id), "wrong case", finance)
    session.commit()
    client = app.test_client()
    f.login(client, finance)
    queue = client.get("/finance/").get_data(as_text=True)
    assert f'data-testid="line-{line.id}"' in queue and format_yuan(D("400.00")) in queue
    page = client.get(f"/finance/lines/{line.id}").get_data(as_text=True)
    assert 'data-testid="remaining"' in page and f"#{mirror.id}" in page and 'data-testid="match-form"' in page
