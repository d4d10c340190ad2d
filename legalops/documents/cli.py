"""`legalops forms list|check`: what court forms exist, and whether each renders the same text in DOCX and PDF."""

from __future__ import annotations

import json

import click

from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import docx_text, first_difference, normalise, pdf_text


@click.group()
def forms() -> None:
    """Court forms in forms/manifest.json."""


@forms.command("list")
def forms_list() -> None:
    """Print each form's key, version, stage and title."""
    for spec in get_registry().all():
        click.echo(f"{spec.key}\t{spec.version}\t{spec.stage}\t{spec.title}")


def check_form(key: str) -> list[str]:
    """Return the problems of one form: templates, gate, sample context, DOCX/PDF text parity."""
    renderer = get_renderer()
    spec = renderer.registry.get(key)
    problems = [f"missing {path.name}" for path in (spec.docx_path, spec.html_path, spec.folder / "style.css")
                if not path.is_file()]
    sample = spec.folder / "sample.json"
    if problems or not sample.is_file():
        return problems + ([] if sample.is_file() else ["missing sample.json"])
    try:
        spec.model()
        context = json.loads(sample.read_text(encoding="utf-8"))
        files = renderer.render(spec, context, ("docx", "pdf"))
    except Exception as exc:  # noqa: BLE001 - report every broken form, not only the first
        return [f"{type(exc).__name__}: {exc}"]
    words_docx, words_pdf = normalise(docx_text(files["docx"])), normalise(pdf_text(files["pdf"]))
    if words_docx != words_pdf:
        problems.append("DOCX and PDF differ " + first_difference(words_docx, words_pdf))
    return problems


@forms.command("check")
def forms_check() -> None:
    """Render every form from its sample.json and compare the DOCX and PDF texts; exit 1 on any problem."""
    failed = False
    for spec in get_registry().all():
        problems = check_form(spec.key)
        failed = failed or bool(problems)
        click.echo(f"{spec.key}: " + ("ok" if not problems else "; ".join(problems)))
    if failed:
        raise SystemExit(1)
