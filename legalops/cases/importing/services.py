"""The import command: read, check the whole file, then write all of it or nothing (flushes, never commits)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record, snapshot
from legalops.cases.importing.columns import BY_KEY
from legalops.cases.importing.reader import MAX_BYTES, FileProblem, read_table
from legalops.cases.importing.validate import Checker, Plan
from legalops.cases.importing.writer import Writer
from legalops.cases.models import Case, Portfolio
from legalops.core.errors import FieldErrors
from legalops.core.i18n import N_
from legalops.core.validation import validate
from legalops.parties.models import Party
from legalops.parties.schemas import PartyIn

MAX_REPORTED = 2000  # errors or skipped rows kept in the report; the counts stay exact


def creditor_from_form(name: str, id_number: str) -> PartyIn | None:
    """Validate the creditor entered on the import page (None if left blank); FieldErrors name creditor_* fields."""
    if not (name or "").strip() and not (id_number or "").strip():
        return None
    return validate(PartyIn, {"kind": "organisation", "id_type": "uscc", "name": name, "id_number": id_number},
                    prefix="creditor_")


def _portfolio_creditor(session: Session, portfolio_name: str) -> PartyIn | None:
    """Return the creditor of the portfolio's existing cases, the natural default for more of its loans."""
    party = session.execute(
        select(Party).join(Case, Case.creditor_id == Party.id).join(Portfolio, Portfolio.id == Case.portfolio_id)
        .where(Portfolio.name == portfolio_name).order_by(Case.id).limit(1)).scalar_one_or_none()
    if party is None:
        return None
    try:
        return validate(PartyIn, {"kind": party.kind, "name": party.name, "id_type": party.id_type,
                                  "id_number": party.id_number})
    except FieldErrors:
        return None


def _get_or_create_portfolio(session: Session, name: str, actor) -> Portfolio:
    portfolio = session.execute(select(Portfolio).where(Portfolio.name == name)).scalar_one_or_none()
    if portfolio is None:
        portfolio = Portfolio(name=name)
        session.add(portfolio)
        session.flush()
        record(session, actor, "create", portfolio, after=snapshot(portfolio), summary=name)
    return portfolio


def _error_dict(error, headers: dict[str, str]) -> dict:
    column = headers.get(error.field) or (BY_KEY[error.field].header if error.field in BY_KEY else "")
    return {"row": error.row, "field": error.field, "column": column, "message": error.message,
            "params": error.params, "item": error.item}


def import_file(session: Session, data: bytes, *, filename: str, portfolio_name: str, actor,
                creditor: PartyIn | None = None, progress: Callable[[int, int, str], None] | None = None,
                write_progress: bool = True, max_bytes: int = MAX_BYTES) -> dict:
    """Import a loan tape into a portfolio: every row valid → all written; any error → nothing, with a report."""
    started = time.perf_counter()
    report: dict = {"file": filename, "sha256": hashlib.sha256(data).hexdigest(), "portfolio": portfolio_name,
                    "rows": 0, "imported": 0, "skipped": [], "skipped_count": 0, "errors": [], "error_count": 0,
                    "file_errors": [], "ignored_columns": [], "counts": {}}
    try:
        table = read_table(data, max_bytes)
    except FileProblem as exc:
        report["file_errors"].append({"message": exc.message, "params": exc.params})
        return _finish(report, started)
    report["rows"] = len(table.rows)
    report["ignored_columns"] = table.columns.unknown
    creditor = creditor or _portfolio_creditor(session, portfolio_name)
    plan: Plan = Checker(session, table, creditor, progress).run()
    report["skipped"] = plan.skipped[:MAX_REPORTED]
    report["skipped_count"] = len(plan.skipped)
    if plan.errors:
        report["errors"] = [_error_dict(e, table.columns.headers) for e in plan.errors[:MAX_REPORTED]]
        report["error_count"] = len(plan.errors)
        report["rows_with_errors"] = len({e.row for e in plan.errors})
        return _finish(report, started)
    if not plan.rows:
        return _finish(report, started)
    if progress:
        progress(0, len(plan.rows), N_("Writing cases"))
    portfolio = _get_or_create_portfolio(session, portfolio_name, actor)
    counts = Writer(session, plan, actor, portfolio, progress if write_progress else None).run()
    report.update(portfolio_id=portfolio.id, imported=counts["cases"], counts=counts)
    record(session, actor, "import", portfolio, summary=f"{filename}: {counts['cases']} / {len(table.rows)}",
           after={"file": filename, "sha256": report["sha256"], "rows": len(table.rows), **counts,
                  "skipped": len(plan.skipped)})
    session.flush()
    return _finish(report, started)


def _finish(report: dict, started: float) -> dict:
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["ok"] = not report["file_errors"] and not report["error_count"]
    return report
