"""`legalops generate` and `legalops forms list|check`: court forms from the command line, one line per item."""

from __future__ import annotations

from pathlib import Path

import click

from legalops.cli.commands import app_session


@click.command("generate")
@click.argument("form_key")
@click.option("--case", "references", multiple=True, help="Case reference (repeatable).")
@click.option("--all", "everything", is_flag=True, help="Every case that has what the form needs.")
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="docx, pdf or docx,pdf")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
def generate(form_key: str, references: tuple[str, ...], everything: bool, formats: str, out: Path) -> None:
    """Write FORM_KEY for the given cases into --out (files only: no filing is recorded).

    Exits 1 if a named case is missing or lacks what the form needs; with --all such cases are listed and skipped.
    """
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
    raise SystemExit(exit_code(lines, set(references), everything))


def exit_code(lines: list[str], named: set[str], everything: bool) -> int:
    """Return 1 if a named case failed, or any case hit an error; --all alone skips cases that lack data."""
    for line in lines:
        reference = line.split(": ", 1)[0]
        if ": error:" in line or line.endswith(": no such case"):
            return 1
        if ": missing:" in line and (not everything or reference in named):
            return 1
    return 0


@click.group()
def forms() -> None:
    """Court forms in forms/manifest.json, and the DOCX versions admins uploaded."""


@forms.command("list")
def forms_list() -> None:
    """Print each form's key, the version in use, its stage and title."""
    from legalops.documents.form_versions import get_active
    from legalops.documents.registry import get_registry

    with app_session() as (_app, session):
        for spec in get_registry().all():
            active = get_active(session, spec.key)
            version = f"{active.label} (uploaded; shipped {spec.version})" if active else spec.version
            click.echo(f"{spec.key}\t{version}\t{spec.stage}\t{spec.title}")


@forms.command("check")
def forms_check() -> None:
    """Render every form from its sample.json (DOCX and PDF must say the same) and re-check active uploads."""
    from legalops.documents.cli import check_form, check_upload
    from legalops.documents.form_versions import get_active
    from legalops.documents.registry import get_registry
    from legalops.documents.storage import stored_path

    failed = False
    with app_session() as (app, session):
        for spec in get_registry().all():
            problems = check_form(spec.key)
            failed = failed or bool(problems)
            click.echo(f"{spec.key}: " + ("ok" if not problems else "; ".join(problems)))
            active = get_active(session, spec.key)
            if active is None:
                continue
            try:
                data = stored_path(app.config["STORAGE_DIR"], active.path).read_bytes()
                problems = check_upload(spec, data, get_registry().forms_dir)
            except Exception as exc:  # noqa: BLE001 - a missing stored file is a problem to report
                problems = [f"{type(exc).__name__}: {exc}"]
            failed = failed or bool(problems)
            click.echo(f"{spec.key}@{active.label} (uploaded): " + ("ok" if not problems else "; ".join(problems)))
    if failed:
        raise SystemExit(1)
