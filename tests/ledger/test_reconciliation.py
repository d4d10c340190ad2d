"""Statement import (headers, encodings, overlap, malformed rows), matching (auto/manual/split/unrelated), month close."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from ledger_support import ledger_case
from sqlalchemy import func, select
from statement_samples import ICBC_HEADER, csv_bytes, xlsx_bytes

from legalops.audit.models import AuditEntry
from legalops.cases.importing.reader import FileProblem
from legalops.core.errors import DomainError
from legalops.ledger.models import LedgerEntry
from legalops.ledger.reconciliation import queries as rec_queries
from legalops.ledger.reconciliation import services as rec
from legalops.ledger.reconciliation.models import LineMatch, StatementLine
from legalops.ledger.reconciliation.months import close_month
from legalops.ledger.reconciliation.statement import MappingNeeded
from legalops.ledger.services import allocations_of, post_recovery, reverse_entry

D = Decimal
DAY = dt.date(2025, 3, 10)


@pytest.fixture
def world(any_session):
    actor = f.user(any_session, "finance")
    account = rec.create_account(any_session, name="回款专户", bank="工商银行", account_number="6222 0000 1111 2222",
                                 actor=actor)
    case = ledger_case(any_session, actor, principal="50000.00", interest="0.00")
    return any_session, actor, account, case


def _lines(session, account):
    return list(session.execute(select(StatementLine).where(StatementLine.account_id == account.id)
                                .order_by(StatementLine.id)).scalars())


def test_icbc_csv_headers_recognised_debits_skipped(world):
    session, actor, account, _case = world
    data = csv_bytes(ICBC_HEADER, [["2025-03-10", "SN001", "张三", "6222", "还款", "", "1,000.00", "9"],
                                   ["2025/03/11", "SN002", "某公司", "6222", "手续费", "15.00", "", "8"],
                                   ["20250312", "SN003", "李四", "6222", "还款", "", "200", "7"]])
    outcome = rec.import_statement(session, account, data, filename="icbc.csv", actor=actor)
    assert (outcome.new, outcome.duplicates, outcome.debits) == (2, 0, 1)
    lines = _lines(session, account)
    assert [(x.booked_on, x.amount, x.serial) for x in lines] == [
        (dt.date(2025, 3, 10), D("1000.00"), "SN001"), (dt.date(2025, 3, 12), D("200.00"), "SN003")]


def test_gbk_file_with_other_bank_headers(world):
    session, actor, account, _case = world
    data = csv_bytes(["记账日期", "收入金额", "对方账户名称", "附言"],
                     [["2025年3月10日", "88.80", "上海某某（集团）有限公司", "代偿款"]], encoding="gbk")
    outcome = rec.import_statement(session, account, data, filename="gbk.csv", actor=actor)
    assert outcome.new == 1
    line = _lines(session, account)[0]
    assert (line.payer, line.memo, line.amount) == ("上海某某(集团)有限公司", "代偿款", D("88.80"))


def test_overlapping_reimport_creates_no_duplicates(world):
    session, actor, account, _case = world
    first = [["2025-03-10", "SN1", "张三", "", "还款", "", "10", ""], ["2025-03-11", "SN2", "张三", "", "还款", "", "20", ""]]
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, first), filename="a.csv", actor=actor)
    overlap = first[1:] + [["2025-03-12", "SN3", "张三", "", "还款", "", "30", ""]]
    outcome = rec.import_statement(session, account, xlsx_bytes(ICBC_HEADER, overlap, [["账户明细查询"]]),
                                   filename="b.xlsx", actor=actor)
    assert (outcome.new, outcome.duplicates) == (1, 1)
    # Without 流水号 the content and its occurrence count are the key: two identical payments stay two lines.
    header = ["交易日期", "贷方发生额", "对方户名", "摘要"]
    same = [["2025-03-13", "5.00", "王五", "还款"], ["2025-03-13", "5.00", "王五", "还款"]]
    assert rec.import_statement(session, account, csv_bytes(header, same), filename="c.csv", actor=actor).new == 2
    again = rec.import_statement(session, account, csv_bytes(header, same + [["2025-03-13", "5.00", "王五", "还款"]]),
                                 filename="d.csv", actor=actor)
    assert (again.new, again.duplicates) == (1, 2)
    assert len(_lines(session, account)) == 6


def test_malformed_rows_name_row_and_field_and_import_nothing(world):
    session, actor, account, _case = world
    data = csv_bytes(ICBC_HEADER, [["2025-03-10", "SN1", "张三", "", "", "", "10.00", ""],
                                   ["2025-02-30", "SN2", "张三", "", "", "", "10.00", ""],
                                   ["2025-03-11", "SN3", "张三", "", "", "", "1.005", ""]])
    with pytest.raises(rec.StatementErrors) as exc:
        rec.import_statement(session, account, data, filename="bad.csv", actor=actor)
    assert [(e["row"], e["field"], e["column"]) for e in exc.value.errors] == [(3, "booked_on", "交易日期"),
                                                                                (4, "amount", "贷方发生额")]
    assert _lines(session, account) == []
    with pytest.raises(FileProblem):
        rec.import_statement(session, account, b"%PDF-1.4 not a statement", filename="x.pdf", actor=actor)


def test_unknown_headers_need_a_mapping_that_is_remembered(world):
    session, actor, account, _case = world
    data = csv_bytes(["Value date", "Credit", "Name", "Details"], [["2025-03-10", "12.00", "张三", "HT-1"]])
    with pytest.raises(MappingNeeded) as exc:
        rec.import_statement(session, account, data, filename="en.csv", actor=actor)
    assert exc.value.headers == ["Value date", "Credit", "Name", "Details"]
    mapping = {"booked_on": "Value date", "amount": "Credit", "payer": "Name", "memo": "Details"}
    assert rec.import_statement(session, account, data, filename="en.csv", actor=actor, mapping=mapping).new == 1
    assert account.column_mapping["amount"] == "Credit"
    more = csv_bytes(["Value date", "Credit", "Name", "Details"], [["2025-03-11", "13.00", "张三", "HT-2"]])
    assert rec.import_statement(session, account, more, filename="en2.csv", actor=actor).new == 1


def test_auto_match_by_reference_or_payer_ambiguous_left(world):
    session, actor, account, case = world
    other = ledger_case(session, actor, principal="50000.00", interest="0.00")
    by_ref = rec.expect_recovery(session, case_id=case.id, amount=D("1000.00"), expected_on=DAY,
                                 source="settlement_instalment", payer="别人")
    by_payer = rec.expect_recovery(session, case_id=other.id, amount=D("2000.00"), expected_on=DAY,
                                   source="court_enforcement", payer="上海市浦东新区人民法院")
    for _ in range(2):  # two identical expectations from different cases: a human must choose
        rec.expect_recovery(session, case_id=ledger_case(session, actor).id, amount=D("3000.00"), expected_on=DAY,
                            source="voluntary_repayment", payer="同名")
    data = csv_bytes(ICBC_HEADER, [
        ["2025-03-12", "A1", "张三", "", f"还款 {case.reference}", "", "1000.00", ""],
        ["2025-03-08", "A2", "上海市浦东新区人民法院", "", "执行款", "", "2000.00", ""],
        ["2025-03-09", "A3", "同名", "", "还款", "", "3000.00", ""],
        ["2025-04-30", "A4", "上海市浦东新区人民法院", "", "执行款", "", "2000.00", ""]])
    outcome = rec.import_statement(session, account, data, filename="m.csv", actor=actor)
    assert (outcome.matched, outcome.manual) == (2, 2)
    assert by_ref.status == by_payer.status == "matched"
    entries = session.execute(select(LedgerEntry).where(LedgerEntry.case_id.in_([case.id, other.id]))
                              .order_by(LedgerEntry.id)).scalars().all()
    assert {(e.case_id, e.amount, e.source, e.received_on) for e in entries} == {
        (case.id, D("1000.00"), "settlement_instalment", dt.date(2025, 3, 12)),
        (other.id, D("2000.00"), "court_enforcement", dt.date(2025, 3, 8))}
    assert [x.status for x in _lines(session, account)] == ["matched", "matched", "open", "open"]


def test_manual_split_unrelated(world):
    session, actor, account, case = world
    other = ledger_case(session, actor)
    data = csv_bytes(ICBC_HEADER, [["2025-03-10", "B1", "张三", "", "", "", "700.00", ""],
                                   ["2025-03-10", "B2", "担保公司", "", "代偿", "", "1000.00", ""],
                                   ["2025-03-10", "B3", "本行", "", "利息", "", "1.23", ""]])
    rec.import_statement(session, account, data, filename="s.csv", actor=actor)
    single, several, unrelated = _lines(session, account)
    with pytest.raises(DomainError) as exc:
        rec.match_line(session, single, case_reference="NO-SUCH", source="voluntary_repayment", actor=actor)
    assert exc.value.field == "case"
    rec.match_line(session, single, case_reference=case.reference, source="voluntary_repayment", actor=actor)
    assert single.status == "matched"
    with pytest.raises(DomainError):
        rec.match_line(session, single, case_reference=case.reference, source="voluntary_repayment", actor=actor)
    with pytest.raises(DomainError) as exc:
        rec.split_line(session, several, [(case.reference, D("600.00")), (other.reference, D("399.99"))],
                       source="guarantor_payment", actor=actor)
    assert exc.value.field == "parts" and several.status == "open"
    rec.split_line(session, several, [(case.reference, D("600.00")), (other.reference, D("400.00"))],
                   source="guarantor_payment", actor=actor)
    matches = session.execute(select(LineMatch).where(LineMatch.line_id == several.id)).scalars().all()
    assert sorted(m.amount for m in matches) == [D("400.00"), D("600.00")] and several.status == "split"
    with pytest.raises(DomainError):
        rec.mark_unrelated(session, unrelated, " ", actor)
    rec.mark_unrelated(session, unrelated, "结息", actor)
    assert (unrelated.status, unrelated.reason) == ("unrelated", "结息")
    assert session.execute(select(func.count()).select_from(LedgerEntry)
                           .where(LedgerEntry.case_id.in_([case.id, other.id]))).scalar_one() == 3


def test_month_close_locks_and_late_corrections_go_to_the_open_month(world):
    session, actor, account, case = world
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "C1", "张三", "", "", "", "500", ""],
                                                                   ["2025-03-11", "C2", "张三", "", "", "", "9", ""]]),
                         filename="c.csv", actor=actor)
    first, second = _lines(session, account)
    rec.match_line(session, first, case_reference=case.reference, source="voluntary_repayment", actor=actor)
    with pytest.raises(DomainError, match="still wait"):
        close_month(session, "2025-03", actor)
    with pytest.raises(DomainError):
        close_month(session, "2999-01", actor)
    rec.mark_unrelated(session, second, "退款", actor)
    close_month(session, "2025-03", actor)
    with pytest.raises(DomainError, match="already closed"):
        close_month(session, "2025-03", actor)
    entry = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case.id)).scalar_one()
    assert entry.period == "2025-03"
    mirror = reverse_entry(session, entry, "wrong case", actor)
    assert (mirror.period, mirror.received_on) == ("2025-04", dt.date(2025, 3, 10))
    late = post_recovery(session, case_id=case.id, amount=D("500.00"), received_on=dt.date(2025, 3, 10),
                         source="voluntary_repayment", payer="张三", reference="C1", actor=actor)
    assert late.period == "2025-04" and allocations_of(session, late) == {"principal": D("500.00")}


def _waiting(session):
    return {line.id: remaining for line, _account, remaining in rec_queries.list_open_lines(session)}


def test_reversing_a_matched_entry_reopens_the_line_for_the_right_case(world):
    session, actor, account, case = world
    other = ledger_case(session, actor, principal="50000.00", interest="0.00")
    expected = rec.expect_recovery(session, case_id=case.id, amount=D("800.00"), expected_on=DAY,
                                   source="voluntary_repayment", payer="张三")
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "R1", "张三", "", "", "", "800", ""]]),
                         filename="r.csv", actor=actor)
    line = _lines(session, account)[0]
    assert line.status == "matched" and expected.status == "matched"
    entry = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case.id)).scalar_one()
    mirror = reverse_entry(session, entry, "paid for the other case", actor)
    assert line.status == "open" and expected.status == "open"
    assert _waiting(session) == {line.id: D("800.00")}
    audit = session.execute(select(AuditEntry).where(AuditEntry.action == "reopen",
                                                     AuditEntry.object_id == line.id)).scalar_one()
    assert audit.after["reversal"] == mirror.id and audit.after["unmatched"] == "800.00"
    rec.match_line(session, line, case_reference=other.reference, source="voluntary_repayment", actor=actor)
    assert line.status == "matched" and _waiting(session) == {}
    posted = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == other.id)).scalar_one()
    assert (posted.amount, posted.period) == (D("800.00"), "2025-03")


def test_reversing_one_part_of_a_split_leaves_that_part_to_match(world):
    session, actor, account, case = world
    other, third = (ledger_case(session, actor, principal="50000.00", interest="0.00") for _ in range(2))
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "S1", "担保公司", "", "", "", "1000", ""]]),
                         filename="s.csv", actor=actor)
    line = _lines(session, account)[0]
    first, second = rec.split_line(session, line, [(case.reference, D("600.00")), (other.reference, D("400.00"))],
                                   source="guarantor_payment", actor=actor)
    reverse_entry(session, session.get(LedgerEntry, second.entry_id), "not this case", actor)
    assert line.status == "open" and rec.unmatched_amount(session, line) == D("400.00")
    assert _waiting(session) == {line.id: D("400.00")}
    with pytest.raises(DomainError) as exc:  # only the unmatched remainder can be split again
        rec.split_line(session, line, [(third.reference, D("600.00")), (other.reference, D("400.00"))],
                       source="guarantor_payment", actor=actor)
    assert exc.value.field == "parts"
    rec.match_line(session, line, case_reference=third.reference, source="guarantor_payment", actor=actor)
    assert line.status == "split" and rec.unmatched_amount(session, line) == D("0.00")
    assert [m.case_id for m in rec.active_matches(session, line)] == [case.id, third.id]
    assert session.execute(select(LedgerEntry.amount).where(LedgerEntry.case_id == third.id)).scalar_one() == D("400.00")
    assert first.entry_id in {m.entry_id for m in rec.active_matches(session, line)}


def test_reversal_after_month_close_reopens_the_line_in_the_open_month(world):
    session, actor, account, case = world
    other = ledger_case(session, actor, principal="50000.00", interest="0.00")
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "M1", "张三", "", "", "", "500", ""]]),
                         filename="m.csv", actor=actor)
    line = _lines(session, account)[0]
    rec.match_line(session, line, case_reference=case.reference, source="voluntary_repayment", actor=actor)
    close_month(session, "2025-03", actor)
    entry = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case.id)).scalar_one()
    reverse_entry(session, entry, "wrong case", actor)
    assert (line.status, line.period) == ("open", "2025-04")
    with pytest.raises(DomainError, match="still wait"):
        close_month(session, "2025-04", actor)
    rec.match_line(session, line, case_reference=other.reference, source="voluntary_repayment", actor=actor)
    posted = session.execute(select(LedgerEntry).where(LedgerEntry.case_id == other.id)).scalar_one()
    assert (posted.period, posted.received_on) == ("2025-04", dt.date(2025, 3, 10))


def test_months_close_in_sequence(world):
    session, actor, account, case = world
    rec.import_statement(session, account, csv_bytes(ICBC_HEADER, [["2025-03-10", "Q1", "张三", "", "", "", "5", ""]]),
                         filename="q.csv", actor=actor)
    post_recovery(session, case_id=case.id, amount=D("10.00"), received_on=dt.date(2025, 1, 20),
                  source="voluntary_repayment", payer="张三", reference="J", actor=actor)
    post_recovery(session, case_id=case.id, amount=D("20.00"), received_on=dt.date(2025, 4, 2),
                  source="voluntary_repayment", payer="张三", reference="A", actor=actor)
    rec.mark_unrelated(session, _lines(session, account)[0], "退款", actor)
    with pytest.raises(DomainError, match="close 2025-01 before 2025-04") as exc:
        close_month(session, "2025-04", actor)
    assert exc.value.params == {"earlier": "2025-01", "period": "2025-04"}
    close_month(session, "2025-01", actor)
    with pytest.raises(DomainError, match="close 2025-03 before 2025-04"):  # March has only a statement line
        close_month(session, "2025-04", actor)
    close_month(session, "2025-02", actor)  # no entries and no lines: a month in between can be closed too
    close_month(session, "2025-03", actor)
    close_month(session, "2025-04", actor)


def test_ledger_demo_lets_finance_close_the_oldest_open_month(any_session):
    from legalops.ledger.demo import seed_ledger
    from legalops.ledger.reconciliation.months import earliest_open_before

    finance = f.user(any_session, "finance")
    for _ in range(14):
        ledger_case(any_session, finance)
    seed_ledger(any_session)
    oldest = earliest_open_before(any_session, "9999-12")
    assert oldest is not None
    close_month(any_session, oldest, finance)
