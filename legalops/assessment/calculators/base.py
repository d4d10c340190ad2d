"""Shared pieces of the legal calculators: the Result shape, settings, citations and input parsing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from legalops.core.money import parse_amount


class Citation(NamedTuple):
    """A legal source as (instrument, version, article)."""

    instrument: str
    version: str
    article: str

    def as_dict(self) -> dict[str, str]:
        """Return the citation as a JSON-ready mapping."""
        return self._asdict()


# The instruments cited in more than one place, as (title, version): one place to update when one is amended.
MINFADIAN = ("中华人民共和国民法典", "2021-01-01施行")
MINSUFA = ("中华人民共和国民事诉讼法", "2023修正 2024-01-01施行")
JIESHI = ("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "2022修正 2022-04-10")
JIAONA = ("诉讼费用交纳办法", "国务院令第481号 2007-04-01")
WANGPAI = ("最高人民法院关于人民法院网络司法拍卖若干问题的规定", "法释〔2016〕18号 2017-01-01施行")
PAIMAI = ("最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定", "2020修正")
CANKAO = ("最高人民法院关于人民法院确定财产处置参考价若干问题的规定", "法释〔2018〕15号 2018-09-01施行")


class Convention(NamedTuple):
    """An UNCERTAIN convention the result depends on: the setting, the value used, and why."""

    setting: str
    value: Any
    note: str

    def as_dict(self) -> dict[str, Any]:
        """Return the convention as a JSON-ready mapping."""
        return self._asdict()


@dataclass
class Result:
    """What every calculator returns: JSON-ready outputs, Chinese steps, citations, conventions used."""

    name: str
    outputs: dict[str, Any]
    steps: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    conventions: list[Convention] = field(default_factory=list)

    def __post_init__(self):
        # Several steps may rest on the same article; cite it once, in first-use order.
        self.citations = list(dict.fromkeys(Citation(*c) for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        """Return outputs plus "steps", "citation" and "conventions", ready for json.dumps."""
        out = dict(self.outputs)
        out["steps"] = list(self.steps)
        out["citation"] = [c.as_dict() for c in self.citations]
        out["conventions"] = [c.as_dict() for c in self.conventions]
        return out


ROUNDING_MODES = {"HALF_UP": ROUND_HALF_UP, "CEILING": ROUND_CEILING, "FLOOR": ROUND_FLOOR}
_MODE_WORDS = {"HALF_UP": "四舍五入", "CEILING": "向上取整", "FLOOR": "向下取整"}


@dataclass(frozen=True)
class Settings:
    """Configurable conventions for points the law leaves open (legal-rules.md §8); defaults documented."""

    #: Quantum for rounded money outputs: "0.01" (fen, default) or "1" (whole yuan). No rule exists (§1.5).
    rounding: str = "0.01"
    #: Rounding mode for fees and interest; HALF_UP by default (§1.5).
    rounding_mode: str = "HALF_UP"
    #: Day-count basis for contract interest when the input gives none: 365 (default) or 360 (§6.5).
    day_basis: int = 365
    #: Contract interest counts both the start and end day ("自…起至…止", §6.5); False = 算头不算尾.
    interest_inclusive: bool = True
    #: Delay-interest days: "exclusive" = payment date - last day of performance (default) or "inclusive" (+1) (§3.7).
    delay_interest_days: str = "exclusive"
    #: Preservation expiry: "counted" = start day is day one, as in "自…起至…止" notices (default) or "excluded" (§3.6).
    preservation_start_day: str = "counted"
    #: Roll the guarantee period's last day off rest days; False (default) because art. 692 forbids extension (§3.1).
    guarantee_roll_forward: bool = False

    def __post_init__(self):
        checks = {
            "rounding": self.rounding in ("0.01", "1"),
            "rounding_mode": self.rounding_mode in ROUNDING_MODES,
            "day_basis": self.day_basis in (360, 365),
            "delay_interest_days": self.delay_interest_days in ("exclusive", "inclusive"),
            "preservation_start_day": self.preservation_start_day in ("counted", "excluded"),
        }
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"invalid setting {name}={getattr(self, name)!r}")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Settings:
        """Build settings from a mapping, rejecting unknown names."""
        known = {f.name for f in fields(cls)}
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**raw)

    def as_dict(self) -> dict[str, Any]:
        """Return the settings as a mapping."""
        return asdict(self)

    def round(self, value: Decimal) -> Decimal:
        """Round a money amount once, per the rounding policy, and keep two places for display."""
        return value.quantize(Decimal(self.rounding), rounding=ROUNDING_MODES[self.rounding_mode]).quantize(
            Decimal("0.01")
        )

    def round_directed(self, value: Decimal, mode: str) -> Decimal:
        """Round a floor up (CEILING) or a cap down (FLOOR) so legal limits are never crossed."""
        return value.quantize(Decimal(self.rounding), rounding=ROUNDING_MODES[mode]).quantize(Decimal("0.01"))

    def rounding_words(self) -> str:
        """Say how money is rounded, in Chinese ("四舍五入至 0.01 元"), for steps and notes."""
        return f"{_MODE_WORDS.get(self.rounding_mode, self.rounding_mode)}至 {self.rounding} 元"

    def rounding_convention(self) -> Convention:
        """Describe the rounding policy used."""
        return Convention(
            "rounding",
            self.rounding,
            f"取整方法无统一规定；{self.rounding_words()}（默认四舍五入至分，legal-rules.md §1.5）",
        )


DEFAULT_SETTINGS = Settings()


class CalculatorInputError(ValueError):
    """A missing or bad input value; `field` names it (dotted for nested values)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Field:
    """One input of a calculator: kind is money, date, choice, bool, int, text, list or object."""

    name: str
    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()
    default: Any = None
    label: str = ""
    item: tuple[Field, ...] = ()  # members of an object, or of each list element

    def describe(self) -> dict[str, Any]:
        """Return a JSON-ready description for forms and `calc --list`."""
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "required": self.required}
        if self.label:
            out["label"] = self.label
        if self.choices:
            out["choices"] = list(self.choices)
        if self.default is not None:
            # Decimal and date defaults travel as strings, like the inputs themselves.
            out["default"] = self.default if isinstance(self.default, bool | int | str | list) else str(self.default)
        if self.item:
            out["item"] = [f.describe() for f in self.item]
        return out


