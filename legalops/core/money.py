"""Money as Decimal: parsing user input, the one rounding helper, and display in figures and capitals."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")


def round_money(value: Decimal, quantum: Decimal = CENT, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round an exact amount once, half-up to the fen unless a policy says otherwise."""
    return Decimal(value).quantize(quantum, rounding=rounding)


MAX_AMOUNT = Decimal(10) ** 16


def parse_amount(raw, *, allow_negative: bool = False) -> Decimal:
    """Parse '1,234.50', '１２３４．５', '¥1 234' or 1234.5 into a Decimal with at most two places."""
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        # Spreadsheet cells arrive as floats; their shortest repr is what the user typed.
        value = Decimal(repr(raw))
    else:
        text = unicodedata.normalize("NFKC", str(raw or "")).strip()
        text = text.replace(",", "").replace(" ", "").replace("¥", "").replace("￥", "").replace("元", "")
        if not _AMOUNT.match(text):
            raise ValueError("not an amount")
        try:
            value = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
            raise ValueError("not an amount") from exc
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        # Money columns are NUMERIC(18, 2); larger values (1e26 from a JSON float) cannot even be quantized.
        raise ValueError("too large")
    if value != value.quantize(CENT):
        raise ValueError("more than two decimal places")
    if value < 0 and not allow_negative:
        raise ValueError("negative")
    return value.quantize(CENT)


def format_yuan(value: Decimal | None, symbol: str = "¥") -> str:
    """Format an amount as ¥1,234,567.89."""
    if value is None:
        return ""
    value = round_money(Decimal(value))
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(n: int) -> str:
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _SMALL_UNITS[pos]
    return out


def to_chinese_capital(value: Decimal) -> str:
    """Write an amount in Chinese financial capitals: 1234567.89 -> 壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分."""
    value = round_money(Decimal(value))
    if value < 0:
        return "负" + to_chinese_capital(-value)
    yuan = int(value)
    fen_total = int((value - yuan) * 100)
    jiao, fen = divmod(fen_total, 10)
    if yuan == 0:
        text = ""
    else:
        groups = []
        n = yuan
        while n:
            groups.append(n % 10000)
            n //= 10000
        text, need_zero = "", False
        for idx in range(len(groups) - 1, -1, -1):
            g = groups[idx]
            if g == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or g < 1000):
                text += "零"
            text += _four_digits(g) + _BIG_UNITS[idx]
            need_zero = False
        text += "元"
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return text
