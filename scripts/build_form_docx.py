"""Build forms/<key>/template.docx from forms/<key>/template.html, so both say exactly the same thing.

Each body line of template.html is either a Jinja statement alone ("{% for p in respondents %}"), which
becomes a docxtpl paragraph tag ("{%p for p in respondents %}"), or one <h1>/<p class="…"> element whose
text becomes one paragraph written as a single run (docxtpl needs each tag inside one run).
The Word layout follows GB/T 9704-2012 like the CSS: A4, margins 37/35/28/26 mm, 16 pt body on a
fixed 29 pt line, 22 pt title, page numbers "— 1 —", East-Asian language zh-CN and CJK fonts.

Usage: .venv/bin/python scripts/build_form_docx.py [KEY ...]   (all forms by default)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FORMS = Path(__file__).resolve().parent.parent / "forms"
SERIF = "Noto Serif CJK SC"  # stands in for 仿宋/宋体 (FangSong/SimSun are not free fonts)
LINE = Pt(29)
ELEMENT = re.compile(r'^<(h1|p)(?: class="([a-z ]+)")?>(.*)</\1>$')
STATEMENT = re.compile(r"^\{%-?\s*(.+?)\s*-?%\}$")


def set_fonts(rpr_owner, font: str, size: Pt | None = None, bold: bool = False) -> None:
    """Set Latin and East-Asian fonts and the zh-CN language on a run or a style."""
    rpr = rpr_owner.get_or_add_rPr() if hasattr(rpr_owner, "get_or_add_rPr") else rpr_owner
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    # Without this Word and LibreOffice pick the Japanese face of the CJK font for Chinese text.
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size.pt * 2)))
    if bold:
        rpr.append(OxmlElement("w:b"))


def page_setup(document) -> None:
    """A4 with GB/T 9704 margins, and a centred '— N —' page number in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("— ", None, " —"):
        run = footer.add_run()
        set_fonts(run._r, SERIF, Pt(14))
        if text is None:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            inner = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            inner.append(t)
            field.append(inner)
            run._r.addnext(field)
        else:
            run.text = text


def base_style(document) -> None:
    """Body text: 16 pt serif CJK, fixed 29 pt lines, justified, no paragraph spacing."""
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), SERIF, Pt(16))
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    settings = document.settings.element
    theme_lang = OxmlElement("w:themeFontLang")
    theme_lang.set(qn("w:val"), "zh-CN")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")
    settings.append(theme_lang)


def add_paragraph(document, tag: str, classes: set[str], text: str) -> None:
    """Write one element as a paragraph with a single run holding the Jinja text."""
    if "<" in text or "&" in text:
        raise ValueError(f"keep element text plain (no nested tags or entities): {text[:60]}")
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    run = paragraph.add_run(text)
    if tag == "h1":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.line_spacing = Pt(40)
        fmt.space_after = LINE
        set_fonts(run._r, SERIF, Pt(22), bold=True)
        return
    set_fonts(run._r, SERIF, Pt(16))
    indent = not classes & {"flush", "attach", "sign", "center"}
    if indent:
        fmt.first_line_indent = Pt(32)
    if classes & {"salute", "attach", "gap"}:
        fmt.space_before = LINE
    if "sign" in classes:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(32)
    elif "center" in classes:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(key: str) -> Path:
    """Write forms/<key>/template.docx from forms/<key>/template.html."""
    html = (FORMS / key / "template.html").read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1].split("</body>", 1)[0]
    document = Document()
    base_style(document)
    page_setup(document)
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        statement = STATEMENT.match(line)
        if statement:
            document.add_paragraph().add_run("{%p " + statement.group(1) + " %}")
            continue
        element = ELEMENT.match(line)
        if not element:
            raise ValueError(f"{key}: cannot translate this line to Word: {line[:80]}")
        add_paragraph(document, element.group(1), set((element.group(2) or "").split()), element.group(3))
    props = document.core_properties
    props.title, props.subject, props.author = "{{ form.title }}", "{{ case_reference }}", "LegalOps"
    props.comments, props.language, props.keywords = "", "zh-CN", ""
    target = FORMS / key / "template.docx"
    document.save(target)
    return target


def main(keys: list[str]) -> None:
    """Build the named forms, or every form in the manifest."""
    manifest = json.loads((FORMS / "manifest.json").read_text(encoding="utf-8"))
    for key in keys or [entry["key"] for entry in manifest["forms"]]:
        print(build(key).relative_to(FORMS.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
