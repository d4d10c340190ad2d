"""Read an uploaded loan tape: check what the bytes really are, decode CSV text, stream XLSX rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from legalops.cases.importing.columns import BY_KEY, HeaderMatch, match_headers
from legalops.core.i18n import N_

MAX_BYTES = 30 * 1024 * 1024
MAX_ROWS = 100_000
# Zip-bomb guards: an honest 100,000-row workbook unpacks to well under these.
MAX_ZIP_MEMBERS = 2_000
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
HEADER_SEARCH_ROWS = 20

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPREADSHEET_PARTS = (b"spreadsheetml.sheet.main", b"spreadsheetml.template.main", b"ms-excel.sheet.macroEnabled.main")


class FileProblem(Exception):
    """The file as a whole cannot be imported; `message` is a msgid."""

    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass
class Table:
    """The header row and the non-blank data rows, numbered as the user sees them (first row = 1)."""

    header_row: int
    columns: HeaderMatch
    rows: list[tuple[int, list]] = field(default_factory=list)


def sniff(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Return 'xlsx' or 'csv' from the content (never the file name), or raise FileProblem."""
    if not data.strip():
        raise FileProblem(N_("The file is empty."))
    if len(data) > max_bytes:
        raise FileProblem(N_("The file is larger than %(limit)s MB; split it into several files."),
                          limit=max_bytes // (1024 * 1024))
    if data.startswith(b"PK\x03\x04"):
        _check_xlsx_container(data)
        return "xlsx"
    if data.startswith(_OLE_MAGIC):
        raise FileProblem(N_("This is an old-style Excel .xls file; save it as .xlsx (Excel Workbook) and upload again."))
    utf16 = N_("The file is encoded as UTF-16; save it as CSV in UTF-8 or GBK and upload again.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(utf16)
    if data.startswith(_BINARY_MAGIC):
        raise FileProblem(N_("This file is not a spreadsheet; upload an XLSX workbook or a CSV file."))
    if _looks_utf16(data):
        raise FileProblem(utf16)
    if b"\x00" in data[:8192]:
        raise FileProblem(N_("This file is not a spreadsheet; upload an XLSX workbook or a CSV file."))
    return "csv"


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    # Text in UTF-16 has a NUL in most odd (or most even) bytes and almost none in the others.
    half = len(head) // 2
    odd, even = head[1::2].count(0), head[0::2].count(0)
    return half >= 2 and max(odd, even) > 0.4 * half and min(odd, even) < 0.05 * half


def _check_xlsx_container(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise FileProblem(N_("This workbook unpacks to far more data than a loan tape holds; it was not opened."))
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                raise FileProblem(N_("This file is not a spreadsheet; upload an XLSX workbook or a CSV file."))
            types = archive.read("[Content_Types].xml")
    except zipfile.BadZipFile as exc:
        raise FileProblem(N_("This XLSX workbook is damaged; open it in Excel, save it again and upload it.")) from exc
    if not any(part in types for part in _SPREADSHEET_PARTS):
        raise FileProblem(N_("This file is not a spreadsheet; upload an XLSX workbook or a CSV file."))


def decode_text(data: bytes) -> str:
    """Decode CSV bytes as UTF-8 (with or without BOM) or GB18030 (a superset of GBK), else raise FileProblem."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            raise FileProblem(N_("This file is not a spreadsheet; upload an XLSX workbook or a CSV file."))
        return text
    raise FileProblem(N_("The file is neither UTF-8 nor GBK/GB18030 text; save it as CSV UTF-8 and upload again."))


def _csv_rows(data: bytes):
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", "\t", ";"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise FileProblem(N_("The CSV file is malformed near line %(line)s."), line=reader.line_num) from exc


def _cell_value(cell):
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A rate formatted as a percentage is stored as 0.0435; the user typed 4.35%.
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{Decimal(repr(value)) * 100}%"
    return value


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise FileProblem(N_("This XLSX workbook is damaged; open it in Excel, save it again and upload it.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            yield [_cell_value(cell) for cell in row]
    finally:
        workbook.close()


def _blank(row: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def read_table(data: bytes, max_bytes: int = MAX_BYTES) -> Table:
    """Read the file into a header match and numbered data rows; raise FileProblem if it cannot be used."""
    kind = sniff(data, max_bytes)
    rows = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    table: Table | None = None
    for number, row in enumerate(rows, start=1):
        if table is None:
            if _blank(row):
                continue
            match = match_headers(row)
            if len(match.positions) >= 2:
                table = Table(number, match)
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if _blank(row):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise FileProblem(N_("The file has more than %(limit)s rows; split it into several files."), limit=MAX_ROWS)
        table.rows.append((number, row))
    if table is None:
        raise FileProblem(N_("No header row found: the first row must hold the column names, such as 合同编号 and 借款人名称."))
    if table.columns.duplicates:
        first, second = table.columns.duplicates[0]
        raise FileProblem(N_("The columns %(first)s and %(second)s hold the same field; keep one of them."),
                          first=first, second=second)
    if table.columns.missing:
        raise FileProblem(N_("Required columns are missing: %(columns)s."),
                          columns="、".join(BY_KEY[key].header for key in table.columns.missing))
    if not table.rows:
        raise FileProblem(N_("The file has no loan rows below the header."))
    return table
