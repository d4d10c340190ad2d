"""Write a court form for many cases to a folder (the work behind `legalops generate`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from legalops.cases.documents import build_form_context
from legalops.cases.models import Case
from legalops.documents.form_versions import active_spec
from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.storage import store_bytes


def join_sentences(sentences: list[str]) -> str:
    """Join sentences into one line: "A; B." rather than "A.; B." (each one's own full stop is dropped)."""
    parts = [text.strip().rstrip(".。").rstrip() for text in sentences]
    return "; ".join(part for part in parts if part) + "." if any(parts) else ""


def generate_to_folder(session: Session, form_key: str, references: list[str], everything: bool,
                       formats: tuple[str, ...], out: Path) -> list[str]:
    """Render the form for each case into `out`; return one line per case (files written, or what is missing)."""
    spec = active_spec(session, get_registry().get(form_key))
    stmt = select(Case).order_by(Case.reference)
    if not everything:
        stmt = stmt.where(Case.reference.in_(references))
    cases = list(session.execute(stmt).scalars())
    found = {c.reference for c in cases}
    lines = [f"{ref}: no such case" for ref in references if ref not in found]
    out.mkdir(parents=True, exist_ok=True)
    renderer = get_renderer()
    for case in cases:
        built = build_form_context(session, case, form_key)
        if not built.ready:
            lines.append(f"{case.reference}: missing: " + join_sentences(built.missing_text()))
            continue
        try:
            files = renderer.render(spec, built.context, formats)
        except Exception as exc:  # noqa: BLE001 - one broken case must not stop the others
            lines.append(f"{case.reference}: error: {type(exc).__name__}: {exc}"[:500])
            continue
        names = []
        for fmt, data in files.items():
            target = out / f"{case.reference}-{spec.key}.{fmt}"
            store_bytes(out, target.name, data)  # write-then-rename: no half-written file on a crash
            names.append(target.name)
        lines.append(f"{case.reference}: " + ", ".join(names))
    return lines
