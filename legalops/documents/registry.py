"""The forms registry: forms/manifest.json names each court form, its version and its context model."""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from legalops.core.errors import NotFound
from legalops.core.i18n import N_

MANIFEST = "manifest.json"


def default_forms_dir() -> Path:
    """Return forms/ beside the package (LEGALOPS_FORMS_DIR overrides it for installed copies)."""
    configured = os.environ.get("LEGALOPS_FORMS_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "forms"


@dataclass(frozen=True)
class FormSpec:
    """One court form: where its templates are and which model validates its context."""

    key: str
    title: str
    stage: str
    version: str
    context_model: str
    rules: str
    folder: Path
    #: Set when an admin-uploaded DOCX replaces template.docx (see form_versions.active_spec).
    upload_id: int | None = None
    docx_file: Path | None = None

    @property
    def docx_path(self) -> Path:
        """Return the form's docxtpl template: the active upload, else the shipped template.docx."""
        return self.docx_file or self.folder / "template.docx"

    @property
    def sample_path(self) -> Path:
        """Return the form's sample context (sample.json), used by checks and benchmarks."""
        return self.folder / "sample.json"

    @property
    def html_path(self) -> Path:
        """Return the form's WeasyPrint template."""
        return self.folder / "template.html"

    def model(self) -> type[BaseModel]:
        """Import the pydantic model named 'package.module:Class' in the manifest."""
        module, _, name = self.context_model.partition(":")
        model = getattr(importlib.import_module(module), name)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise TypeError(f"{self.context_model} is not a pydantic model")
        return model


class Registry:
    """The forms listed in one forms/ folder's manifest."""

    def __init__(self, forms_dir: Path):
        self.forms_dir = Path(forms_dir).resolve()
        data = json.loads((self.forms_dir / MANIFEST).read_text(encoding="utf-8"))
        self._forms: dict[str, FormSpec] = {}
        for entry in data["forms"]:
            key = entry["key"]
            if not key.isidentifier():
                raise ValueError(f"form key {key!r} must be a plain identifier (it names a folder)")
            self._forms[key] = FormSpec(
                key=key, title=entry["title"], stage=entry.get("stage", ""), version=str(entry["version"]),
                context_model=entry["context_model"], rules=entry.get("rules", ""), folder=self.forms_dir / key,
            )

    def get(self, key: str) -> FormSpec:
        """Return the form with this key, or NotFound."""
        try:
            return self._forms[key]
        except KeyError:
            raise NotFound(N_("No such form.")) from None

    def all(self) -> list[FormSpec]:
        """Return every form in manifest order."""
        return list(self._forms.values())


@lru_cache(maxsize=8)
def get_registry(forms_dir: Path | None = None) -> Registry:
    """Return the (cached) registry of a forms folder, by default the project's."""
    return Registry(forms_dir or default_forms_dir())
