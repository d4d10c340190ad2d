"""Every form: the DOCX and the PDF of the same context say the same thing; layout basics of the Word file."""

import io
import json

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
