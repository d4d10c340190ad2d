"""The upload gate: accept PDF, DOCX, JPEG and PNG by their content, never by their name or claimed type."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image, UnidentifiedImageError

from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.documents.docx_gate import DocxLimits, check_docx_package


@dataclass(frozen=True)
class Accepted:
    """What the content turned out to be."""

    ext: str
    mime: str
    label: str


PDF = Accepted("pdf", "application/pdf", "PDF")
DOCX = Accepted("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (.docx)")
JPEG = Accepted("jpg", "image/jpeg", "JPEG")
PNG = Accepted("png", "image/png", "PNG")
#: File-name extensions that announce each kind; a name announcing another kind than the content is refused.
EXTENSIONS = {"pdf": PDF, "docx": DOCX, "jpg": JPEG, "jpeg": JPEG, "png": PNG}
#: Images larger than this many pixels are refused before decoding (decompression bombs).
MAX_PIXELS = 80_000_000


def check_upload(data: bytes, filename: str, max_bytes: int) -> Accepted:
    """Return the kind of an uploaded file, or raise DomainError saying why it is refused."""
    if not data:
        raise DomainError(N_("The file is empty."), field="file")
    if len(data) > max_bytes:
        raise DomainError(N_("The file is larger than %(mb)s MB."), field="file", mb=max_bytes // (1024 * 1024))
    kind = _sniff(data)
    if kind is None:
        raise DomainError(N_("Only PDF, Word (.docx), JPEG and PNG files are accepted; this file's content is none of them."),
                          field="file")
    claimed = EXTENSIONS.get(PurePosixPath(filename.replace("\\", "/")).suffix.lower().lstrip("."))
    if claimed is not None and claimed != kind:
        raise DomainError(N_("The file name says %(claimed)s but the content is %(actual)s."), field="file",
                          claimed=claimed.label, actual=kind.label)
    {PDF: _check_pdf, DOCX: _check_docx, JPEG: _check_image, PNG: _check_image}[kind](data, kind, max_bytes)
    return kind


def _sniff(data: bytes) -> Accepted | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return DOCX
    return None


def _check_pdf(data: bytes, _kind: Accepted, _max: int) -> None:
    # A real PDF ends with its trailer: startxref, an offset, then %%EOF (optionally followed by line ends).
    tail = data[-1024:]
    if b"%%EOF" not in tail or b"startxref" not in data[-2048:]:
        raise DomainError(N_("The PDF file is incomplete or damaged (no trailer)."), field="file")


def _check_docx(data: bytes, _kind: Accepted, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise DomainError(N_("The Word file is damaged."), field="file") from None
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise DomainError(N_("This is a ZIP archive, not a Word (.docx) document."), field="file")
    try:
        check_docx_package(data, DocxLimits(max_bytes=max_bytes, max_paragraphs=50_000))
    except DomainError as exc:
        raise DomainError(exc.message, field="file", **exc.params) from None


def _check_image(data: bytes, kind: Accepted, _max: int) -> None:
    expected = "JPEG" if kind is JPEG else "PNG"
    try:
        with Image.open(io.BytesIO(data)) as image:
            # Reads the header only; verify() then walks the chunks/markers without decoding the pixels.
            if image.format != expected or image.width * image.height > MAX_PIXELS:
                raise DomainError(N_("The image is damaged or too large."), field="file")
            image.verify()
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise DomainError(N_("The image is damaged or too large."), field="file") from None
