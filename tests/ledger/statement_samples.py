"""Bank statement files as the banks export them, built in memory."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

ICBC_HEADER = ["交易日期", "流水号", "对方户名", "对方账号", "摘要", "借方发生额", "贷方发生额", "余额"]


def csv_bytes(header: list[str], rows: list[list], encoding: str = "utf-8") -> bytes:
    """Return a CSV file in the given encoding."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(header: list[str], rows: list[list], preamble: list[list] | None = None) -> bytes:
    """Return an XLSX workbook, optionally with title rows above the header as bank exports have."""
    book = Workbook()
    sheet = book.active
    for row in preamble or []:
        sheet.append(row)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
