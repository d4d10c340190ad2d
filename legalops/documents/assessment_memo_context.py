"""Context of the legal assessment memo (法律评估意见书): the assessment's findings as a formal document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from legalops.documents.contexts import Strict


class MemoClaim(Strict):
    """One debtor's claim: the deadline it rests on, its last day, status, why, and the articles cited."""

    name: str
    role: str
    basis: str
    last_day: dt.date | None = None
    status: str
    reasons: str = ""
    citations: str = ""


class MemoLine(Strict):
    """A labelled line: an evidence item and its status, or a route and why it fits."""

    label: str
    value: str
    note: str = ""


class MemoFigure(Strict):
    """A cost or recovery figure in yuan."""

    label: str
    amount: Decimal


class MemoDecision(Strict):
    """A go / no-go decision and who took it."""

    decision: str
    decided_by: str
    decided_on: dt.date
    comments: str = ""


class AssessmentMemoContext(Strict):
    """法律评估意见书: claims alive per debtor, evidence, route, cost and recovery, decision and approver."""

    case_reference: str
    document_date: dt.date
    creditor: str
    respondents: str
    court: str = ""
    status: str
    as_of: dt.date
    prepared_by: str = ""
    summary: str = ""
    claims: list[MemoClaim] = Field(min_length=1)
    evidence: list[MemoLine] = []
    evidence_complete: bool
    route: str
    routes: list[MemoLine] = []
    claim_amount: Decimal
    costs: list[MemoFigure] = []
    total_costs: Decimal
    recovery: list[MemoFigure] = []
    net_recovery: Decimal
    recovery_ratio: str
    decisions: list[MemoDecision] = []
