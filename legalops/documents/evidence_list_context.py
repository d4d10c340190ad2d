"""Context of the evidence list (证据目录): numbered rows grouped by what they prove."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from legalops.documents.contexts import FilingBase, PartyBlock, Strict

GroupKey = Literal["contract", "disbursement", "guarantee", "security", "default", "demand", "other"]


class EvidenceRow(Strict):
    """One piece of evidence: its number, name, source, what it proves, and pages or copies."""

    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    source: str = Field(min_length=1)
    proves: str = Field(min_length=1)
    pages: str = ""


class EvidenceGroup(Strict):
    """A group of evidence (contract, disbursement, guarantee, security, default, demand delivery, other)."""

    key: GroupKey
    title: str
    rows: list[EvidenceRow] = Field(min_length=1)


class EvidenceListContext(FilingBase):
    """证据目录: the evidence submitted, numbered 1…N across the groups."""

    respondents: list[PartyBlock] = Field(min_length=1)
    groups: list[EvidenceGroup] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbered_in_order(self):
        numbers = [row.number for group in self.groups for row in group.rows]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("evidence rows must be numbered 1, 2, 3 … in order across the groups")
        return self
