"""`legalops import-portfolio FILE`: the same import as the web page, run in the foreground."""

from __future__ import annotations

import os
from pathlib import Path

import click
from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import Role, User
from legalops.cases.importing.report import summary_lines
from legalops.cases.importing.services import creditor_from_form, import_file
from legalops.core.errors import FieldErrors
from legalops.db import commit

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def cli_locale() -> str:
    """Pick the report language from the environment: English for an English locale, else Chinese."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _translator():
    from flask import has_app_context

    if not has_app_context():
        # Outside the app (a bare script) the English msgids are the report.
        return lambda message, **params: message % params if params else message
    from flask_babel import force_locale, gettext

    def translate(message: str, **params) -> str:
        with force_locale(cli_locale()):
            return gettext(message, **params) if params else gettext(message)

    return translate


def _actor(session: Session, username: str) -> User | None:
    if username:
        return session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    return session.execute(select(User).where(User.role == Role.admin).order_by(User.id).limit(1)).scalar_one_or_none()


def run_import(session: Session, file: Path, portfolio_name: str, username: str = "", creditor_name: str = "",
               creditor_id_number: str = "") -> int:
    """Import FILE into the portfolio, print the report, commit if anything was written; return the exit code."""
    translate = _translator()
    actor = _actor(session, username)
    if username and actor is None:
        click.echo(f"no such user: {username}", err=True)
        return EXIT_USAGE
    try:
        creditor = creditor_from_form(creditor_name, creditor_id_number)
    except FieldErrors as exc:
        for field, message in exc.errors.items():
            click.echo(f"{field}: {translate(message)}", err=True)
        return EXIT_USAGE
    with click.progressbar(length=1, label=file.name, file=None) as bar:
        def progress(done: int, total: int, message: str) -> None:
            bar.length = max(total, 1)
            bar.label = f"{file.name} · {translate(message)}"
            bar.update(done - bar.pos)

        report = import_file(session, Path(file).read_bytes(), filename=file.name, portfolio_name=portfolio_name,
                             actor=actor, creditor=creditor, progress=progress)
    if report["imported"]:
        commit(session)
    else:
        session.rollback()
    for line in summary_lines(report, translate):
        click.echo(line, err=not report["ok"])
    return EXIT_OK if report["ok"] else EXIT_INVALID
