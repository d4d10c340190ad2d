"""Case list exports."""

from __future__ import annotations

import io

from openpyxl import Workbook

from legalops.core.spreadsheet import safe_cell

HEADERS = ["案件编号", "债务人", "阶段", "法院案号", "律所", "剩余本金", "立案日期"]


def cases_workbook(rows) -> io.BytesIO:
    """Write (case, debtor, principal, firm) rows to an XLSX file in memory."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("cases")
    ws.append(HEADERS)
    for case, debtor, principal, firm in rows:
        ws.append([safe_cell(v) for v in (case.reference, debtor or "", case.stage, case.court_case_number,
                                          firm or "", principal, case.opened_on)])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out
