"""The upload gate decides by content: real PDF/DOCX/JPEG/PNG pass, disguised or damaged files are refused with a reason."""

from __future__ import annotations

import pytest
from support.uploads import EXE, HTML, docx_bytes, image_bytes, pdf_bytes, plain_zip

from legalops.casefiles.gate import check_upload
from legalops.core.errors import DomainError

MB = 1024 * 1024


@pytest.mark.parametrize(("data", "name", "mime"), [
    (pdf_bytes(), "判决书.pdf", "application/pdf"),
    (docx_bytes(), "judgment.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (image_bytes("PNG"), "scan.png", "image/png"),
    (image_bytes("JPEG"), "scan.JPG", "image/jpeg"),
    (image_bytes("JPEG"), "no-extension", "image/jpeg"),
])
def test_real_files_pass_with_their_content_type(data, name, mime):
    assert check_upload(data, name, 20 * MB).mime == mime


@pytest.mark.parametrize(("data", "name", "reason"), [
    (HTML, "judgment.pdf", "content is none of them"),
    (plain_zip(), "judgment.docx", "ZIP archive, not a Word"),
    (EXE, "photo.png", "content is none of them"),
    (image_bytes("PNG"), "judgment.pdf", "says PDF but the content is PNG"),
    (pdf_bytes()[:-30], "cut.pdf", "no trailer"),
    (image_bytes("PNG")[:40], "cut.png", "damaged"),
    (b"", "empty.pdf", "empty"),
])
def test_disguised_and_damaged_files_are_refused_with_a_reason(data, name, reason):
    with pytest.raises(DomainError) as refused:
        check_upload(data, name, 20 * MB)
    assert reason in str(refused.value)
    assert refused.value.field == "file"


def test_oversized_file_is_refused_with_the_limit():
    with pytest.raises(DomainError) as refused:
        check_upload(pdf_bytes() + b" " * MB, "big.pdf", MB)
    assert str(refused.value) == "The file is larger than 1 MB."


def test_docx_with_a_doctype_is_refused():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            target.writestr(item, data)
    with pytest.raises(DomainError) as refused:
        check_upload(out.getvalue(), "bomb.docx", 20 * MB)
    assert "DOCTYPE" in str(refused.value)


def _tampered_docx(how: str) -> bytes:
    """Return a DOCX whose document part lies about its size, claims encryption or has a broken stream."""
    import io
    import struct
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml" and how == "lying_size":
                # A bomb that declares a tiny part: 8 MB of spaces compress to a few KB.
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (8 * MB), 1)
            target.writestr(item.filename, data)
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    for local in (True, False):
        signature, header = (b"PK\x03\x04", 30) if local else (b"PK\x01\x02", 46)
        at = next(i - header for i in _find_all(data, name) if data[i - header:i - header + 4] == signature)
        if how == "lying_size":
            struct.pack_into("<I", data, at + (22 if local else 24), 100)
        elif how == "encrypted":
            flags_at = at + (6 if local else 8)
            struct.pack_into("<H", data, flags_at, struct.unpack_from("<H", data, flags_at)[0] | 1)
        elif how == "broken_stream" and local:
            start = at + header + len(name) + struct.unpack_from("<H", data, at + 28)[0]
            data[start:start + 8] = b"\xff" * 8
    return bytes(data)


def _find_all(data: bytes, needle: bytes):
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1)


@pytest.mark.parametrize("how", ["lying_size", "encrypted", "broken_stream"])
def test_tampered_word_packages_are_refused_not_a_crash(how):
    """A ZIP that lies about a part's size (a disguised bomb), claims encryption or cannot inflate is refused."""
    from legalops.documents.docx_gate import check_docx_package

    data = _tampered_docx(how)
    with pytest.raises(DomainError) as refused:
        check_upload(data, "tampered.docx", 20 * MB)
    assert refused.value.field == "file"
    with pytest.raises(DomainError):
        check_docx_package(data)
