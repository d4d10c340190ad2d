"""Read a rendered HTML form: the values of its fields and which fields are flagged as errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class RenderedForm:
    """What a page shows: field values by name, and the names of fields marked in error."""

    values: dict[str, str] = field(default_factory=dict)
    errors: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = RenderedForm()
        self.divs: list[set[str]] = []
        self.select: str | None = None
        self.textarea: str | None = None

    def _in_error_field(self) -> bool:
        return any({"field", "error"} <= classes for classes in self.divs)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div":
            self.divs.append(set((a.get("class") or "").split()))
            return
        name = a.get("name")
        if tag in ("input", "select", "textarea") and name:
            if self._in_error_field() or a.get("aria-invalid") == "true":
                self.out.errors.add(name)
            if tag == "input" and a.get("type") not in ("checkbox", "radio", "submit"):
                self.out.values.setdefault(name, a.get("value") or "")
            elif tag == "select":
                self.select = name
                self.out.values.setdefault(name, "")
            elif tag == "textarea":
                self.textarea = name
                self.out.values.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in a:
            self.out.values[self.select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.out.values[self.textarea] += data


def read_form(html: bytes | str) -> RenderedForm:
    """Parse a page into its form values and error-flagged field names."""
    reader = _Reader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    return reader.out
