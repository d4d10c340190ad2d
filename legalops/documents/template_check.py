"""Check an uploaded DOCX before it may replace a form: split tags, unknown variables, a guarded sample render
whose text must match the PDF the form's HTML makes from the same sample."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import typing
import zipfile
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import fromstring
from jinja2 import TemplateSyntaxError, meta, nodes
from pydantic import BaseModel

from legalops.core.i18n import N_
from legalops.documents.environment import make_environment
from legalops.documents.registry import FormSpec

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.DOTALL)
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
#: Seconds a sample render may take; a CPU bomb that slipped through the gate is killed after this.
SAMPLE_TIMEOUT = 30
#: Names every form sees besides its context model's fields (added by Renderer.prepare).
EXTRA_NAMES = {"form"}

Problem = list  # [msgid, params]


def split_tags(data: bytes) -> list[str]:
    """Return the text of each paragraph where a {{ }} or {% %} tag is spread over several Word runs."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if _PARTS.match(n)):
            root = fromstring(archive.read(name), forbid_dtd=True)
            for paragraph in root.iter(f"{_W}p"):
                runs = ["".join(t.text or "" for t in run.iter(f"{_W}t")) for run in paragraph.iter(f"{_W}r")]
                if _spans_runs(runs):
                    found.append("".join(runs)[:120])
    return found


def _spans_runs(runs: list[str]) -> bool:
    text, bounds, position = "".join(runs), set(), 0
    for run in runs[:-1]:
        position += len(run)
        bounds.add(position)
    # A run boundary strictly inside a tag means Word split the tag (often after an edit or a spell check).
    return any(any(match.start() < b < match.end() for b in bounds) for match in _TAG.finditer(text))


def template_source(data: bytes) -> str:
    """Return the Jinja source docxtpl renders: body, headers and footers after its own XML patching."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(data))
    template.init_docx()
    source = template.patch_xml(template.get_xml())
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _rel, part in template.get_headers_footers(uri):
            source += template.patch_xml(template.get_part_xml(part))
    properties = template.docx.core_properties
    for name in ("author", "category", "comments", "content_status", "identifier", "keywords", "language",
                 "subject", "title", "version"):
        source += "\n" + (getattr(properties, name, "") or "")
    return source


def unknown_variables(source: str, spec: FormSpec, forms_dir: Path) -> list[str]:
    """Return the names and attribute paths the template uses that the form's context model lacks."""
    env = make_environment(forms_dir)
    tree = env.parse(source)
    model = spec.model()
    known = set(model.model_fields) | EXTRA_NAMES
    unknown = sorted(meta.find_undeclared_variables(tree) - known)
    scope: dict[str, Any] = {name: field.annotation for name, field in model.model_fields.items()}
    for path in _walk(tree, scope):
        if path not in unknown:
            unknown.append(path)
    return unknown


def _model_of(annotation):
    """Return the pydantic model an annotation holds directly or as Optional (else None: not checked)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    return models[0] if len(models) == 1 and typing.get_origin(annotation) not in (list, tuple) else None


def _list_item(annotation):
    """Return the model of a list[Model] field's items, else None."""
    if typing.get_origin(annotation) in (list, tuple):
        args = typing.get_args(annotation)
        return _model_of(args[0]) if args else None
    return None


def _resolve(node, scope: dict[str, Any]):
    """Return (dotted path, annotation or UNKNOWN) of a Name/Getattr chain on context models, else (None, None)."""
    if isinstance(node, nodes.Name):
        return (node.name, scope[node.name]) if scope.get(node.name) is not None else (None, None)
    if not isinstance(node, nodes.Getattr):
        return None, None
    path, annotation = _resolve(node.node, scope)
    if path is None or annotation is UNKNOWN:
        return path, annotation
    model = _model_of(annotation)
    if model is None:
        return None, None
    dotted = f"{path}.{node.attr}"
    return (dotted, model.model_fields[node.attr].annotation) if node.attr in model.model_fields else (dotted, UNKNOWN)


