"""Every XLSX/CSV export neutralises user text that Excel would run as a formula (=, +, -, @)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import factories as f
from openpyxl import load_workbook
from sqlalchemy import select

from legalops.cases.models import CaseParty
from legalops.ledger.reconciliation.services import expect_recovery
from legalops.ledger.services import post_recovery
from legalops.parties.models import Party

FORMULAS = ["=HYPERLINK(\"http://evil.example\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)"]


def _xlsx_cells(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                # openpyxl reads a stored formula back as data_type "f": there must be none.
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
    return [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]


def _assert_neutral(cells: list, planted: list[str]) -> None:
    texts = [c for c in cells if isinstance(c, str)]
    for value in planted:
        assert "'" + value in texts, f"{value!r} missing or not neutralised"
    assert not [t for t in texts if t and t[0] in "=+-@"], texts


def test_case_export_neutralises_formulas(app, session):
    counsel = f.user(session, "counsel")
    firm = f.firm(session, name=FORMULAS[3])
    case = f.case(session, counsel, firm_id=firm.id)
    case.court_case_number = FORMULAS[1]
    party_id = session.execute(select(CaseParty.party_id).where(CaseParty.case_id == case.id)).scalars().first()
    session.get(Party, party_id).name = FORMULAS[0]
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    response = client.get("/cases/export.xlsx")
    assert response.status_code == 200
    _assert_neutral(_xlsx_cells(response.data), [FORMULAS[0], FORMULAS[1], FORMULAS[3]])


def test_recovery_report_neutralises_formulas(app, session):
    finance, counsel = f.user(session, "finance"), f.user(session, "counsel")
    case = f.case(session, counsel)
    post_recovery(session, case_id=case.id, amount=Decimal("100.00"), received_on=dt.date(2025, 3, 5),
                  source="voluntary_repayment", payer=FORMULAS[0], reference=FORMULAS[3], actor=finance)
    session.commit()
    client = app.test_client()
    f.login(client, finance)
    response = client.get("/finance/reports/recovery.xlsx?month=2025-03")
    assert response.status_code == 200
    _assert_neutral(_xlsx_cells(response.data), [FORMULAS[0], FORMULAS[3]])


def test_sample_statement_csv_neutralises_formulas(app, session):
    finance, counsel = f.user(session, "finance"), f.user(session, "counsel")
    case = f.case(session, counsel)
    for payer in FORMULAS:
        expect_recovery(session, case_id=case.id, amount=Decimal("10.00"), expected_on=dt.date(2025, 1, 10),
                        source="voluntary_repayment", payer=payer)
    session.commit()
    client = app.test_client()
    f.login(client, finance)
    response = client.get("/finance/sample-statement.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.data.decode("gb18030"))))
    _assert_neutral([cell for row in rows for cell in row], FORMULAS)
