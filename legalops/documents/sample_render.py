"""Child process of the upload check: render one DOCX against a form's sample.json (python -m …)."""

from __future__ import annotations

import dataclasses
import json
import resource
import sys
from pathlib import Path

#: Address space for the child: a template that balloons is stopped instead of swapping the machine.
MEMORY_LIMIT = 1024 * 1024 * 1024


def main(forms_dir: str, key: str, docx: str) -> int:
    """Render and print 'ok', or print the error on the last line and return 1."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from legalops.documents.registry import Registry
    from legalops.documents.render import Renderer

    renderer = Renderer(Registry(Path(forms_dir)))
    spec = dataclasses.replace(renderer.registry.get(key), docx_file=Path(docx))
    try:
        context = json.loads(spec.sample_path.read_text(encoding="utf-8"))
        renderer.render_docx(spec, context)
    except Exception as exc:  # noqa: BLE001 - the parent shows whatever went wrong
        print(f"{type(exc).__name__}: {exc}".replace("\n", " "))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
