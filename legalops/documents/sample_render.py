"""Child process of the upload check: render one DOCX against a form's sample.json (python -m …).

It also renders the form's PDF from template.html with the same sample and compares the two texts, since an
uploaded DOCX replaces only the Word file of a filing while the PDF still comes from the HTML. The last line
of its output is JSON: {"ok": true}, {"error": "…"} or {"difference": [before, docx passage, pdf passage]}.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import sys
from pathlib import Path

#: Address space for the child: a template that balloons is stopped instead of swapping the machine.
MEMORY_LIMIT = 1024 * 1024 * 1024


def main(forms_dir: str, key: str, docx: str, parity: str = "parity") -> int:
    """Render (and compare with the PDF unless `parity` is 'no-parity'); print the JSON result line."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from legalops.documents.registry import Registry
    from legalops.documents.render import Renderer
    from legalops.documents.textcheck import differing_passages, docx_text, normalise, pdf_text

    renderer = Renderer(Registry(Path(forms_dir)))
    spec = dataclasses.replace(renderer.registry.get(key), docx_file=Path(docx))
    try:
        context = json.loads(spec.sample_path.read_text(encoding="utf-8"))
        words = renderer.render_docx(spec, context)
    except Exception as exc:  # noqa: BLE001 - the parent shows whatever went wrong
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}".replace("\n", " ")}, ensure_ascii=False))
        return 1
    if parity != "no-parity":
        try:
            pdf = renderer.render_pdf(spec, context)
            difference = differing_passages(normalise(docx_text(words)), normalise(pdf_text(pdf)))
        except Exception as exc:  # noqa: BLE001 - the shipped HTML failing is reported, not hidden
            print(json.dumps({"pdf_error": f"{type(exc).__name__}: {exc}".replace("\n", " ")}, ensure_ascii=False))
            return 1
        if difference is not None:
            print(json.dumps({"difference": list(difference)}, ensure_ascii=False))
            return 1
    print(json.dumps({"ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
