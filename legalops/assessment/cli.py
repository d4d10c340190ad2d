"""`calc` command: run a legal calculator on JSON input and print JSON (registered by the app CLI)."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import click
from babel.support import Translations

from legalops.assessment.calculators import REGISTRY, CalculatorInputError, Settings, calculate, describe
from legalops.assessment.lpr import LprDataError
from legalops.core.calendar import CalendarDataError


def _read_json(text: str, what: str) -> dict:
    """Load JSON from a literal, @file or '-' (stdin), keeping numbers exact."""
    if text == "-":
        text = sys.stdin.read()
    elif text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as fh:
                text = fh.read()
        except OSError as exc:
            raise CalculatorInputError(what, f"cannot read {text[1:]}: {exc.strerror}") from None
    try:
        # parse_float=Decimal: a JSON number like 1234.56 never becomes a binary float.
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CalculatorInputError(what, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise CalculatorInputError(what, "must be a JSON object")
    return data


def _in_chinese(described: list[dict]) -> list[dict]:
    """Give the inputs their Chinese labels: the schemas hold the UI's English msgids, the CLI speaks Chinese."""
    # Without a compiled catalogue (a fresh checkout before setup) the English msgids are shown instead.
    zh = Translations.load(str(Path(__file__).resolve().parents[1] / "translations"), ["zh"])
    out = []
    for spec in described:
        msgid = spec.get("label")
        spec = {**spec, "label": zh.gettext(msgid)} if msgid else dict(spec)
        if "item" in spec:
            spec["item"] = _in_chinese(spec["item"])
        out.append(spec)
    return out


def _fail(message: str) -> None:
    click.echo(message.replace("\n", " "), err=True)
    sys.exit(2)


@click.command("calc")
@click.argument("name", required=False)
@click.option("--input", "input_", default="{}", help="JSON object, @file, or - for stdin.")
@click.option("--settings", "settings_", default=None, help="JSON object of convention settings (e.g. rounding).")
@click.option("--list", "list_", is_flag=True, help="List calculators and their inputs.")
def calc(name: str | None, input_: str, settings_: str | None, list_: bool) -> None:
    """Run a legal calculator (fees, deadlines, interest, allocation, auction floors)."""
    if list_:
        click.echo(json.dumps({n: _in_chinese(describe(n)) for n in REGISTRY}, ensure_ascii=False, indent=2))
        return
    if not name:
        _fail(f"error: name: give a calculator name ({', '.join(REGISTRY)}) or --list")
    try:
        raw = _read_json(input_, "input")
        settings = Settings()
        if settings_:
            try:
                settings = Settings.from_dict(_read_json(settings_, "settings"))
            except (TypeError, ValueError) as exc:
                if isinstance(exc, CalculatorInputError):
                    raise
                raise CalculatorInputError("settings", str(exc)) from None
        result = calculate(name, raw, settings)
    except CalculatorInputError as exc:
        _fail(f"error: {exc.field}: {exc.message}")
    except (CalendarDataError, LprDataError) as exc:
        _fail(f"error: data: {exc}")
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
