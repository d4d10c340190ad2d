"""The downloadable import template: XLSX with an example row and an explanations sheet, or CSV."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from legalops.cases.importing.columns import COLUMNS
from legalops.core.i18n import N_

TEXT_COLUMNS = {"contract_number", "borrower_id_number", "guarantor_id_numbers", "creditor_id_number", "borrower_phone"}


def template_xlsx(translate: Callable[..., str]) -> io.BytesIO:
    """Build the XLSX template: the loan sheet (headers, one example) and an explanations sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "贷款清单"
    sheet.append([c.header for c in COLUMNS])
    sheet.append([c.example for c in COLUMNS])
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF3C4")
    for index, column in enumerate(COLUMNS, start=1):
        head = sheet.cell(row=1, column=index)
        head.font = bold
        if column.required:
            head.fill = required_fill
        if column.key in TEXT_COLUMNS:
            # Long numbers typed into a General cell are rounded by Excel; text format keeps every digit.
            for row in range(2, 1002):
                sheet.cell(row=row, column=index).number_format = "@"
        sheet.column_dimensions[head.column_letter].width = max(12, len(column.header) * 2 + 4)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("说明")
    notes.append([translate(N_("Column")), translate(N_("Field")), translate(N_("Required")), translate(N_("Explanation"))])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.header, translate(column.label), translate(N_("Yes")) if column.required else "",
                      translate(column.help) if column.help else ""])
    notes.append([])
    notes.append([translate(N_("One row per loan; each row becomes one case in the intake stage. Amounts may use "
                               "thousands separators; the file is imported only if every row is valid."))])
    for letter, width in zip("ABCD", (22, 32, 10, 90), strict=True):
        notes.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def template_csv() -> bytes:
    """Build the CSV template in UTF-8 with a BOM, so Excel shows the Chinese headers correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    writer.writerow([c.example for c in COLUMNS])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