UNKNOWN = object()


def _walk(node, scope: dict[str, Any]):
    """Yield attribute paths on context models that name no field (loop variables followed into bodies)."""
    if isinstance(node, nodes.Getattr):
        path, annotation = _resolve(node, scope)
        if annotation is UNKNOWN:
            yield path
            return
    if isinstance(node, nodes.For) and isinstance(node.target, nodes.Name):
        yield from _walk(node.iter, scope)
        _path, annotation = _resolve(node.iter, scope)
        inner = {**scope, node.target.name: _list_item(annotation) if _path else None}
        for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
            yield from _walk(child, inner)
        return
    if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
        scope[node.target.name] = None  # `set x = …` shadows a context name with a value we do not type
    for child in node.iter_child_nodes():
        yield from _walk(child, scope)


def sample_render(data: bytes, spec: FormSpec, forms_dir: Path, timeout: int = SAMPLE_TIMEOUT,
                  parity: bool = True) -> Problem | None:
    """Render the DOCX against the form's sample.json in a child process killed after `timeout` seconds.

    With `parity` the child also renders the form's PDF from its HTML with the same sample and the two
    texts must match: an uploaded DOCX replaces only the Word file of a filing, the PDF still comes from
    template.html, and both files of one filing must say the same thing.
    """
    with tempfile.TemporaryDirectory(prefix="legalops-check-") as tmp:
        docx = Path(tmp) / "upload.docx"
        docx.write_bytes(data)
        command = [sys.executable, "-m", "legalops.documents.sample_render", str(forms_dir), spec.key, str(docx),
                   "parity" if parity else "no-parity"]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, env=env, cwd=tmp)
        except subprocess.TimeoutExpired:
            return [N_("Rendering the sample took longer than %(seconds)s seconds."), {"seconds": timeout}]
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    try:
        result = json.loads(lines[-1]) if lines else {}
    except ValueError:
        result = {}
    if not isinstance(result, dict):
        result = {}
    if done.returncode == 0 and result.get("ok"):
        return None
    if "difference" in result:
        before, docx_passage, pdf_passage = result["difference"]
        return [N_("The Word file and the PDF made from the form's HTML say different things with the sample "
                   "data: after “%(before)s” the Word file has “%(docx)s” where the PDF has “%(pdf)s”."),
                {"before": before, "docx": docx_passage, "pdf": pdf_passage}]
    if "pdf_error" in result:
        return [N_("Rendering the form's PDF from the sample failed, so the Word file could not be compared "
                   "with it: %(error)s"), {"error": str(result["pdf_error"])[:300]}]
    error = result.get("error") or (lines[-1] if lines else None) or \
        (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["killed"])[-1]
    return [N_("Rendering the sample failed: %(error)s"), {"error": str(error)[:300]}]


def check_template(data: bytes, spec: FormSpec, forms_dir: Path) -> dict[str, Any]:
    """Return the check report of an uploaded DOCX (it passed the package gate already): problems block activation."""
    problems: list[Problem] = []
    for text in split_tags(data):
        problems.append([N_("A tag is split across Word runs in the paragraph “%(text)s”: retype the tag "
                            "in one go, without changing its formatting."), {"text": text}])
    variables: list[str] = []
    try:
        source = template_source(data)
        variables = sorted(meta.find_undeclared_variables(make_environment(forms_dir).parse(source)))
        for name in unknown_variables(source, spec, forms_dir):
            problems.append([N_("The template uses “%(name)s”, which the form's data does not have."), {"name": name}])
    except TemplateSyntaxError as exc:
        problems.append([N_("Template syntax error: %(error)s"), {"error": f"{exc.message} (line {exc.lineno})"}])
    if not problems:
        failure = sample_render(data, spec, forms_dir)
        if failure:
            problems.append(failure)
    return {"problems": problems, "variables": variables}


def report_json(report: dict[str, Any]) -> str:
    """Serialise a report for printing (CLI)."""
    return json.dumps(report, ensure_ascii=False, indent=1)
