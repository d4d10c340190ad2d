"""Validated proposals: what a firm may propose for a case, per kind of update, and review input."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NoteIn(BaseModel):
    """A message to counsel about the case (acknowledged on acceptance; it changes no field)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=2000)


class RejectIn(BaseModel):
    """Counsel's reason for rejecting an update; the firm reads it."""

    reason: str = Field(min_length=3, max_length=1000)
