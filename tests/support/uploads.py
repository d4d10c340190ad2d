"""Small real files of each accepted kind, and disguised ones, for upload tests."""

from __future__ import annotations

import io
import zipfile


def pdf_bytes(text: str = "judgment") -> bytes:
    """Return a minimal well-formed PDF with a trailer."""
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"% " + text.encode() + b"\n")
    xref = len(body)
    return body + b"xref\n0 3\ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"


def docx_bytes(text: str = "民事判决书") -> bytes:
    """Return a real Word document made with python-docx."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG") -> bytes:
    """Return a small PNG or JPEG image."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def plain_zip() -> bytes:
    """Return a ZIP archive that is not a Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
