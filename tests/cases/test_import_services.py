"""The import command on PostgreSQL and SQLite: all rows or nothing, row-and-field errors, no duplicates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from import_samples import CREDITOR, HEADERS, company_id, csv_bytes, loan_row, person_id, xlsx_bytes
from sqlalchemy import func, select

from legalops.assessment.calculators.interest import Rate
from legalops.audit.models import AuditEntry
from legalops.cases.importing.report import describe_error
from legalops.cases.importing.services import creditor_from_form, import_file
from legalops.cases.models import Case, CaseParty, Collateral, Loan, Portfolio
from legalops.parties.models import Party


@pytest.fixture
def counsel(any_session):
    return f.user(any_session, "counsel")


def run(session, data: bytes, actor, portfolio: str = "2025年第一期", creditor=True, **kwargs) -> dict:
    party = creditor_from_form(CREDITOR["creditor_name"], CREDITOR["creditor_id_number"]) if creditor else None
    return import_file(session, data, filename="tape.xlsx", portfolio_name=portfolio, actor=actor, creditor=party,
                       **kwargs)


def count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def errors_by_cell(report: dict) -> dict[tuple[int, str], str]:
    return {(e["row"], e["field"]): e["message"] for e in report["errors"]}


def test_valid_xlsx_creates_cases_with_parties_loans_and_collateral(any_session, counsel):
    report = run(any_session, xlsx_bytes([loan_row(1), loan_row(2)]), counsel)
    assert report["ok"] and report["imported"] == 2
    assert report["counts"] == {"cases": 2, "parties_created": 5, "loans": 2, "collateral": 2, "links": 4}
    loan = any_session.execute(select(Loan).where(Loan.contract_number == "HT-000001")).scalar_one()
    assert loan.principal == Decimal("1000000.00")
    assert loan.outstanding_principal == Decimal("800000.10")
    assert loan.outstanding_penalty == Decimal("4210.00")
    assert loan.contract_rate == Decimal("4.350000")
    assert (loan.disbursed_on, loan.maturity_date, loan.cutoff_date) == (
        dt.date(2023, 1, 15), dt.date(2024, 1, 15), dt.date(2025, 6, 30))
    assert loan.repayment_method == "equal_instalments" and loan.currency == "CNY"
    case = any_session.get(Case, loan.case_id)
    assert case.stage == "intake" and case.reference == f"LO{case.opened_on:%Y}-{case.id:06d}"
    assert case.counsel_id == counsel.id
    assert any_session.get(Portfolio, case.portfolio_id).name == "2025年第一期"
    assert any_session.get(Party, case.creditor_id).name == CREDITOR["creditor_name"]
    roles = dict(any_session.execute(select(Party.name, CaseParty.role).join(CaseParty, CaseParty.party_id == Party.id)
                                     .where(CaseParty.case_id == case.id)).all())
    assert roles == {"借款人1": "borrower", "上海担保1有限公司": "joint_guarantor"}
    item = any_session.execute(select(Collateral).where(Collateral.case_id == case.id)).scalar_one()
    assert (item.kind, item.registered_amount) == ("real_estate", Decimal("1200000.00"))
    borrower = any_session.execute(select(Party).where(Party.name == "借款人1")).scalar_one()
    assert borrower.kind == "person" and borrower.birth_date is not None


def test_every_created_object_is_audited_and_the_batch_once(any_session, counsel):
    run(any_session, xlsx_bytes([loan_row(1), loan_row(2)]), counsel)
    rows = any_session.execute(select(AuditEntry.action, AuditEntry.object_type, func.count())
                               .group_by(AuditEntry.action, AuditEntry.object_type)).all()
    counts = {(action, kind): n for action, kind, n in rows}
    assert counts[("create", "case")] == 2
    assert counts[("create", "party")] == 5
    assert counts[("create", "loan")] == 2
    assert counts[("create", "case_party")] == 4
    assert counts[("create", "collateral")] == 2
    assert counts[("import", "portfolio")] == 1
    entry = any_session.execute(select(AuditEntry).where(AuditEntry.object_type == "loan")
                                 .order_by(AuditEntry.id)).scalars().first()
    assert entry.case_id is not None and entry.after["principal"] == "1000000.00"
    assert entry.actor_id == counsel.id


def test_reimport_skips_known_contracts_and_creates_no_duplicates(any_session, counsel):
    data = xlsx_bytes([loan_row(1), loan_row(2)])
    run(any_session, data, counsel)
    again = run(any_session, xlsx_bytes([loan_row(1), loan_row(2), loan_row(3)]), counsel)
    assert again["ok"] and again["imported"] == 1
    assert again["skipped"] == [{"row": 2, "contract_number": "HT-000001"}, {"row": 3, "contract_number": "HT-000002"}]
    assert count(any_session, Loan) == 3 and count(any_session, Case) == 3
    # The creditor and the known parties are reused, not created again.
    assert count(any_session, Party) == 1 + 2 * 3


def test_reimport_never_overwrites_a_known_loan(any_session, counsel):
    run(any_session, xlsx_bytes([loan_row(1)]), counsel)
    report = run(any_session, xlsx_bytes([loan_row(1, 本金="5")]), counsel)
    assert report["skipped_count"] == 1 and report["imported"] == 0
    assert any_session.execute(select(Loan.principal)).scalar_one() == Decimal("1000000.00")


def test_one_bad_row_imports_nothing_and_names_row_and_field(any_session, counsel):
    bad_id = person_id(2)[:-1] + ("0" if person_id(2)[-1] != "0" else "1")
    report = run(any_session, xlsx_bytes([loan_row(1), loan_row(2, 借款人证件号码=bad_id), loan_row(3)]), counsel)
    assert not report["ok"] and report["imported"] == 0
    assert errors_by_cell(report) == {
        (3, "borrower_id_number"): "The check digit of this resident ID number is wrong; please check for a typo."}
    assert report["errors"][0]["column"] == "借款人证件号码"
    assert count(any_session, Case) == 0 and count(any_session, Party) == 0


def test_duplicate_contract_numbers_in_the_file_name_both_rows(any_session, counsel):
    report = run(any_session, csv_bytes([loan_row(1), loan_row(2), loan_row(3, 合同编号="HT-000001")]), counsel)
    duplicates = [e for e in report["errors"] if e["field"] == "contract_number"]
    assert [(e["row"], e["params"]["other"]) for e in duplicates] == [(2, 4), (4, 2)]
    assert count(any_session, Loan) == 0


def test_thousands_separators_and_full_width_digits_are_amounts(any_session, counsel):
    row = loan_row(1, 本金="１，２３４，５６７．８９", 贷款余额="1,000,000", 欠息="１２３４．５", 罚息及复利="￥1 000",
                   合同利率="４．３５％", 抵押登记金额="２,０００,０００")
    report = run(any_session, csv_bytes([row], encoding="gbk"), counsel)
    assert report["ok"], report["errors"]
    loan = any_session.execute(select(Loan)).scalar_one()
    assert (loan.principal, loan.outstanding_principal, loan.outstanding_interest, loan.outstanding_penalty) == (
        Decimal("1234567.89"), Decimal("1000000.00"), Decimal("1234.50"), Decimal("1000.00"))
    assert loan.contract_rate == Decimal("4.35")
    assert any_session.execute(select(Collateral.registered_amount)).scalar_one() == Decimal("2000000.00")


def test_bad_values_are_reported_cell_by_cell(any_session, counsel):
    rows = [loan_row(1, 本金="一百万", 放款日期="2023-02-30", 抵押物类型="飞船"),
            loan_row(2, 贷款余额="2,000,000"), loan_row(3, 借款人名称="", 合同利率="abc"), loan_row(4, 还款方式="随便还")]
    report = run(any_session, csv_bytes(rows), counsel)
    cells = errors_by_cell(report)
    assert cells[(2, "principal")] == "Enter an amount such as 1234.56."
    assert cells[(2, "disbursed_on")] == "Enter a date as YYYY-MM-DD."
    assert cells[(2, "collateral_kind")] == "Choose one of the listed options."
    assert cells[(3, "outstanding_principal")] == "Outstanding principal cannot exceed the principal lent."
    assert cells[(4, "borrower_name")] == "This field is required."
    assert cells[(4, "contract_rate")] == "Enter an annual rate in percent, such as 4.35."
    assert cells[(5, "repayment_method")] == "Choose one of the listed options."
    assert report["rows_with_errors"] == 4


def test_guarantor_cells_must_line_up(any_session, counsel):
    rows = [
        loan_row(1, 保证人名称="甲公司；乙", 保证人证件号码=company_id(1), 保证方式=""),
        loan_row(2, 保证人名称="甲公司;乙", 保证人证件号码=f"{company_id(2)};{person_id(900)}", 保证方式="连带"),
        loan_row(3, 保证人名称="借款人3", 保证人证件号码=person_id(3), 保证方式="一般"),
    ]
    report = run(any_session, csv_bytes(rows), counsel)
    cells = errors_by_cell(report)
    assert cells[(2, "guarantor_id_numbers")] == "%(names)s guarantors are named but %(numbers)s ID numbers are given."
    assert cells[(3, "guarantee_types")] == "%(names)s guarantors are named but %(types)s guarantee types are given."
    assert cells[(4, "guarantor_id_numbers")] == "The borrower cannot guarantee their own loan."


def test_several_guarantors_per_cell_and_parties_shared_across_rows(any_session, counsel):
    shared = f"{company_id(77)}；{person_id(500)}"
    rows = [loan_row(1, 保证人名称="共同担保有限公司；王五", 保证人证件号码=shared, 保证方式="连带责任保证；一般保证"),
            loan_row(2, 保证人名称="共同担保有限公司;王五", 保证人证件号码=shared.replace("；", ";"), 保证方式="")]
    report = run(any_session, xlsx_bytes(rows), counsel)
    assert report["ok"], report["errors"]
    assert report["counts"]["parties_created"] == 1 + 2 + 2
    roles = any_session.execute(select(Party.name, CaseParty.role).join(CaseParty, CaseParty.party_id == Party.id)
                                .where(Party.name == "王五").order_by(CaseParty.id)).all()
    # A blank guarantee type is a general guarantee (民法典 art. 686).
    assert [role for _, role in roles] == ["general_guarantor", "general_guarantor"]


def test_same_id_number_with_two_names_is_an_error(any_session, counsel):
    report = run(any_session, csv_bytes([loan_row(1), loan_row(2, 借款人证件号码=person_id(1))]), counsel)
    error = report["errors"][0]
    assert (error["row"], error["field"], error["params"]) == (3, "borrower_id_number", {"name": "借款人1", "other": 2})


def test_parties_known_in_the_database_are_reused(any_session, counsel):
    known = f.person("借款人1")
    from legalops.parties.services import save_party

    party = save_party(any_session, known, counsel)
    report = run(any_session, csv_bytes([loan_row(1, 借款人证件号码=known.id_number)]), counsel)
    assert report["ok"] and report["counts"]["parties_created"] == 2
    link = any_session.execute(select(CaseParty).where(CaseParty.role == "borrower")).scalar_one()
    assert link.party_id == party.id


def test_id_numbers_rounded_by_excel_are_explained(any_session, counsel):
    report = run(any_session, xlsx_bytes([loan_row(1, 借款人证件号码=3.10115196001e17)]), counsel)
    assert errors_by_cell(report)[(2, "borrower_id_number")] == "Store ID numbers as text: Excel has rounded this one."


def test_without_a_creditor_each_row_says_where_to_give_one(any_session, counsel):
    report = run(any_session, csv_bytes([loan_row(1)]), counsel, creditor=False)
    assert errors_by_cell(report) == {(2, "creditor_name"): "No creditor: enter it on the import page or in this column."}


def test_creditor_columns_override_the_page_and_later_imports_reuse_the_portfolio_creditor(any_session, counsel):
    other = {"债权人名称": "另一资产管理有限公司", "债权人统一社会信用代码": company_id(999)}
    first = run(any_session, csv_bytes([loan_row(1, **other)]), counsel, creditor=False)
    assert first["ok"], first["errors"]
    second = run(any_session, csv_bytes([loan_row(2)]), counsel, creditor=False)
    assert second["ok"], second["errors"]
    creditors = any_session.execute(select(Party.name).join(Case, Case.creditor_id == Party.id)).scalars().all()
    assert creditors == ["另一资产管理有限公司", "另一资产管理有限公司"]


def test_file_problems_are_reported_not_raised(any_session, counsel):
    report = run(any_session, b"\x89PNG\r\n\x1a\n\x00\x00", counsel)
    assert not report["ok"] and report["file_errors"][0]["message"].startswith("This file is not a spreadsheet")
    assert count(any_session, Portfolio) == 0


def test_progress_is_reported_while_checking_and_writing(any_session, counsel):
    seen = []
    run(any_session, csv_bytes([loan_row(i) for i in range(1200)]), counsel,
        progress=lambda done, total, message: seen.append((done, total, message)))
    assert (500, 1200, "Checking rows") in seen
    assert seen[-1] == (1200, 1200, "Writing cases")
    assert count(any_session, Case) == 1200


def test_floating_rate_terms_are_read_with_the_claim_statements_parser(any_session, counsel):
    rows = [loan_row(1, 浮动利率="1Y LPR + 1.5%"), loan_row(2, 浮动利率="５Ｙ ＬＰＲ － ５０ｂｐ"), loan_row(3, 浮动利率="")]
    report = run(any_session, xlsx_bytes(rows, headers=[*HEADERS, "浮动利率"]), counsel)
    assert report["ok"], report["errors"]
    terms = dict(any_session.execute(select(Loan.contract_number, Loan.rate_terms)).all())
    assert terms == {"HT-000001": "1Y LPR + 1.5%", "HT-000002": "5Y LPR - 50bp", "HT-000003": ""}
    rate = Rate(terms["HT-000002"])
    assert (rate.floating, rate.tenor, rate.spread) == (True, "5Y", Decimal("-0.5"))


def test_unreadable_or_fixed_floating_rate_names_row_field_and_loan(any_session, counsel):
    # The column under one of its aliases; a fixed rate belongs in 合同利率.
    rows = [loan_row(1, 利率条款="LPR加1.5个百分点"), loan_row(2, 利率条款="4.35%"), loan_row(3, 利率条款="1Y LPR + 1.5%")]
    report = run(any_session, csv_bytes(rows, headers=[*HEADERS, "利率条款"]), counsel)
    assert not report["ok"] and report["imported"] == 0
    unreadable = "Loan %(number)s: the floating rate cannot be read (e.g. 1Y LPR + 1.5%%)."
    assert errors_by_cell(report) == {(2, "rate_terms"): unreadable, (3, "rate_terms"): unreadable}
    assert [e["params"] for e in report["errors"]] == [{"number": "HT-000001"}, {"number": "HT-000002"}]
    assert describe_error(report["errors"][0], lambda m, **p: m % p if p else m) == (
        "Row 2, 利率条款 (Floating rate): Loan HT-000001: the floating rate cannot be read (e.g. 1Y LPR + 1.5%).")
    assert count(any_session, Loan) == 0
