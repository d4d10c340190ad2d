"""The forms sandbox: attribute tricks refused in DOCX body, DOCX properties and HTML; autoescape; strict names."""

import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from legalops.documents.registry import Registry, default_forms_dir
from legalops.documents.render import Renderer, forms_url_fetcher
from legalops.documents.textcheck import docx_text

TRICK = "{{ ''.__class__.__mro__[1].__subclasses__() }}"


@pytest.fixture
def forms_copy(tmp_path):
    """A private copy of forms/ whose complaint templates a test may replace."""
    target = tmp_path / "forms"
    shutil.copytree(default_forms_dir(), target)
    return target


def _sample(forms_dir: Path) -> dict:
    return json.loads((forms_dir / "complaint" / "sample.json").read_text(encoding="utf-8"))


def _docx_with(path: Path, body: str, title: str = "") -> None:
    document = Document()
    document.add_paragraph(body)
    document.core_properties.title = title
    document.save(path)


def test_docx_body_attribute_trick_is_refused(forms_copy):
    _docx_with(forms_copy / "complaint" / "template.docx", TRICK)
    renderer = Renderer(Registry(forms_copy))
    with pytest.raises(SecurityError):
        renderer.render_docx(renderer.registry.get("complaint"), _sample(forms_copy))


def test_docx_properties_title_trick_is_refused(forms_copy):
    _docx_with(forms_copy / "complaint" / "template.docx", "{{ court }}", title=TRICK)
    renderer = Renderer(Registry(forms_copy))
    with pytest.raises(SecurityError):
        renderer.render_docx(renderer.registry.get("complaint"), _sample(forms_copy))


def test_html_attribute_trick_is_refused(forms_copy):
    (forms_copy / "complaint" / "template.html").write_text(f"<html><body><p>{TRICK}</p></body></html>")
    renderer = Renderer(Registry(forms_copy))
    with pytest.raises(SecurityError):
        renderer.render_html(renderer.registry.get("complaint"), _sample(forms_copy))


def test_autoescape_keeps_ampersand_and_angle_brackets_in_docx_and_title():
    renderer = Renderer(Registry(default_forms_dir()))
    spec = renderer.registry.get("complaint")
    context = _sample(default_forms_dir())
    context["respondents"][0]["name"] = "A&B <公司>"
    context["case_reference"] = "R&D <1>"
    data = renderer.render_docx(spec, context)
    assert "被告：A&B <公司>，住所地" in docx_text(data)
    assert Document(io.BytesIO(data)).core_properties.subject == "R&D <1>"
    assert "A&amp;B &lt;公司&gt;" in renderer.render_html(spec, context)


def test_strict_undefined_names_the_missing_variable(forms_copy):
    _docx_with(forms_copy / "complaint" / "template.docx", "{{ court }} {{ judge_name }}")
    (forms_copy / "complaint" / "template.html").write_text("<p>{{ presiding_judge }}</p>")
    renderer = Renderer(Registry(forms_copy))
    spec = renderer.registry.get("complaint")
    with pytest.raises(UndefinedError, match="judge_name"):
        renderer.render_docx(spec, _sample(forms_copy))
    with pytest.raises(UndefinedError, match="presiding_judge"):
        renderer.render_html(spec, _sample(forms_copy))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/style.css",
                                 "https://example.com/x.png", "file:///work/../etc/passwd"])
def test_url_fetcher_refuses_everything_outside_forms(url):
    fetcher = forms_url_fetcher(default_forms_dir())
    with pytest.raises(ValueError):
        fetcher(url)


def test_url_fetcher_serves_form_assets_and_refuses_traversal():
    root = default_forms_dir()
    fetcher = forms_url_fetcher(root)
    assert b"@import" in fetcher((root / "complaint" / "style.css").as_uri()).read()
    with pytest.raises(ValueError):
        fetcher((root / "complaint").as_uri() + "/../../pyproject.toml")


def test_pdf_rendering_never_reads_files_outside_forms(forms_copy):
    html = forms_copy / "complaint" / "template.html"
    html.write_text(html.read_text(encoding="utf-8").replace(
        "<h1>", '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png"><h1>', 1), encoding="utf-8")
    renderer = Renderer(Registry(forms_copy))
    pdf = renderer.render_pdf(renderer.registry.get("complaint"), _sample(forms_copy))
    assert pdf.startswith(b"%PDF") and b"root:x:0:0" not in pdf


@pytest.fixture
def listening_server():
    """A local HTTP server that records every request it gets (a renderer must never make one)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"h1 { color: red }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_pdf_rendering_fetches_nothing_over_the_network_from_template_or_context(forms_copy, listening_server):
    """Neither a template's nor a party name's <img>/<link>/url() reaches a live server or a local file."""
    base, hits = listening_server
    html = forms_copy / "complaint" / "template.html"
    html.write_text(html.read_text(encoding="utf-8").replace(
        "<h1>", f'<img src="{base}/img.png"><link rel="stylesheet" href="{base}/x.css">'
                f'<div style="background: url({base}/bg.png)"></div><img src="file:///etc/passwd"><h1>', 1),
        encoding="utf-8")
    sample = _sample(forms_copy)
    planted = f'<img src="{base}/context.png"><img src="file:///etc/passwd">'
    sample["respondents"][0]["name"] = planted
    sample["court"] = planted
    renderer = Renderer(Registry(forms_copy))
    spec = renderer.registry.get("complaint")
    assert "&lt;img" in renderer.render_html(spec, sample)
    pdf = renderer.render_pdf(spec, sample)
    assert pdf.startswith(b"%PDF") and b"root:x:0:0" not in pdf
    assert hits == []
