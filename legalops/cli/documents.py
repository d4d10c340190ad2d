"""`legalops generate FORM --case REF …`: write a court form for cases to a folder, one line per case."""

from __future__ import annotations

from pathlib import Path

import click

from legalops.cli.commands import app_session


@click.command("generate")
@click.argument("form_key")
@click.option("--case", "references", multiple=True, help="Case reference (repeatable).")
@click.option("--all", "everything", is_flag=True, help="Every case.")
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="docx, pdf or docx,pdf")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
def generate(form_key: str, references: tuple[str, ...], everything: bool, formats: str, out: Path) -> None:
    """Write FORM_KEY for the given cases into --out (files only: no filing is recorded)."""
    from legalops.cases.filing_cli import generate_to_folder
    from legalops.core.errors import DomainError
    from legalops.documents.registry import get_registry
    from legalops.documents.services import parse_formats

    if not references and not everything:
        raise click.UsageError("give --case REF (repeatable) or --all")
    try:
        chosen = parse_formats(formats)
        get_registry().get(form_key)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    with app_session() as (_app, session):
        lines = generate_to_folder(session, form_key, list(references), everything, chosen, out)
    for line in lines:
        click.echo(line)
    if any(": missing:" in line or line.endswith("no such case") for line in lines):
        raise SystemExit(1)
