"""Spreadsheet safety: user text that Excel would run as a formula is neutralised."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Prefix text that starts like a formula with an apostrophe so Excel shows it as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
