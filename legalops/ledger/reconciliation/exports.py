"""XLSX reports: the month's reconciliation (every line and what became of it) and recoveries by portfolio and firm."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import select
from sqlmodel import Session

from legalops.cases.models import Case
from legalops.core.i18n import N_
from legalops.core.spreadsheet import safe_cell
from legalops.ledger.allocation import PART_LABELS, PARTS, UNAPPLIED
from legalops.ledger.models import SOURCES
from legalops.ledger.queries import allocations_by_entry, recovery_rows
from legalops.ledger.reconciliation.models import (
    LINE_STATUSES,
    METHOD_LABELS,
    BankAccount,
    LineMatch,
    StatementLine,
)

MONEY_FORMAT = "#,##0.00"
Translate = Callable[..., str]


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list], first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        # Payer names and memos come from outside: never let one become a formula.
        sheet.append([safe_cell(v) for v in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
    return sheet


def _save(book: Workbook) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def reconciliation_workbook(session: Session, period: str, tr: Translate) -> io.BytesIO:
    """Return the month's statement lines with their status, the cases they paid and the ledger entries posted."""
    lines = session.execute(select(StatementLine, BankAccount.name).join(BankAccount)
                            .where(StatementLine.period == period)
                            .order_by(StatementLine.booked_on, StatementLine.id)).all()
    matches = defaultdict(list)
    for match, reference in session.execute(select(LineMatch, Case.reference).join(Case, Case.id == LineMatch.case_id)
                                            .where(LineMatch.line_id.in_([line.id for line, _ in lines] or [0]))):
        matches[match.line_id].append((match, reference))
    rows = []
    for line, account in lines:
        paid = matches.get(line.id) or [(None, "")]
        for match, reference in paid:
            rows.append([account, line.booked_on, line.serial, line.payer, line.memo, line.amount,
                         tr(LINE_STATUSES[line.status]), reference, match.amount if match else None,
                         match.entry_id if match else None, tr(METHOD_LABELS[match.method]) if match else "", line.reason])
    book = Workbook()
    _sheet(book, tr(N_("Reconciliation")) + " " + period,
           [tr(N_("Account")), tr(N_("Date")), tr(N_("Serial number")), tr(N_("Counterparty name")), tr(N_("Memo")),
            tr(N_("Line amount")), tr(N_("Status")), tr(N_("Case")), tr(N_("Amount to the case")),
            tr(N_("Ledger entry")), tr(N_("Matched")), tr(N_("Reason"))], rows, first=True)
    return _save(book)


def recovery_workbook(session: Session, period: str | None, tr: Translate, case_ids=None) -> io.BytesIO:
    """Return the month's recoveries entry by entry with allocations, and totals by portfolio and by firm."""
    rows = recovery_rows(session, case_ids, period)
    allocations = allocations_by_entry(session, [entry.id for entry, *_ in rows])
    detail, by_portfolio, by_firm = [], defaultdict(lambda: defaultdict(Decimal)), defaultdict(lambda: defaultdict(Decimal))
    for entry, reference, portfolio, firm in rows:
        parts = allocations.get(entry.id, {})
        detail.append([entry.period, entry.received_on, reference, portfolio or "", firm or "", tr(SOURCES[entry.source]),
                       entry.payer, entry.reference, entry.amount, *[parts.get(p, Decimal("0.00")) for p in PARTS],
                       parts.get(UNAPPLIED, Decimal("0.00")), entry.citation, entry.reason])
        for key, totals in ((portfolio or "—", by_portfolio), (firm or "—", by_firm)):
            totals[key]["amount"] += entry.amount
            for p in (*PARTS, UNAPPLIED):
                totals[key][p] += parts.get(p, Decimal("0"))
    part_headers = [tr(PART_LABELS[p]) for p in (*PARTS, UNAPPLIED)]
    book = Workbook()
    _sheet(book, tr(N_("Recoveries")), [tr(N_("Month")), tr(N_("Value date")), tr(N_("Case")), tr(N_("Portfolio")),
                                        tr(N_("Law firm")), tr(N_("Source")), tr(N_("Payer")), tr(N_("Receipt reference")),
                                        tr(N_("Amount")), *part_headers, tr(N_("Allocation basis")), tr(N_("Reason"))],
           detail, first=True)
    for title, totals in ((N_("By portfolio"), by_portfolio), (N_("By firm"), by_firm)):
        _sheet(book, tr(title), [tr(title), tr(N_("Amount")), *part_headers],
               [[key, t["amount"], *[t[p] for p in (*PARTS, UNAPPLIED)]] for key, t in sorted(totals.items())])
    return _save(book)
