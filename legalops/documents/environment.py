"""The one Jinja environment court forms render in: sandboxed, strict, autoescaped, with Chinese filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from legalops.core.money import format_yuan, to_chinese_capital


def cn_date(value: dt.date | dt.datetime | str | None) -> str:
    """Write a date as 2026年11月23日 (no zero padding, as courts write it)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月{value.day}日"


def yuan(value: Decimal | str | None) -> str:
    """Format an amount in figures, ¥1,234,567.89."""
    return "" if value is None or value == "" else format_yuan(Decimal(value))


def capital(value: Decimal | str | None) -> str:
    """Write an amount in financial capitals, 壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分."""
    return "" if value is None or value == "" else to_chinese_capital(Decimal(value))


def rate(value: Decimal | str | None) -> str:
    """Write an annual rate in percent without trailing zeros, 4.35%."""
    if value is None or value == "":
        return ""
    text = format(Decimal(value).normalize(), "f")
    return f"{text}%"


def tick(checked: object) -> str:
    """Write a tick box of the element-style forms: ☑ when checked, ☐ when not."""
    return "☑" if checked else "☐"


def liable(party: dict, kind: str) -> bool:
    """Test whether a party block carries a liability of this kind ('principal', 'joint_guarantee' …)."""
    return any(item["kind"] == kind for item in party["liabilities"])


class FormsEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, remembering compiled string templates: docxtpl recompiles the same XML on every render."""

    max_cached = 64

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        """Compile `source` once and reuse it while it is unchanged."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        cache = self.__dict__.setdefault("_string_templates", {})
        template = cache.get(source)
        if template is None:
            if len(cache) >= self.max_cached:
                cache.clear()
            template = cache[source] = super().from_string(source)
        return template


def make_environment(forms_dir: Path, *, autoescape: bool = True) -> ImmutableSandboxedEnvironment:
    """Build a sandboxed environment: no attribute tricks, undefined names are errors, values escaped."""
    env = FormsEnvironment(
        loader=FileSystemLoader(str(forms_dir)),
        undefined=StrictUndefined,
        # DOCX bodies are XML and HTML forms are HTML: both must escape '&' and '<' in party names.
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(yuan=yuan, capital=capital, cn_date=cn_date, rate=rate, tick=tick)
    env.tests["liable"] = liable
    return env
