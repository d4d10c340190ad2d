"""Validated proposals: what a firm may propose for a case, per kind of update, and review input."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from legalops.core.i18n import N_

#: 案号 such as (2026)沪0101民初1234号, with ASCII or full-width parentheses.
CASE_NUMBER = re.compile(r"^[（(]\d{4}[)）][\u4e00-\u9fff]\d{0,4}[\u4e00-\u9fff]{1,4}\d{1,6}号$")


def _case_number(value: str) -> str:
    value = value.strip().replace("(", "（").replace(")", "）")
    if not CASE_NUMBER.match(value):
        raise ValueError(N_("Enter a court case number such as (2026)沪0101民初1234号."))
    return value


CourtCaseNumber = Annotated[str, Field(min_length=8, max_length=60), AfterValidator(_case_number)]


class FiledIn(BaseModel):
    """The firm filed the suit and the court accepted it under a case number."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    court_name: str = Field(min_length=2, max_length=200, description="The court's full name.")
    court_case_number: CourtCaseNumber = Field(description="案号, e.g. (2026)沪0101民初1234号.")
    filed_on: dt.date = Field(description="The day the complaint was filed.")
    note: str = Field(default="", max_length=1000)


class NoteIn(BaseModel):
    """A message to counsel about the case (acknowledged on acceptance; it changes no field)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=2000)


class RejectIn(BaseModel):
    """Counsel's reason for rejecting an update; the firm reads it."""

    reason: str = Field(min_length=3, max_length=1000)
