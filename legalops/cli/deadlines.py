"""`legalops deadlines` lists open deadlines (or recomputes provisional ones); `legalops remind` runs the daily pass."""

from __future__ import annotations

import json

import click

from legalops.cli.commands import app_session
from legalops.db import commit


@click.command("deadlines")
@click.option("--due-within", "due_within", type=click.IntRange(0, 3650), default=None,
              help="Only deadlines due within DAYS (overdue ones included).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--recompute", is_flag=True, help="Re-run the computations behind provisional dates "
              "(after the holiday table gained a year).")
def deadlines(due_within: int | None, as_json: bool, recompute: bool) -> None:
    """List open and missed deadlines across all cases, nearest first."""
    from legalops.core.clock import today
    from legalops.deadlines.cli_rows import open_deadline_rows
    from legalops.deadlines.refresh import recompute_provisional

    with app_session() as (_app, session):
        if recompute:
            result = recompute_provisional(session)
            commit(session)
            click.echo(json.dumps(result) if as_json else
                       f"recomputed {result['cases']} case(s); {result['still_provisional']} deadline(s) still "
                       f"provisional; {result['without_refresher']} without a registered source")
            return
        rows = open_deadline_rows(session, today(), due_within)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        flag = " (provisional)" if row["provisional"] else ""
        click.echo(f"{row['case']}\t{row['kind']}\t{row['due_on']}{flag}\t{row['days_left']:>5}\t"
                   f"{row['responsible'] or '-'}\t{row['title']}\t{row['citation']}")
    click.echo(f"{len(rows)} open deadline(s)", err=True)


@click.command("remind")
def remind() -> None:
    """Mark missed deadlines and send today's reminders once (cron-friendly; safe to run twice)."""
    from legalops.core.clock import today
    from legalops.deadlines.jobs import reminder_job_id, submit_daily_reminders
    from legalops.jobs.models import JobRecord

    with app_session() as (app, session):
        app.config["JOBS_EAGER"] = True  # run here and now: cron wants the outcome, not a queued job
        on = today()
        submit_daily_reminders(session, on)
        commit(session)
        session.expire_all()
        record = session.get(JobRecord, reminder_job_id(on))
        if record is None or record.status != "finished":
            raise click.ClickException(f"reminder run failed: {record.error if record else 'no job record'}")
        click.echo(json.dumps(record.result))
