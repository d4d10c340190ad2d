"""Render a validated form context to HTML, DOCX (docxtpl) and PDF (WeasyPrint), always in the sandbox."""

from __future__ import annotations

import gc
import io
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from docxtpl import DocxTemplate
from pydantic import BaseModel

from legalops.documents.docx_gate import check_docx_package
from legalops.documents.environment import make_environment
from legalops.documents.registry import FormSpec, Registry, get_registry

_IMPORT = re.compile(r'^@import url\("([^"]+)"\);$')
_STYLESHEET_LINK = '<link rel="stylesheet" href="style.css">'


def weasyprint():
    """Import WeasyPrint once per process (~0.9 s); the worker calls this before forking."""
    import weasyprint as wp

    return wp


def preload() -> None:
    """Pay WeasyPrint's import and font set-up once, so forked job processes inherit them."""
    weasyprint()
    _fetcher_class()


@lru_cache(maxsize=1)
def _fetcher_class():
    wp = weasyprint()

    class FormsOnlyFetcher(wp.urls.URLFetcher):
        """Serve file: URLs under one folder; refuse everything else (no network, no /etc/passwd)."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)
            self.root = Path(root).resolve()
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or parts.netloc not in ("", "localhost") or not path.is_relative_to(self.root) \
                    or not path.is_file():
                self.refused.append(url)
                raise ValueError(f"refused to fetch {url!r}: only files under forms/ are served")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return wp.urls.URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={"Content-Type": mime})

    return FormsOnlyFetcher


def forms_url_fetcher(root: Path):
    """Return a WeasyPrint URL fetcher that only serves files under `root`."""
    return _fetcher_class()(root)


def _inline_imports(path: Path, root: Path) -> str:
    """Return a stylesheet with its @import url("…") lines replaced by the files (under root only)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _IMPORT.match(line.strip())
        target = (path.parent / match.group(1)).resolve() if match else None
        if target is not None and target.is_relative_to(root.resolve()) and target.is_file():
            lines.append(_inline_imports(target, root))
        elif match is None:
            lines.append(line)
    return "\n".join(lines)


class _SandboxedDocx(DocxTemplate):
    """docxtpl with the document properties rendered as plain text in a sandbox too."""

    text_env = None

    def render_properties(self, context, jinja_env=None):
        # Properties are plain strings that python-docx escapes itself; the XML env would escape twice.
        super().render_properties(context, self.text_env)


class Renderer:
    """A warm renderer for one forms folder: environments, templates and fonts are loaded once."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.xml_env = make_environment(registry.forms_dir, autoescape=True)
        self.text_env = make_environment(registry.forms_dir, autoescape=False)
        self._docx_sources: dict[str, bytes] = {}
        self._font_config = None

    def prepare(self, spec: FormSpec, context: dict[str, Any] | BaseModel) -> dict[str, Any]:
        """Validate the context with the form's model and return what the templates see."""
        model = spec.model()
        validated = context if isinstance(context, model) else model.model_validate(context)
        data = validated.model_dump()
        data["form"] = {"key": spec.key, "title": spec.title, "version": spec.version}
        return data

    def render_html(self, spec: FormSpec, context, *, inline_css: bool = False) -> str:
        """Render the form's HTML; `inline_css` embeds style.css for a browser preview."""
        html = self.xml_env.get_template(f"{spec.key}/template.html").render(self.prepare(spec, context))
        if inline_css:
            css = _inline_imports(spec.folder / "style.css", self.registry.forms_dir)
            html = html.replace(_STYLESHEET_LINK, f"<style>{css}</style>", 1)
        return html

    def render_docx(self, spec: FormSpec, context) -> bytes:
        """Render the form's Word file."""
        data = self.prepare(spec, context)
        # Keyed by path: an uploaded version lives at its own content-addressed path beside template.docx.
        source = self._docx_sources.get(str(spec.docx_path))
        if source is None:
            source = spec.docx_path.read_bytes()
            check_docx_package(source)  # templates may be replaced by admins: gate them like uploads
            self._docx_sources[str(spec.docx_path)] = source
        document = _SandboxedDocx(io.BytesIO(source))
        document.text_env = self.text_env
        document.render(data, jinja_env=self.xml_env)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def render_pdf(self, spec: FormSpec, context) -> bytes:
        """Render the form's PDF with fonts subset and nothing fetched from outside forms/."""
        wp = weasyprint()
        if self._font_config is None:
            self._font_config = wp.text.fonts.FontConfiguration()
        html = self.render_html(spec, context)
        try:
            document = wp.HTML(string=html, base_url=spec.folder.as_uri() + "/",
                               url_fetcher=forms_url_fetcher(self.registry.forms_dir))
            return document.write_pdf(font_config=self._font_config)
        finally:
            # Without this a long-lived worker grew to ~700 MiB (DESIGN.md, Traps).
            gc.collect()

    def render(self, spec: FormSpec, context, formats: tuple[str, ...]) -> dict[str, bytes]:
        """Render each requested format ('docx', 'pdf')."""
        makers = {"docx": self.render_docx, "pdf": self.render_pdf}
        return {fmt: makers[fmt](spec, context) for fmt in formats}


@lru_cache(maxsize=8)
def get_renderer(forms_dir: Path | None = None) -> Renderer:
    """Return the process's warm renderer for a forms folder."""
    return Renderer(get_registry(forms_dir))