def _parse_value(spec: Field, raw: Any, path: str) -> Any:
    if isinstance(raw, float):
        raise CalculatorInputError(path, "give numbers as strings (e.g. \"1234.56\"), never as floats")
    if spec.kind == "money":
        if isinstance(raw, bool):
            raise CalculatorInputError(path, "not an amount")
        try:
            return parse_amount(raw)
        except ValueError as exc:
            raise CalculatorInputError(path, f"{exc}: {raw!r}") from None
    if spec.kind == "date":
        if isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise CalculatorInputError(path, f"not an ISO date (YYYY-MM-DD): {raw!r}") from None
    if spec.kind == "choice":
        value = str(raw).strip()
        if value not in spec.choices:
            raise CalculatorInputError(path, f"must be one of {', '.join(spec.choices)}; got {raw!r}")
        return value
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes", "y"):
            return True
        if text in ("false", "0", "no", "n"):
            return False
        raise CalculatorInputError(path, f"must be true or false; got {raw!r}")
    if spec.kind == "int":
        if isinstance(raw, bool):
            raise CalculatorInputError(path, "must be a whole number")
        try:
            value = Decimal(unicodedata.normalize("NFKC", str(raw)).strip())
        except ArithmeticError:
            raise CalculatorInputError(path, f"must be a whole number; got {raw!r}") from None
        if value != value.to_integral_value() or value < 0:
            raise CalculatorInputError(path, f"must be a whole number ≥ 0; got {raw!r}")
        return int(value)
    if spec.kind == "text":
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        if not text:
            raise CalculatorInputError(path, "must not be empty")
        return text
    if spec.kind == "object":
        if not isinstance(raw, dict):
            raise CalculatorInputError(path, "must be an object")
        return _parse_fields(spec.item, raw, path + ".")
    if spec.kind == "list":
        if isinstance(raw, str):
            raw = [part for part in (p.strip() for p in raw.split(",")) if part]
        if not isinstance(raw, list | tuple):
            raise CalculatorInputError(path, "must be a list")
        if spec.item:
            return [_parse_value(Field(spec.name, "object", item=spec.item), x, f"{path}[{i}]") for i, x in enumerate(raw)]
        return [_parse_value(Field(spec.name, "choice", choices=spec.choices), x, f"{path}[{i}]") for i, x in enumerate(raw)]
    raise AssertionError(f"unknown field kind {spec.kind}")  # pragma: no cover


def _parse_fields(schema: tuple[Field, ...], raw: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    known = {f.name for f in schema}
    for key in raw:
        if key not in known:
            raise CalculatorInputError(prefix + str(key), f"unknown field; expected one of {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for spec in schema:
        raw_value = raw.get(spec.name)
        if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
            if spec.required:
                raise CalculatorInputError(prefix + spec.name, "is required")
            values[spec.name] = spec.default
            continue
        values[spec.name] = _parse_value(spec, raw_value, prefix + spec.name)
    return values


def parse_fields(schema: tuple[Field, ...], raw: dict[str, Any]) -> dict[str, Any]:
    """Validate a raw mapping against a schema into Python values (Decimal, date, bool, ...)."""
    if not isinstance(raw, dict):
        raise CalculatorInputError("input", "must be a JSON object")
    return _parse_fields(schema, raw)


def num(value: Decimal) -> str:
    """Format a Decimal for a step: thousands separators, no exponent, no trailing zeros beyond need."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,}"
    return f"{value.normalize():,f}"


def yuan(value: Decimal) -> str:
    """Format a rounded amount for a step: thousands separators and two places ("3,300.00")."""
    return f"{value.quantize(Decimal('0.01')):,}"


def money(value: Decimal) -> str:
    """Format a rounded amount as a plain two-place string for outputs ("3300.00")."""
    return f"{value.quantize(Decimal('0.01')):f}"


def exact(value: Decimal) -> str:
    """Format an unrounded amount with at least two places ("50.00025", "3300.00")."""
    normalized = value.normalize()
    if normalized.as_tuple().exponent >= -2:
        return money(value)
    return f"{normalized:f}"


def cn_date(day: dt.date) -> str:
    """Write a date the way court documents do: 2026年2月24日."""
    return f"{day.year}年{day.month}月{day.day}日"


def pct(rate: Decimal) -> str:
    """Write a rate given as a fraction as a percent: Decimal('0.025') -> '2.5%'."""
    return f"{num(rate * 100)}%"
