"""Checksums of PRC resident identity numbers (GB 11643) and unified social credit codes (GB 32100)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from legalops.core.i18n import N_

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def normalise(raw: str | None) -> str:
    """Upper-case, strip and fold full-width characters."""
    return unicodedata.normalize("NFKC", raw or "").strip().upper().replace(" ", "")


def resident_id_check_char(first17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_error(raw: str) -> str | None:
    """Return why `raw` is not a valid 18-digit resident ID number, or None if it is."""
    value = normalise(raw)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return N_("A resident ID number has 17 digits followed by a digit or X.")
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return N_("The birth date inside this resident ID number does not exist.")
    if resident_id_check_char(value[:17]) != value[17]:
        return N_("The check digit of this resident ID number is wrong; please check for a typo.")
    return None


def resident_id_facts(raw: str) -> tuple[dt.date, str]:
    """Return the birth date and sex ('M'/'F') encoded in a valid resident ID number."""
    value = normalise(raw)
    born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    return born, "M" if int(value[16]) % 2 else "F"


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_error(raw: str) -> str | None:
    """Return why `raw` is not a valid unified social credit code, or None if it is."""
    value = normalise(raw)
    if len(value) != 18 or any(c not in _USCC_CHARS for c in value):
        return N_("A unified social credit code has 18 characters (digits and capital letters except I, O, S, V, Z).")
    if not value[2:8].isdigit():
        return N_("Characters 3 to 8 of a unified social credit code are the region code and must be digits.")
    if uscc_check_char(value[:17]) != value[17]:
        return N_("The check character of this unified social credit code is wrong; please check for a typo.")
    return None


def make_resident_id(region: str, born: dt.date, serial: int) -> str:
    """Build a valid resident ID number (for demo data and tests)."""
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    return first17 + resident_id_check_char(first17)


def make_uscc(body16: str) -> str:
    """Build a valid unified social credit code from its first 17 characters minus the first (tests, demo)."""
    first17 = ("9" + body16)[:17]
    return first17 + uscc_check_char(first17)
