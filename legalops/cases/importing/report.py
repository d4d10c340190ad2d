"""Turn an import report (msgids and parameters) into sentences in the reader's language."""

from __future__ import annotations

from collections.abc import Callable

from legalops.cases.importing.columns import BY_KEY
from legalops.core.i18n import N_

Translate = Callable[..., str]


def field_label(error: dict, translate: Translate) -> str:
    """Name the field as the file does, with its translated meaning when that differs."""
    column = BY_KEY.get(error.get("field", ""))
    label = translate(column.label) if column else ""
    header = error.get("column") or ""
    if header and label and header != label:
        return f"{header} ({label})"
    return header or label


def describe_error(error: dict, translate: Translate) -> str:
    """Return 'Row 5, 借款人证件号码 (Borrower ID number): <problem>' in the reader's language."""
    message = translate(error["message"], **error.get("params", {}))
    if error.get("item"):
        message = f"{error['item']}: {message}"
    return translate(N_("Row %(row)s, %(field)s: %(problem)s"), row=error["row"], field=field_label(error, translate),
                     problem=message)


def summary_lines(report: dict, translate: Translate) -> list[str]:
    """Return the report as lines: file problems or row errors, then the counts."""
    lines = [translate(e["message"], **e.get("params", {})) for e in report.get("file_errors", [])]
    lines += [describe_error(e, translate) for e in report.get("errors", [])]
    hidden = report.get("error_count", 0) - len(report.get("errors", []))
    if hidden > 0:
        lines.append(translate(N_("… and %(count)s more errors."), count=hidden))
    if report.get("error_count"):
        lines.append(translate(N_("Nothing was imported: %(rows)s of %(total)s rows have errors."),
                               rows=report.get("rows_with_errors", 0), total=report.get("rows", 0)))
    elif not report.get("file_errors"):
        lines.append(translate(N_("%(imported)s cases imported, %(skipped)s rows skipped (contract number already recorded)."),
                               imported=report.get("imported", 0), skipped=report.get("skipped_count", 0)))
    return lines
