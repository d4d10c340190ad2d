"""`legalops import-statement` and `legalops recovery-report`: finance's command-line tools."""

from __future__ import annotations

from pathlib import Path

import click

from legalops.db import commit


@click.command("import-statement")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--account", required=True, help="Account number (or name) of a registered bank account.")
def import_statement(file: Path, account: str) -> None:
    """Import a bank statement, match what can be matched, and print matched / left for manual / duplicates."""
    from sqlalchemy import or_, select

    from legalops.cases.importing.reader import FileProblem
    from legalops.cli.commands import app_session
    from legalops.core.errors import DomainError
    from legalops.ledger.reconciliation.models import BankAccount
    from legalops.ledger.reconciliation.services import StatementErrors
    from legalops.ledger.reconciliation.services import import_statement as run_import

    with app_session() as (_app, session):
        row = session.execute(select(BankAccount).where(or_(BankAccount.account_number == "".join(account.split()),
                                                            BankAccount.name == account))).scalar_one_or_none()
        if row is None:
            raise click.ClickException(f"no bank account {account!r}; register it on the reconciliation page first")
        try:
            outcome = run_import(session, row, file.read_bytes(), filename=file.name, actor=None)
        except StatementErrors as exc:
            for error in exc.errors[:50]:
                click.echo(f"row {error['row']}, {error['column'] or error['field']}: {error['message'] % error['params']}",
                           err=True)
            raise click.ClickException(f"nothing imported: {len({e['row'] for e in exc.errors})} rows have errors") from exc
        except (FileProblem, DomainError) as exc:
            raise click.ClickException(str(exc)) from exc
        commit(session)
    click.echo(f"matched: {outcome.matched}")
    click.echo(f"left for manual matching: {outcome.manual}")
    click.echo(f"skipped as duplicates: {outcome.duplicates}")
    if outcome.debits:
        click.echo(f"outgoing lines ignored: {outcome.debits}")


@click.command("recovery-report")
@click.option("--month", required=True, help="YYYY-MM (booking month).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def recovery_report(month: str, out: Path) -> None:
    """Export the month's recoveries with allocations and totals per portfolio and per firm (XLSX)."""
    from legalops.cli.commands import app_session
    from legalops.core.errors import DomainError
    from legalops.ledger.reconciliation.exports import recovery_workbook
    from legalops.ledger.reconciliation.months import check_period

    try:
        month = check_period(month)
    except DomainError as exc:
        raise click.ClickException("give the month as YYYY-MM") from exc
    with app_session() as (app, session):
        with app.test_request_context():
            from legalops.ui.forms import translate

            data = recovery_workbook(session, month, translate).getvalue()
    out.write_bytes(data)
    click.echo(f"wrote {out} ({len(data)} bytes)")
