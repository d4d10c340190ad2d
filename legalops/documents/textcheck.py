"""Extract the words of a DOCX and a PDF, so a check can prove both files of a filing say the same thing."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile

from docx import Document
from docx.table import Table

_PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
_SPACE = re.compile(r"\s+")


def docx_text(data: bytes) -> str:
    """Return the body paragraphs and table cells of a DOCX in reading order (headers and footers left out)."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell is repeated once per grid column it spans
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        lines.append(cell.text)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """Return a PDF's text in drawing order (poppler's pdftotext -raw), without the '— N —' page numbers."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise RuntimeError("pdftotext (poppler-utils) is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        out = subprocess.run([tool, "-raw", "-enc", "UTF-8", tmp.name, "-"], capture_output=True, check=True, timeout=60)
    lines = out.stdout.decode("utf-8").replace("\f", "\n").splitlines()
    return "\n".join(line for line in lines if not _PAGE_NUMBER.match(line.strip()))


def normalise(text: str) -> str:
    """Drop all whitespace (line breaks fall in different places in Word and in the PDF)."""
    return _SPACE.sub("", text.replace("\u3000", " "))


def first_difference(a: str, b: str, width: int = 30) -> str:
    """Describe where two normalised texts part ways, for error messages."""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"at {index}: {a[max(0, index - width):index + width]!r} vs {b[max(0, index - width):index + width]!r}"
    return f"lengths {len(a)} vs {len(b)}"


def differing_passages(a: str, b: str, before: int = 15, width: int = 40) -> tuple[str, str, str] | None:
    """Return (the text just before, a's passage, b's passage) where two normalised texts first part ways.

    The passages are what lies between the longest common beginning and the longest common end, cut to
    `width` characters: an added sentence shows as itself against an empty passage, a changed one as both
    wordings. None when the texts are equal.
    """
    if a == b:
        return None
    start = len(os.path.commonprefix([a, b]))
    end, room = 0, min(len(a), len(b)) - start
    while end < room and a[-1 - end] == b[-1 - end]:
        end += 1

    def cut(text: str) -> str:
        passage = text[start:len(text) - end]
        return passage if len(passage) <= width else passage[:width] + "…"

    return a[max(0, start - before):start], cut(a), cut(b)
