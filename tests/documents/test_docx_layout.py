"""Word layout the PDF stylesheet also asks for: a form's closing block (此致, court, attachments, signature, date)
stays together on one page, through w:keepNext / w:keepLines written by scripts/build_form_docx.py."""

import importlib.util
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import normalise

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_form_docx.py"
MANIFEST = get_registry().forms_dir / "manifest.json"
KEYS = [entry["key"] for entry in json.loads(MANIFEST.read_text(encoding="utf-8"))["forms"]]
_P = re.compile(r'^<p(?: class="([a-z ]+)")?>(.*)</p>$')


def _closing_block(key: str) -> list[str]:
    """The texts of the HTML's closing block: the <p class="salute"> and every <p> after it, the paragraphs the
    shared stylesheet's 'p.salute, p.salute ~ p { break-inside: avoid; break-after: avoid; }' keeps together."""
    html = get_registry().get(key).html_path.read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1].split("</body>", 1)[0]
    paragraphs = [match for match in map(_P.match, (line.strip() for line in body.splitlines())) if match]
    start = next((index for index, match in enumerate(paragraphs) if "salute" in (match.group(1) or "").split()),
                 None)
    return [] if start is None else [match.group(2) for match in paragraphs[start:]]


CLOSING = [key for key in KEYS if _closing_block(key)]


def test_the_filings_to_the_court_have_a_closing_block():
    assert {"complaint", "complaint_elements", "enforcement_application", "evidence_list"} <= set(CLOSING)


def _assert_kept_together(paragraphs, texts: list[str]) -> None:
    assert [normalise(p.text) for p in paragraphs] == [normalise(text) for text in texts]
    for paragraph in paragraphs:
        assert paragraph.paragraph_format.keep_together, f"keepLines: {paragraph.text}"
    for paragraph in paragraphs[:-1]:
        assert paragraph.paragraph_format.keep_with_next, f"keepNext: {paragraph.text}"
    assert not paragraphs[-1].paragraph_format.keep_with_next, "the last paragraph need not keep with the next"


@pytest.mark.parametrize("key", CLOSING)
def test_the_docx_template_keeps_the_closing_block_together(key):
    texts = _closing_block(key)
    document = Document(str(get_registry().get(key).docx_path))
    body = [p for p in document.paragraphs if not p.text.startswith("{%p ")]
    _assert_kept_together(body[-len(texts):], texts)


@pytest.mark.parametrize("key", CLOSING)
def test_the_rendered_docx_keeps_the_closing_block_together(key):
    renderer = get_renderer()
    spec = renderer.registry.get(key)
    context = json.loads(spec.sample_path.read_text(encoding="utf-8"))
    document = Document(io.BytesIO(renderer.render_docx(spec, context)))
    texts = _closing_block(key)
    salute = [index for index, p in enumerate(document.paragraphs) if normalise(p.text) == normalise(texts[0])]
    assert salute, texts[0]
    closing = document.paragraphs[salute[-1]:]
    assert len(closing) == len(texts)
    for paragraph in closing:
        assert paragraph.paragraph_format.keep_together, f"keepLines: {paragraph.text}"
    for paragraph in closing[:-1]:
        assert paragraph.paragraph_format.keep_with_next, f"keepNext: {paragraph.text}"


@pytest.mark.parametrize("key", KEYS)
def test_the_shipped_template_is_what_the_build_script_writes(key, tmp_path, monkeypatch):
    """A form's template.docx is rebuilt whenever its HTML or the script changes (so Word gets the layout too)."""
    spec = importlib.util.spec_from_file_location("build_form_docx", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = get_registry().get(key).folder
    (tmp_path / key).mkdir()
    shutil.copy(shipped / "template.html", tmp_path / key / "template.html")
    monkeypatch.setattr(script, "FORMS", tmp_path)
    built = script.build(key)

    def xml(path: Path) -> bytes:
        with zipfile.ZipFile(path) as archive:
            return archive.read("word/document.xml")

    assert xml(built) == xml(shipped / "template.docx"), f"run: .venv/bin/python scripts/build_form_docx.py {key}"
