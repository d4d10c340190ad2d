"""Command implementations; each opens the app, does one unit of work and commits once."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import click

from legalops.db import commit


@contextmanager
def app_session():
    """Yield (app, session) inside an app context; the caller commits."""
    from legalops.app import create_app

    app = create_app()
    with app.app_context():
        session = app.extensions["legalops.db"].session()
        try:
            yield app, session
        finally:
            session.close()


def register(main: click.Group) -> None:
    """Attach every command to the `legalops` group."""
    main.add_command(db)
    main.add_command(create_user)
    main.add_command(import_portfolio)
    main.add_command(demo)
    main.add_command(run)
    main.add_command(worker)
    main.add_command(sweep_jobs)
    from legalops.cli.documents import forms, generate

    main.add_command(generate)
    main.add_command(forms)
    from legalops.cli.deadlines import deadlines, remind

    main.add_command(deadlines)
    main.add_command(remind)
    from legalops.cli.firms import firm_token, firms

    main.add_command(firms)
    main.add_command(firm_token)
    from legalops.cli.ledger import import_statement, recovery_report

    main.add_command(import_statement)
    main.add_command(recovery_report)
    try:
        from legalops.assessment.cli import calc
    except ImportError:  # pragma: no cover - the calculators ship with the legal-engine issue
        return
    main.add_command(calc)


@click.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@click.option("--revision", default="heads", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (creates the embedded SQLite database if missing)."""
    from legalops.db.migrate import upgrade

    with app_session() as (app, _session):
        upgrade(app.extensions["legalops.db"].engine, revision)
        click.echo(f"database at {app.extensions['legalops.db'].engine.url.render_as_string()} is at {revision}")


@click.command("create-user")
@click.option("--username", required=True)
@click.option("--role", required=True, type=click.Choice(["admin", "counsel", "law_firm", "finance", "auditor"]))
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", "display_name", default="")
@click.option("--firm", "firm_name", default="", help="Firm name, for law_firm users (created if new).")
def create_user(username: str, role: str, password: str, display_name: str, firm_name: str) -> None:
    """Create a user who can sign in."""
    from sqlmodel import select

    from legalops.auth.models import Firm
    from legalops.auth.services import create_firm
    from legalops.auth.services import create_user as make_user
    from legalops.core.errors import DomainError

    with app_session() as (_app, session):
        firm_id = None
        if firm_name:
            firm = session.exec(select(Firm).where(Firm.name == firm_name)).first() or create_firm(session, firm_name)
            firm_id = firm.id
        try:
            user = make_user(session, username=username, password=password, role=role,
                             display_name=display_name, firm_id=firm_id)
        except DomainError as exc:
            raise click.ClickException(str(exc)) from exc
        commit(session)
        click.echo(f"created {user.username} ({user.role})")


@click.command("import-portfolio")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--portfolio", "portfolio_name", default="", help="Portfolio name (defaults to the file name).")
@click.option("--as", "username", default="", help="User recorded as the importer (default: first admin).")
@click.option("--creditor", "creditor_name", default="", help="Creditor for rows without creditor columns.")
@click.option("--creditor-id", "creditor_id_number", default="", help="The creditor's unified social credit code.")
def import_portfolio(file: Path, portfolio_name: str, username: str, creditor_name: str, creditor_id_number: str) -> None:
    """Validate and import a loan tape (XLSX or CSV); nothing is imported if any row is invalid."""
    from legalops.cases.importing.cli import run_import

    with app_session() as (_app, session):
        code = run_import(session, file, portfolio_name or file.stem, username, creditor_name, creditor_id_number)
    raise SystemExit(code)


@click.command()
@click.option("--cases", default=50, show_default=True)
@click.option("--force", is_flag=True, help="Add demo data even if cases exist.")
def demo(cases: int, force: bool) -> None:
    """Load the demo portfolio and one demo user per role (once), and print the logins."""
    from legalops.cli.demo import print_logins, seed

    with app_session() as (app, session):
        created = seed(session, Path(app.instance_path), cases=cases, force=force)
        commit(session)
        click.echo(f"demo data: {created} cases created" if created else "demo data already loaded")
        print_logins(Path(app.instance_path))


@click.command()
@click.option("--host", default=lambda: os.environ.get("LEGALOPS_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", default=lambda: int(os.environ.get("LEGALOPS_PORT", "5000")), type=int, show_default="5000")
def run(host: str, port: int) -> None:
    """Serve the app (development server; use gunicorn 'legalops:create_app()' in production)."""
    from legalops.app import create_app

    app = create_app()
    click.echo(f"LegalOps is at http://{host}:{port}/")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


@click.command()
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run an RQ worker (needs LEGALOPS_REDIS_URL; without it jobs run inside the app process)."""
    from legalops.cli.worker import start_worker

    start_worker(burst=burst)


@click.command("sweep-jobs")
def sweep_jobs() -> None:
    """Re-queue or fail jobs whose worker died mid-job (`legalops worker` does this every minute)."""
    from legalops.cli.worker import sweep_jobs as sweep

    outcome = sweep()
    for job_id, state in sorted(outcome.items()):
        click.echo(f"{job_id}: {state}")
    click.echo(f"{len(outcome)} abandoned job(s) swept")
