"""Court case numbers (案号): parse, validate and normalise `（2026）沪0101民初1234号`.

The layout is fixed by the SPC's 《关于人民法院案件案号的若干规定》: the year of filing in parentheses,
the court's code (province abbreviation plus digits, or 最高法), the case-type code, the sequence number and 号.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from legalops.core.clock import today
from legalops.core.i18n import N_

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼兵"
#: The case types this app meets in debt recovery; longest first so 执恢 is not read as 执.
CASE_TYPES = ("民初", "民终", "民特", "民申", "民再", "民辖", "执恢", "执保", "执异", "执复", "执", "财保", "督", "破")
ENFORCEMENT_TYPES = ("执", "执恢")
_COURT = re.compile(rf"^(最高法|[{PROVINCES}]\d{{0,4}})")


@dataclass(frozen=True)
class CaseNumber:
    """A valid case number's parts; `normalised` is the form stored and printed."""

    year: int
    court_code: str
    case_type: str
    sequence: int

    @property
    def normalised(self) -> str:
        """Return the number with full-width parentheses, as courts print it."""
        return f"（{self.year}）{self.court_code}{self.case_type}{self.sequence}号"


class CaseNumberError(ValueError):
    """Why a text is not a case number: a msgid naming the faulty part, with its params."""

    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


def parse_case_number(raw: str | None) -> CaseNumber:
    """Parse a case number typed with half- or full-width parentheses; raise CaseNumberError naming the part."""
    # NFKC folds full-width parentheses and digits to ASCII; spaces typed around the parts mean nothing.
    text = unicodedata.normalize("NFKC", raw or "").replace(" ", "").replace("〔", "(").replace("〕", ")")
    if not text:
        raise CaseNumberError(N_("Enter the court case number, such as （2026）沪0101民初1234号."))
    year = re.match(r"^\((\d{4})\)", text)
    if not year:
        raise CaseNumberError(N_("A court case number starts with the four-digit year in parentheses, "
                                 "such as （2026）."))
    # A number is given when the court registers the case: a later year than next January's is a typo (2062 for 2026).
    if not 1990 <= int(year.group(1)) <= today().year + 1:
        raise CaseNumberError(N_("The year in the court case number is not plausible."))
    rest = text[year.end():]
    court = _COURT.match(rest)
    if not court:
        raise CaseNumberError(N_("After the year comes the court's code, a province abbreviation and digits "
                                 "such as 沪0101."))
    rest = rest[court.end():]
    case_type = next((t for t in CASE_TYPES if rest.startswith(t)), None)
    if case_type is None:
        raise CaseNumberError(N_("Unknown case-type code after the court code; use one of 民初、民终、民特、民申、民再、"
                                 "民辖、执、执恢、执保、执异、执复、财保、督、破."))
    rest = rest[len(case_type):]
    sequence = re.match(r"^(\d+)", rest)
    if not sequence or int(sequence.group(1)) == 0:
        raise CaseNumberError(N_("The sequence number after the case-type code is missing."))
    if rest[sequence.end():] != "号":
        raise CaseNumberError(N_("A court case number ends with 号 right after the sequence number."))
    return CaseNumber(int(year.group(1)), court.group(1), case_type, int(sequence.group(1)))


def normalise_case_number(raw: str | None) -> str:
    """Return the normalised case number, or raise CaseNumberError."""
    return parse_case_number(raw).normalised
