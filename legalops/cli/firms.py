"""`legalops firms` and `legalops firm-token`: the firms with their case counts, and API tokens printed once."""

from __future__ import annotations

import click
from sqlalchemy import func, select

from legalops.cli.commands import app_session


@click.command("firms")
def firms() -> None:
    """List the law firms and how many cases each is instructed on."""
    from legalops.auth.models import Firm
    from legalops.cases.models import Case

    with app_session() as (_app, session):
        rows = session.execute(select(Firm.name, Firm.active, func.count(Case.id))
                               .outerjoin(Case, Case.firm_id == Firm.id)
                               .group_by(Firm.id, Firm.name, Firm.active).order_by(Firm.name)).all()
        if not rows:
            click.echo("no firms")
        for name, active, count in rows:
            click.echo(f"{count:6d}  {name}{'' if active else '  (inactive)'}")


@click.command("firm-token")
@click.argument("firm_name")
@click.option("--expires-days", type=click.IntRange(1, 3650), default=None, help="Expire after N days (default: never).")
@click.option("--label", default="", help="What the token is for, shown in the token list.")
def firm_token(firm_name: str, expires_days: int | None, label: str) -> None:
    """Issue an API token for FIRM_NAME and print it once (only its hash is stored)."""
    from legalops.auth.models import Firm
    from legalops.db import commit
    from legalops.portal.tokens import issue_token

    with app_session() as (_app, session):
        firm = session.execute(select(Firm).where(Firm.name == firm_name)).scalar_one_or_none()
        if firm is None or not firm.active:
            raise click.ClickException(f"no active firm called {firm_name!r} (see `legalops firms`)")
        secret, row = issue_token(session, firm, None, expires_days=expires_days, label=label or "cli")
        commit(session)
        click.echo(secret)
        click.echo(f"token {row.prefix}… for {firm.name}"
                   f"{f', expires {row.expires_at:%Y-%m-%d}' if row.expires_at else ''}; it is not shown again", err=True)
