"""Every form: the DOCX and the PDF of the same context say the same thing; layout basics of the Word file."""

import io
import json
import re
import subprocess
import tempfile
from functools import cache

import pytest
from docx import Document

from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import docx_text, first_difference, normalise, pdf_text

FORMS = [spec.key for spec in get_registry().all()]


@pytest.mark.parametrize("key", FORMS)
def test_docx_and_pdf_say_the_same(key):
    renderer = get_renderer()
    spec = renderer.registry.get(key)
    context = json.loads((spec.folder / "sample.json").read_text(encoding="utf-8"))
    files = renderer.render(spec, context, ("docx", "pdf"))
    words_docx, words_pdf = normalise(docx_text(files["docx"])), normalise(pdf_text(files["pdf"]))
    assert words_docx == words_pdf, first_difference(words_docx, words_pdf)
    assert spec.title in words_pdf and "2026年11月23日" in words_pdf
    assert len(files["pdf"]) < 300_000


def test_complaint_names_every_party_and_amounts_in_capitals():
    renderer = get_renderer()
    spec = renderer.registry.get("complaint")
    context = json.loads((spec.folder / "sample.json").read_text(encoding="utf-8"))
    text = normalise(docx_text(renderer.render_docx(spec, context)))
    for name in ("张三", "李梅", "A&B<贸易>"):
        assert f"被告：{normalise(name)}" in text or normalise(name) in text
    assert "¥800,000.10（大写：人民币捌拾万元壹角整）" in text
    assert "承担连带清偿责任" in text and "享有优先受偿权" in text and "财产依法强制执行后仍不能履行" in text
    assert "此致上海市浦东新区人民法院" in text


def test_docx_sets_chinese_language_fonts_and_gbt9704_page():
    renderer = get_renderer()
    spec = renderer.registry.get("complaint")
    context = json.loads((spec.folder / "sample.json").read_text(encoding="utf-8"))
    document = Document(io.BytesIO(renderer.render_docx(spec, context)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    xml = document.element.xml
    assert 'w:eastAsia="zh-CN"' in xml and 'w:eastAsia="Noto Serif CJK SC"' in xml
    assert "PAGE" in section.footer._element.xml


# --- every form in the manifest (including forms added later): sample, layout, fonts ------------------------

MM = 72 / 25.4  # PDF points per millimetre
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@cache
def _sample_pdf(key: str) -> bytes:
    renderer = get_renderer()
    spec = renderer.registry.get(key)
    return renderer.render_pdf(spec, json.loads(spec.sample_path.read_text(encoding="utf-8")))


def _run(tool: str, data: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        return subprocess.run([tool, *args, tmp.name, "-"] if tool == "pdftotext" else [tool, tmp.name],
                              capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


@pytest.mark.parametrize("key", FORMS)
def test_sample_validates_against_the_context_model(key):
    spec = get_registry().get(key)
    model = spec.model()
    context = model.model_validate_json(spec.sample_path.read_text(encoding="utf-8"))
    assert context.model_dump(mode="json")["document_date"], "a sample needs its document date"
    assert model.model_config.get("extra") == "forbid", "context models refuse unknown keys (Strict)"


@pytest.mark.parametrize("key", FORMS)
def test_pdf_is_a4_within_gbt9704_margins_with_page_numbers(key):
    pages = _PAGE.findall(_run("pdftotext", _sample_pdf(key), "-bbox"))
    assert pages
    for number, (width, height, body) in enumerate(pages, start=1):
        assert (round(float(width) / MM), round(float(height) / MM)) == (210, 297)
        words = [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in _WORD.findall(body)]
        footer = [w for w in words if w[1] > float(height) - 35 * MM]
        assert "".join(w[4] for w in footer).replace(" ", "") == f"—{number}—", f"page {number} number"
        text = [w for w in words if w not in footer]
        slack = 2  # points: glyph boxes overhang the line box a little
        assert min(w[0] for w in text) >= 28 * MM - slack, "left margin 28 mm"
        assert max(w[2] for w in text) <= float(width) - 26 * MM + slack, "right margin 26 mm"
        assert min(w[1] for w in text) >= 37 * MM - slack, "top margin 37 mm"


@pytest.mark.parametrize("key", FORMS)
def test_pdf_fonts_are_embedded_subsets(key):
    rows = _run("pdffonts", _sample_pdf(key)).splitlines()[2:]
    assert rows, "the PDF names its fonts"
    for row in rows:
        name, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), f"{name} must be embedded as a subset: {row}"
        assert re.match(r"^[A-Z]{6}\+", name), name


@pytest.mark.parametrize("extra_evidence", range(13, 18))
def test_the_complaints_closing_block_is_never_split_across_pages(extra_evidence):
    # Three defendants and a longer evidence list: before the fix, 15 extra lines left "此致" at the foot of a
    # page and the court's name at the top of the next.
    renderer = get_renderer()
    spec = renderer.registry.get("complaint")
    context = json.loads(spec.sample_path.read_text(encoding="utf-8"))
    assert len(context["respondents"]) == 3
    context["evidence"] += ["证据" + "甲" * 20] * extra_evidence
    pages = [page.replace(" ", "") for page in _run("pdftotext", renderer.render_pdf(spec, context)).split("\f")]
    pages = [page for page in pages if page.strip()]
    closing = pages[-1]
    for line in ("此致", context["court"], "具状人", "2026年11月23日"):
        assert line in closing, (line, len(pages))
    assert "此致" not in "".join(pages[:-1])
