"""`legalops generate` prints one line per case (files or what is missing); `forms list|check` see uploads."""

from contextlib import contextmanager

import factories as f
import pytest
from click.testing import CliRunner

from legalops.cases.filing_cli import generate_to_folder, join_sentences
from legalops.cli import documents as cli
from legalops.db import commit
from legalops.documents import cli as checks
from legalops.documents.form_versions import activate_version, upload_form_version
from legalops.documents.registry import get_registry


@pytest.fixture
def cases(app, session):
    counsel = f.user(session, "counsel")
    good, broken = f.case(session, counsel, debtors=3), f.case(session, counsel)
    broken.court_name = ""
    session.commit()
    return good, broken


def test_generate_prints_files_or_what_is_missing(app, session, cases, tmp_path):
    good, broken = cases
    with app.app_context():
        lines = generate_to_folder(session, "complaint", [good.reference, broken.reference, "NOPE-1"], False,
                                   ("docx", "pdf"), tmp_path)
    assert lines[0] == "NOPE-1: no such case"
    assert f"{good.reference}: {good.reference}-complaint.docx, {good.reference}-complaint.pdf" in lines
    assert f"{broken.reference}: missing: No court is chosen for the case." in lines
    assert (tmp_path / f"{good.reference}-complaint.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".tmp-*"))
    assert cli.exit_code(lines, {good.reference, broken.reference}, False) == 1


def test_several_missing_items_are_joined_as_one_sentence(app, session, tmp_path):
    """Each missing item ends with a full stop: the line reads "A; B.", never "A.; B."."""
    case = f.case(session, f.user(session, "counsel"), loan=False)
    case.court_name = ""
    session.commit()
    with app.app_context():
        (line,) = generate_to_folder(session, "complaint", [], True, ("docx",), tmp_path)
    assert line == f"{case.reference}: missing: No court is chosen for the case; The case has no loan."
    assert join_sentences(["Debtor 甲 has no address (住所地).", "Not served (民事诉讼法 art. 225). "]) == \
        "Debtor 甲 has no address (住所地); Not served (民事诉讼法 art. 225)."


def test_all_skips_cases_that_lack_data_without_failing():
    lines = ["C-1: C-1-complaint.docx", "C-2: missing: No court is chosen for the case."]
    assert cli.exit_code(lines, set(), True) == 0
    assert cli.exit_code(lines, {"C-2"}, True) == 1
    assert cli.exit_code([*lines, "C-3: error: ValueError: boom"], set(), True) == 1


def test_forms_list_and_check_include_the_active_upload(app, session, monkeypatch):
    spec = get_registry().get("complaint")
    with app.app_context():
        version = upload_form_version(session, spec, spec.docx_path.read_bytes(),
                                      label="2026.7", filename="c.docx", uploaded_by_id=None,
                                      forms_dir=get_registry().forms_dir)
        activate_version(session, version)
        commit(session)

    @contextmanager
    def on_test_db():
        with app.app_context():
            yield app, session

    monkeypatch.setattr(cli, "app_session", on_test_db)
    runner = CliRunner()
    listed = runner.invoke(cli.forms, ["list"])
    assert listed.exit_code == 0 and "complaint\t2026.7 (uploaded; shipped " in listed.output
    monkeypatch.setattr(checks, "check_form", lambda key: [])  # the shipped forms' parity has its own test
    checked = runner.invoke(cli.forms, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "complaint@2026.7 (uploaded): ok" in checked.output
    monkeypatch.setattr(checks, "check_template", lambda *a: {"problems": [["The template uses “%(name)s”, "
                                                                            "which the form's data does not have.",
                                                                            {"name": "x"}]]})
    failed = runner.invoke(cli.forms, ["check"])
    assert failed.exit_code == 1 and "complaint@2026.7 (uploaded): The template uses “x”" in failed.output


def test_forms_check_reports_an_active_upload_that_says_something_else_than_the_pdf(app, session, monkeypatch):
    """A version activated before the parity check existed is reported, with the differing passage."""
    import io
    import zipfile

    spec = get_registry().get("complaint")
    data = spec.docx_path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        "承担连带清偿责任；".encode(), "承担补充赔偿责任；".encode(), 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    with app.app_context():
        version = upload_form_version(session, spec, out.getvalue(), label="2026.8", filename="c.docx",
                                      uploaded_by_id=None, forms_dir=get_registry().forms_dir)
        assert version.status == "failed"
        version.status = "active"
        commit(session)

    @contextmanager
    def on_test_db():
        with app.app_context():
            yield app, session

    monkeypatch.setattr(cli, "app_session", on_test_db)
    monkeypatch.setattr(checks, "check_form", lambda key: [])
    checked = CliRunner().invoke(cli.forms, ["check"])
    assert checked.exit_code == 1
    line = next(line for line in checked.output.splitlines() if line.startswith("complaint@2026.8"))
    assert "say different things" in line and "the Word file has “补充赔” where the PDF has “连带清”" in line
