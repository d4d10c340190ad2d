"""Finance routes: accounts, statement import, lines to match by hand, split, unrelated, month close, reports."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from legalops.auth.web import me, requires
from legalops.cases.importing.reader import FileProblem
from legalops.cases.importing.report import describe_error
from legalops.core.clock import today
from legalops.core.errors import DomainError
from legalops.db import commit, get_session
from legalops.ledger.models import SOURCES
from legalops.ledger.policies import can_reconcile, can_view_reconciliation
from legalops.ledger.reconciliation import exports, queries, services
from legalops.ledger.reconciliation.models import LINE_STATUSES, BankAccount, StatementLine
from legalops.ledger.reconciliation.months import check_period, close_month
from legalops.ledger.reconciliation.sample import sample_statement
from legalops.ledger.reconciliation.statement import FIELDS, MAX_BYTES, MappingNeeded
from legalops.ledger.services import closed_periods, period_of
from legalops.ledger.views import form_amount
from legalops.ui.forms import error_dict, translate

bp = Blueprint("finance", __name__, url_prefix="/finance")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _index(errors: dict | None = None, form: dict | None = None, status: int = 200, **extra):
    db = get_session()
    return render_template("ledger/finance.html", accounts=queries.list_accounts(db), lines=queries.list_open_lines(db),
                           imports=queries.recent_imports(db), months=queries.list_months(db), fields=FIELDS,
                           current=period_of(today()), can_edit=can_reconcile(me()), errors=errors or {},
                           form=form or {}, row_errors=extra.get("row_errors", []), headers=extra.get("headers", [])), status


@bp.get("/")
@requires(can_view_reconciliation)
def index():
    """Show accounts, the import form, lines waiting for a match and the months."""
    return _index()


@bp.post("/accounts")
@requires(can_reconcile)
def account():
    """Register a bank account."""
    form = request.form.to_dict()
    db = get_session()
    try:
        services.create_account(db, name=form.get("name", ""), bank=form.get("bank", ""),
                                account_number=form.get("account_number", ""), actor=me())
    except DomainError as exc:
        db.rollback()
        return _index(error_dict(exc), form, 422)
    commit(db)
    flash(_("The account was registered."))
    return redirect(url_for("finance.index"))


@bp.post("/import")
@requires(can_reconcile)
def import_statement():
    """Import a statement whole or not at all, skip lines already imported, and match what can be matched."""
    form = request.form.to_dict()
    db = get_session()
    account = db.get(BankAccount, int(form["account_id"])) if form.get("account_id", "").isdigit() else None
    upload = request.files.get("file")
    if account is None:
        return _index({"account_id": _("Choose the account the statement belongs to.")}, form, 422)
    if not upload or not upload.filename:
        return _index({"file": _("Choose a statement file.")}, form, 422)
    data = upload.read(MAX_BYTES + 1)
    mapping = {name: form[f"map_{name}"] for name in FIELDS if form.get(f"map_{name}")}
    try:
        outcome = services.import_statement(db, account, data, filename=upload.filename, actor=me(),
                                            mapping=mapping or None)
    except MappingNeeded as exc:
        db.rollback()
        return _index({"file": translate(exc.message, fields=", ".join(translate(FIELDS[k]) for k in exc.missing))},
                      form, 422, headers=exc.headers)
    except FileProblem as exc:
        db.rollback()
        return _index({"file": translate(exc.message, **exc.params)}, form, 422)
    except services.StatementErrors as exc:
        db.rollback()
        rows = [describe_error({**e, "column": e["column"] or translate(FIELDS[e["field"]])}, translate)
                for e in exc.errors[:200]]
        return _index({"file": translate(exc.message, **exc.params)}, form, 422, row_errors=rows)
    commit(db)
    flash(_("%(new)s new lines: %(matched)s matched, %(manual)s left for manual matching, %(duplicates)s skipped as "
            "duplicates, %(debits)s outgoing lines ignored.", new=outcome.new, matched=outcome.matched,
            manual=outcome.manual, duplicates=outcome.duplicates, debits=outcome.debits))
    return redirect(url_for("finance.index"))


def _line(line_id: int) -> StatementLine:
    line = get_session().get(StatementLine, line_id)
    if line is None:
        abort(404)
    return line


def _line_page(line: StatementLine, errors: dict | None = None, form: dict | None = None, status: int = 200):
    db = get_session()
    remaining = services.unmatched_amount(db, line)
    return render_template("ledger/line.html", line=line, account=db.get(BankAccount, line.account_id),
                           matches=queries.list_line_matches(db, line), remaining=remaining,
                           candidates=queries.line_candidates(db, line, amount=remaining) if line.status == "open" else [],
                           quoted=queries.cases_quoted(db, line) if line.status == "open" else [],
                           sources=SOURCES, statuses=LINE_STATUSES, locked=line.period in closed_periods(db),
                           can_edit=can_reconcile(me()), errors=errors or {}, form=form or {}), status


@bp.get("/lines/<int:line_id>")
@requires(can_view_reconciliation)
def line(line_id: int):
    """Show a statement line with the candidates for a manual match."""
    return _line_page(_line(line_id))


def _act(line_id: int, action, done: str):
    line = _line(line_id)
    form = request.form.to_dict()
    db = get_session()
    try:
        action(db, line, form)
    except DomainError as exc:
        db.rollback()
        return _line_page(_line(line_id), error_dict(exc), form, 422)
    commit(db)
    flash(done)
    return redirect(url_for("finance.index"))


@bp.post("/lines/<int:line_id>/match")
@requires(can_reconcile)
def match(line_id: int):
    """Match the whole line to one case and post the entry."""
    return _act(line_id, lambda db, line, form: services.match_line(
        db, line, case_reference=form.get("case", ""), source=form.get("source", ""), actor=me()),
        _("The line was matched and the recovery posted."))


def _parts(form: dict) -> list:
    parts = []
    for i in range(1, 6):
        reference, amount = form.get(f"case_{i}", "").strip(), form.get(f"amount_{i}", "").strip()
        if reference or amount:
            parts.append((reference, form_amount(amount, "parts")))
    return parts


@bp.post("/lines/<int:line_id>/split")
@requires(can_reconcile)
def split(line_id: int):
    """Split the line over several cases; the parts must add up to the line exactly."""
    return _act(line_id, lambda db, line, form: services.split_line(
        db, line, _parts(form), source=form.get("source", ""), actor=me()),
        _("The line was split and the recoveries posted."))


@bp.post("/lines/<int:line_id>/unrelated")
@requires(can_reconcile)
def unrelated(line_id: int):
    """Set the line aside as not a recovery, with the reason."""
    return _act(line_id, lambda db, line, form: services.mark_unrelated(db, line, form.get("reason", ""), me()),
                _("The line was marked as unrelated."))


@bp.post("/months/<period>/close")
@requires(can_reconcile)
def close(period: str):
    """Close a month: its entries and lines are locked from now on."""
    db = get_session()
    try:
        close_month(db, period, me())
    except DomainError as exc:
        db.rollback()
        return _index(error_dict(exc), {}, 422)
    commit(db)
    flash(_("%(period)s is closed.", period=period))
    return redirect(url_for("finance.index"))


def _month() -> str:
    try:
        return check_period(request.args.get("month") or period_of(today()))
    except DomainError:
        abort(400)


def _monthly_workbook(build, name: str):
    """Send the workbook `build` makes for the requested month, as `name`-YYYY-MM.xlsx."""
    month = _month()
    return send_file(build(get_session(), month, translate), mimetype=XLSX,
                     as_attachment=True, download_name=f"{name}-{month}.xlsx")


@bp.get("/reports/reconciliation.xlsx")
@requires(can_view_reconciliation)
def reconciliation_report():
    """Download the month's reconciliation report."""
    return _monthly_workbook(exports.reconciliation_workbook, "reconciliation")


@bp.get("/reports/recovery.xlsx")
@requires(can_view_reconciliation)
def recovery_report():
    """Download the month's recoveries with totals per portfolio and per firm."""
    return _monthly_workbook(exports.recovery_workbook, "recoveries")


@bp.get("/sample-statement.csv")
@requires(can_reconcile)
def sample():
    """Download a sample bank statement (GBK CSV) paying some expected recoveries, to try the import."""
    response = current_app.response_class(sample_statement(get_session(), today()), mimetype="text/csv; charset=gb18030")
    response.headers["Content-Disposition"] = "attachment; filename=sample-statement.csv"
    return response
