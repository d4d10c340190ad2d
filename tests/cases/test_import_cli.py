"""`legalops import-portfolio FILE`: the same import and report as the web page, with an exit code."""

from __future__ import annotations

import factories as f
import pytest
from import_samples import CREDITOR, csv_bytes, loan_row, xlsx_bytes
from sqlalchemy import func, select

from legalops.cases.importing.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, run_import
from legalops.cases.models import Loan


@pytest.fixture
def admin(session):
    return f.user(session, "admin")


def loans(session) -> int:
    return session.execute(select(func.count()).select_from(Loan)).scalar_one()


def test_valid_file_is_imported_and_counted(app, session, admin, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    path = tmp_path / "tape.xlsx"
    path.write_bytes(xlsx_bytes([loan_row(1), loan_row(2)]))
    with app.app_context():
        code = run_import(session, path, "CLI资产包", admin.username, CREDITOR["creditor_name"],
                          CREDITOR["creditor_id_number"])
    assert code == EXIT_OK
    assert "2 cases imported, 0 rows skipped" in capsys.readouterr().out
    assert loans(session) == 2
    with app.app_context():
        assert run_import(session, path, "CLI资产包", admin.username) == EXIT_OK  # creditor from the portfolio
    assert "0 cases imported, 2 rows skipped" in capsys.readouterr().out


def test_invalid_file_prints_each_error_and_exits_non_zero(app, session, admin, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    path = tmp_path / "tape.csv"
    path.write_bytes(csv_bytes([loan_row(1, 本金="abc"), loan_row(2, 合同编号="HT-000001")], encoding="gbk"))
    with app.app_context():
        code = run_import(session, path, "P", "", CREDITOR["creditor_name"], CREDITOR["creditor_id_number"])
    err = capsys.readouterr().err
    assert code == EXIT_INVALID
    assert "Row 2, 本金 (Principal lent): Enter an amount such as 1234.56." in err
    assert "Row 3, 合同编号 (Contract number): Contract number HT-000001 also appears in row 2." in err
    assert "Nothing was imported: 2 of 2 rows have errors." in err
    assert loans(session) == 0


def test_not_a_spreadsheet_exits_non_zero(app, session, admin, tmp_path, capsys):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with app.app_context():
        assert run_import(session, path, "P", "") == EXIT_INVALID
    assert capsys.readouterr().err.strip()


def test_unknown_user_is_a_usage_error(app, session, tmp_path):
    path = tmp_path / "tape.csv"
    path.write_bytes(csv_bytes([loan_row(1)]))
    with app.app_context():
        assert run_import(session, path, "P", "nobody") == EXIT_USAGE
