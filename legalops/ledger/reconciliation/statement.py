"""Read a bank statement export: recognise the usual Chinese headers (or a remembered mapping), validate every row."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from legalops.cases.importing.reader import FileProblem, _csv_rows, _xlsx_rows, sniff
from legalops.core.i18n import N_
from legalops.core.money import parse_amount

MAX_BYTES = 20 * 1024 * 1024
MAX_LINES = 200_000
HEADER_SEARCH_ROWS = 30

FIELDS = {
    "booked_on": N_("Transaction date"),
    "amount": N_("Credit amount"),
    "payer": N_("Counterparty name"),
    "memo": N_("Memo"),
    "serial": N_("Serial number"),
}
REQUIRED = ("booked_on", "amount")
#: Headers the big banks' exports use, normalised (no spaces, full-width folded); first match wins.
ALIASES = {
    "booked_on": ("交易日期", "记账日期", "交易时间", "入账日期", "日期"),
    "amount": ("贷方发生额", "收入金额", "贷方金额", "收入", "贷方发生额(元)", "收入金额(元)"),
    "payer": ("对方户名", "对方账户名称", "对方名称", "付款人名称", "付款方户名", "对方单位"),
    "memo": ("摘要", "附言", "用途", "备注", "交易附言"),
    "serial": ("流水号", "交易流水号", "银行流水号", "凭证号", "交易序号"),
}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$")


@dataclass
class ParsedLine:
    """One incoming transaction, with its row number in the file."""

    row: int
    booked_on: dt.date
    amount: Decimal
    payer: str
    memo: str
    serial: str
    key: str = ""


@dataclass
class ParsedStatement:
    """The lines of a statement, or the errors that keep any of it from being imported."""

    headers: list[str]
    mapping: dict[str, str]
    lines: list[ParsedLine] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    skipped_debits: int = 0


class MappingNeeded(FileProblem):
    """The headers are not recognised; the user maps them once and the account remembers."""

    def __init__(self, headers: list[str], missing: list[str]):
        super().__init__(N_("The columns for %(fields)s were not recognised; choose them below."), fields=", ".join(missing))
        self.headers = headers
        self.missing = missing


def _norm(value) -> str:
    return unicodedata.normalize("NFKC", str(value or "")).strip().replace(" ", "")


def _match(headers: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Map each field to a column index, by the remembered mapping first, then by the usual headers."""
    normed = [_norm(h) for h in headers]
    found: dict[str, int] = {}
    for name, header in (mapping or {}).items():
        if name in FIELDS and _norm(header) in normed:
            found[name] = normed.index(_norm(header))
    for name, aliases in ALIASES.items():
        if name not in found:
            for alias in aliases:
                if alias in normed:
                    found[name] = normed.index(alias)
                    break
    return found


def parse_date(value) -> dt.date:
    """Parse 2026-01-05, 2026/1/5, 20260105, 2026年1月5日 or a spreadsheet date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _norm(value)
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.match(text)
    if not match:
        raise ValueError("not a date")
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


def line_key(line: ParsedLine, occurrence: int) -> str:
    """Key a line on its 流水号, or on a hash of its content and its occurrence among identical lines."""
    if line.serial:
        return f"sn:{line.serial}"[:80]
    content = f"{line.booked_on}|{line.amount}|{line.payer}|{line.memo}|{occurrence}"
    return "h:" + hashlib.sha256(content.encode()).hexdigest()


def _cell(row: list, index: int | None):
    return row[index] if index is not None and index < len(row) else None


def parse_statement(data: bytes, mapping: dict[str, str] | None = None) -> ParsedStatement:
    """Parse a statement file; raise FileProblem (or MappingNeeded) for the file as a whole, else list row errors."""
    kind = sniff(data, MAX_BYTES)
    rows = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    headers: list[str] | None = None
    columns: dict[str, int] = {}
    result: ParsedStatement | None = None
    for number, row in enumerate(rows, start=1):
        if result is None:
            cells = [str(c).strip() if c is not None else "" for c in row]
            found = _match(cells, mapping or {})
            if len(found) >= 2 or ("amount" in found and "booked_on" in found):
                headers, columns = cells, found
                result = ParsedStatement(headers, {k: cells[i] for k, i in found.items()})
                missing = [k for k in REQUIRED if k not in found]
                if missing:
                    raise MappingNeeded(headers, missing)
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if all(c is None or not str(c).strip() for c in row):
            continue
        if len(result.lines) + len(result.errors) >= MAX_LINES:
            raise FileProblem(N_("The file has more than %(limit)s rows; split it into several files."), limit=MAX_LINES)
        _parse_row(result, number, row, columns)
    if result is None:
        first = next(iter(_csv_rows(data) if kind == "csv" else _xlsx_rows(data)), [])
        raise MappingNeeded([str(c).strip() for c in first if c is not None and str(c).strip()], list(REQUIRED))
    if not result.lines and not result.errors:
        raise FileProblem(N_("The statement has no incoming transactions below the header."))
    seen: Counter = Counter()
    for line in result.lines:
        identity = (line.booked_on, line.amount, line.payer, line.memo) if not line.serial else line.serial
        seen[identity] += 1
        line.key = line_key(line, seen[identity])
    return result


def _parse_row(result: ParsedStatement, number: int, row: list, columns: dict[str, int]) -> None:
    raw_amount = _cell(row, columns["amount"])
    if raw_amount is None or not str(raw_amount).strip() or _norm(raw_amount) in {"0", "0.00", "-"}:
        result.skipped_debits += 1  # a debit (outgoing) line has no credit amount
        return
    errors = []
    try:
        booked_on = parse_date(_cell(row, columns["booked_on"]))
    except (ValueError, TypeError):
        errors.append(("booked_on", N_("Not a date; write it as 2026-01-31.")))
    try:
        amount = parse_amount(raw_amount)
        if amount <= 0:
            raise ValueError("zero")
    except (ValueError, TypeError):
        errors.append(("amount", N_("Not an amount in yuan (at most two decimal places, more than zero).")))
    texts = {name: _norm_text(_cell(row, columns.get(name))) for name in ("payer", "memo", "serial")}
    for name, limit in (("payer", 200), ("memo", 500), ("serial", 80)):
        if len(texts[name]) > limit:
            errors.append((name, N_("Longer than %(limit)s characters.")))
    for name, message in errors:
        result.errors.append({"row": number, "field": name, "column": result.mapping.get(name, ""),
                              "message": message, "params": {"limit": {"payer": 200, "memo": 500, "serial": 80}.get(name, 0)}})
    if not errors:
        result.lines.append(ParsedLine(number, booked_on, amount, texts["payer"], texts["memo"], texts["serial"]))


def _norm_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a 流水号 typed as a number
    return unicodedata.normalize("NFKC", str(value)).strip()
