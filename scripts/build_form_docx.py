"""Build forms/<key>/template.docx from forms/<key>/template.html, so both say exactly the same thing.

Each body line of template.html is either a Jinja statement alone ("{% for p in respondents %}"), which
becomes a docxtpl paragraph tag ("{%p for p in respondents %}"), or one <h1>/<p class="…"> element whose
text becomes one paragraph written as a single run (docxtpl needs each tag inside one run).
Tables: '<table class="…" data-widths="20 40 …" data-line="17">' (column widths in mm; the optional line
height in pt, 15 by default) on its own line, then one '<tr class="section">' per line with
'<th>'/'<td class="num|center|label" colspan="n">' cells of plain text ('<br>' breaks a line inside a cell),
Jinja statements on their own lines (they become docxtpl row tags, "{%tr for r in rows %}"), and '</table>'
alone. No row is split over two pages; a class="section" row (a heading across the table, 14 pt, not bold:
a bold CJK face is one more font embedded in the PDF) is kept with the row after it. '<p class="subtitle">'
right after the title is a centred 18 pt line; '<p class="keep">' stays on the page of the paragraph after it.
The closing block, '<p class="salute">' (此致) and every <p> after it (court, attachments, signature, date), stays
together on one page as the shared stylesheet's 'p.salute ~ p' rule makes it in the PDF: each of its paragraphs
keeps its lines together and all but the last are kept with the next.
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
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

FORMS = Path(__file__).resolve().parent.parent / "forms"
SERIF = "Noto Serif CJK SC"  # stands in for 仿宋/宋体 (FangSong/SimSun are not free fonts)
LINE = Pt(29)
ELEMENT = re.compile(r'^<(h1|p)(?: class="([a-z ]+)")?>(.*)</\1>$')
STATEMENT = re.compile(r"^\{%-?\s*(.+?)\s*-?%\}$")
TABLE = re.compile(r'^<table(?: class="([a-z ]+)")? data-widths="([\d. ]+)"(?: data-line="([\d.]+)")?>$')
ROW = re.compile(r'^<tr(?: class="([a-z ]+)")?>(.*)</tr>$')
CELL = re.compile(r'<(th|td)(?: class="([a-z ]+)")?(?: colspan="(\d+)")?>(.*?)</\1>')
TABLE_SIZE, TABLE_LINE = Pt(10.5), Pt(15)
SECTION_SIZE, SECTION_LINE = Pt(14), Pt(22)
BREAK = "<br>"


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


def add_paragraph(document, tag: str, classes: set[str], text: str, closing: bool = False) -> Paragraph:
    """Write one element as a paragraph with a single run holding the Jinja text; return the paragraph.

    closing: the paragraph belongs to the closing block (see build), so it is not split over two pages and
    stays on the page of the next paragraph (build lets the block's last paragraph go)."""
    if "<" in text or "&" in text:
        raise ValueError(f"keep element text plain (no nested tags or entities): {text[:60]}")
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    run = paragraph.add_run(text)
    # class="newpage": the paragraph starts a new page (one letter per addressee), like CSS break-before.
    # These properties are off by default and left unset otherwise, so the XML carries only what was asked for.
    if "newpage" in classes:
        fmt.page_break_before = True
    # class="keep": the paragraph stays on the page of the next one, like CSS break-after: avoid.
    if "keep" in classes or closing:
        fmt.keep_with_next = True
    # The closing block: like CSS break-inside: avoid (and break-after: avoid above).
    if closing:
        fmt.keep_together = True
    if tag == "h1":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.line_spacing = Pt(40)
        fmt.space_after = LINE
        set_fonts(run._r, SERIF, Pt(22), bold=True)
        return paragraph
    if "subtitle" in classes:
        # The case type under the title (element-style forms): 18 pt, close under the 22 pt title.
        document.paragraphs[-2].paragraph_format.space_after = Pt(6)
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_after = Pt(12)
        set_fonts(run._r, SERIF, Pt(18))
        return paragraph
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
    return paragraph


def set_cell_text(cell, text: str, header: bool, classes: set[str], line: Pt = TABLE_LINE,
                  section: bool = False) -> None:
    """Write a cell's text as one run ('<br>' as line breaks): 10.5 pt on a fixed line, numbers right-aligned,
    headers bold, labels centred; a section heading 14 pt and kept with the next row."""
    if "<" in text.replace(BREAK, "") or "&" in text:
        raise ValueError(f"keep cell text plain (no nested tags or entities but <br>): {text[:60]}")
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.line_spacing, fmt.first_line_indent = (SECTION_LINE if section else line), Pt(0)
    if section:
        fmt.keep_with_next = True
    if header or classes & {"center", "label"}:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif "num" in classes:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if "label" in classes:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # python-docx writes "\n" as <w:br/> inside the one run, so a Jinja tag may still span a line break.
    run = paragraph.add_run(text.replace(BREAK, "\n"))
    set_fonts(run._r, SERIF, SECTION_SIZE if section else TABLE_SIZE, bold=header and not section)


def add_table_row(table, widths: list[float], line: str, line_height: Pt = TABLE_LINE) -> None:
    """Append one <tr> line as a Word row that never splits over two pages, merging spanned cells."""
    row = ROW.match(line)
    cells = CELL.findall(row.group(2)) if row else []
    if not cells or sum(int(span or 1) for _, _, span, _ in cells) != len(widths):
        raise ValueError(f"a table row must fill all {len(widths)} columns: {line[:80]}")
    section = "section" in (row.group(1) or "").split()
    word_row = table.add_row()
    word_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    column = 0
    for tag, classes, span, text in cells:
        span = int(span or 1)
        cell = word_row.cells[column]
        if span > 1:
            cell = cell.merge(word_row.cells[column + span - 1])
        set_cell_text(cell, text, tag == "th", set(classes.split()), line_height, section)
        column += span
    for index, cell in enumerate(word_row.cells):
        cell.width = Mm(widths[index])


def add_table(document, widths: list[float], lines: list[str], line_height: Pt = TABLE_LINE) -> None:
    """Write a bordered table; a Jinja statement line becomes a docxtpl row tag."""
    table = document.add_table(rows=0, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for line in lines:
        statement = STATEMENT.match(line)
        if statement:
            row = table.add_row()
            row.cells[0].paragraphs[0].add_run("{%tr " + statement.group(1) + " %}")
            continue
        add_table_row(table, widths, line, line_height)
    for index, column in enumerate(table.columns):
        column.width = Mm(widths[index])


def build(key: str) -> Path:
    """Write forms/<key>/template.docx from forms/<key>/template.html."""
    html = (FORMS / key / "template.html").read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1].split("</body>", 1)[0]
    document = Document()
    base_style(document)
    page_setup(document)
    table: tuple[list[float], list[str], Pt] | None = None
    # The closing block: the salute paragraph and every <p> after it, as the CSS rule
    # 'p.salute, p.salute ~ p { break-inside: avoid; break-after: avoid; }' selects them.
    closing: list[tuple[Paragraph, set[str]]] = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if table is not None:
            if line == "</table>":
                add_table(document, *table)
                table = None
            else:
                table[1].append(line)
            continue
        opening = TABLE.match(line)
        if opening:
            table = ([float(width) for width in opening.group(2).split()], [],
                     Pt(float(opening.group(3))) if opening.group(3) else TABLE_LINE)
            continue
        statement = STATEMENT.match(line)
        if statement:
            document.add_paragraph().add_run("{%p " + statement.group(1) + " %}")
            continue
        element = ELEMENT.match(line)
        if not element:
            raise ValueError(f"{key}: cannot translate this line to Word: {line[:80]}")
        tag, classes = element.group(1), set((element.group(2) or "").split())
        in_closing = tag == "p" and (bool(closing) or "salute" in classes)
        paragraph = add_paragraph(document, tag, classes, element.group(3), closing=in_closing)
        if in_closing:
            closing.append((paragraph, classes))
    if closing and "keep" not in closing[-1][1]:
        # The block's last paragraph may be followed by anything (or nothing): it need not keep with it.
        closing[-1][0].paragraph_format.keep_with_next = None
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
