"""Checks behind `legalops forms check`: each form renders the same text in DOCX and PDF; uploads pass their check."""

from __future__ import annotations

import json

from legalops.core.errors import DomainError
from legalops.documents.docx_gate import check_docx_package
from legalops.documents.registry import FormSpec
from legalops.documents.render import get_renderer
from legalops.documents.template_check import check_template
from legalops.documents.textcheck import docx_text, first_difference, normalise, pdf_text


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


def check_upload(spec: FormSpec, data: bytes, forms_dir) -> list[str]:
    """Return the problems of an uploaded DOCX version: the package gate, then the template check."""
    try:
        check_docx_package(data)
    except DomainError as exc:
        return [str(exc)]
    report = check_template(data, spec, forms_dir)
    return [msg % params if params else msg for msg, params in report["problems"]]
