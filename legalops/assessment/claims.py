"""Claim status per debtor: limitation and guarantee periods from the case's dated events, flagged red/amber/green."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from legalops.assessment.calculators import CalculatorInputError, Citation, Convention, Result, calculate
from legalops.assessment.calculators.base import cn_date
from legalops.assessment.schemas import note
from legalops.assessment.settings import AssessmentSettings
from legalops.core import calendar as cal
from legalops.core.i18n import N_

PRINCIPAL_ROLES = ("borrower", "co_borrower")
SECURITY_ROLES = ("mortgagor", "pledgor")
_INTERRUPTING = {"demand": "demand", "acknowledgement": "acknowledgement", "payment": "partial_payment", "suit": "suit"}
_MINFADIAN = ("中华人民共和国民法典", "2021-01-01施行")
_SHIXIAO = ("最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定", "2020修正")
_DANBAO = ("最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释", "2020-12-31")


@dataclass(frozen=True)
class Debtor:
    """A party's role on the case, as the clocks need it."""

    id: int
    name: str
    role: str
    guarantee_period_months: int | None = None


@dataclass(frozen=True)
class Event:
    """A dated event; debtor_id None means it concerns every debtor."""

    kind: str
    on: dt.date
    debtor_id: int | None = None


@dataclass
class ClaimStatus:
    """One debtor's verdict: the flag, the deadline it rests on, why, and the calculators' steps and citations."""

    debtor_id: int
    name: str
    role: str
    flag: str
    basis: str
    last_day: dt.date | None = None
    days_left: int | None = None
    reasons: list[dict] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    conventions: list[Convention] = field(default_factory=list)

    def absorb(self, result: Result) -> None:
        """Keep a calculator result's steps, citations and conventions with this verdict."""
        self.steps += result.steps
        self.citations += [c for c in result.citations if c not in self.citations]
        self.conventions += result.conventions

    def to_dict(self) -> dict[str, Any]:
        """Return the verdict JSON-ready (dates as ISO strings)."""
        return {
            "debtor_id": self.debtor_id, "name": self.name, "role": self.role, "flag": self.flag,
            "basis": self.basis, "last_day": self.last_day.isoformat() if self.last_day else None,
            "days_left": self.days_left, "reasons": self.reasons, "steps": self.steps,
            "citations": [c.as_dict() for c in self.citations],
            "conventions": [{"setting": c.setting, "value": str(c.value), "note": c.note} for c in self.conventions],
        }


def due_date(events: list[Event], maturities: list[dt.date | None]) -> dt.date | None:
    """Return the main debt's due date: the latest recorded due-date event, else the latest loan maturity."""
    recorded = [e.on for e in events if e.kind == "due_date"]
    if recorded:
        return max(recorded)
    known = [d for d in maturities if d is not None]
    return max(known) if known else None


def delivered_demands(deliveries: list[tuple[dt.date, int]], links: list[tuple[int, int]]) -> list[Event]:
    """Turn delivered demands (date, addressee party id) into 'demand' interruptions of each of that party's roles.

    The limitation period restarts from the day the demand reached the debtor (民法典 art. 195; a letter that
    reaches the debtor is a demand, 诉讼时效规定 art. 8); for a joint guarantor it is the demand of art. 693.
    """
    roles: dict[int, list[int]] = {}
    for link_id, party_id in links:
        roles.setdefault(party_id, []).append(link_id)
    return [Event("demand", on, link_id) for on, party_id in deliveries for link_id in roles.get(party_id, [])]


def flag_for(last_day: dt.date | None, today: dt.date, amber_days: int) -> str:
    """Red when past or unknown, amber within `amber_days`, green otherwise."""
    if last_day is None or today > last_day:
        return "red"
    return "amber" if (last_day - today).days <= amber_days else "green"


def _calendar_missing(exc: CalculatorInputError) -> bool:
    # The calculator re-raises CalendarYearMissing as an input error without its cause; its text is stable.
    return exc.message.startswith("No holiday calendar")


def _missing_year_note(message: str) -> str:
    """Say, for the user, which year's holiday table is missing and what that does to the date."""
    # The calendar's own message is for whoever maintains the table (file names, JSON keys), not for users.
    year = re.search(r"\d{4}", message)
    which = f"{year.group()}年" if year else ""
    return (f"节假日表缺失：{which}节假日安排尚未录入，届满日未按休假日顺延（暂定，只会提前）；"
            f"录入国务院{which}放假通知后运行 legalops deadlines --recompute 重算。")


def _unrolled_limitation(start: dt.date, interruptions: list[tuple[dt.date, str]], why: str) -> Result:
    """Compute the limitation expiry without rolling off rest days: never later than the true date."""
    expiry = cal.add_years(start, 3)
    for when, _kind in sorted(interruptions):
        if start <= when <= expiry:
            expiry = max(expiry, cal.add_years(when, 3))
    expiry = min(expiry, cal.add_years(start, 20))
    steps = [f"诉讼时效期间三年，自 {cn_date(start)} 起算，经有效中断后至 {cn_date(expiry)}",
             f"节假日表缺失，届满日不按休假日顺延（保守，只会提前）：{cn_date(expiry)}"]
    citations = [Citation(*_MINFADIAN, "第一百八十八条"), Citation(*_MINFADIAN, "第一百九十五条")]
    return Result("limitation-expiry", {"last_day": expiry.isoformat()}, steps, citations,
                  [Convention("holiday_calendar", "missing", why)])


def limitation(start: dt.date, interruptions: list[tuple[dt.date, str]]) -> Result:
    """Run the limitation calculator; fall back to the conservative unrolled date when a calendar year is missing."""
    raw = {"loan_due_date": start, "interruptions": [{"date": d, "kind": _INTERRUPTING[k]} for d, k in interruptions]}
    try:
        return calculate("limitation-expiry", raw)
    except CalculatorInputError as exc:
        if not _calendar_missing(exc):
            raise
        return _unrolled_limitation(start, interruptions, _missing_year_note(exc.message))


def _finish(status: ClaimStatus, last_day: dt.date | None, today: dt.date, settings: AssessmentSettings) -> ClaimStatus:
    status.last_day = last_day
    status.flag = flag_for(last_day, today, settings.amber_days)
    status.days_left = (last_day - today).days if last_day else None
    return status


def _principal(debtor: Debtor, due: dt.date, events: list[Event], principal_ids: set[int], today: dt.date,
               settings: AssessmentSettings) -> ClaimStatus:
    status = ClaimStatus(debtor.id, debtor.name, debtor.role, "red", N_("Limitation period"))
    mine = [e for e in events if e.kind in _INTERRUPTING and (e.debtor_id is None or e.debtor_id in principal_ids)]
    result = limitation(due, [(e.on, e.kind) for e in mine])
    status.absorb(result)
    if any(e.debtor_id not in (None, debtor.id) for e in mine):
        # Interruption against one jointly liable debtor binds the others.
        status.citations.append(Citation(*_SHIXIAO, "第十五条"))
    if debtor.role in SECURITY_ROLES:
        status.reasons.append(note(N_("The security must be enforced within the limitation period of the main "
                                      "claim.")))
        status.citations.append(Citation(*_MINFADIAN, "第四百一十九条") if debtor.role == "mortgagor"
                                else Citation(*_DANBAO, "第四十四条"))
    last = dt.date.fromisoformat(result.outputs["last_day"])
    _finish(status, last, today, settings)
    if status.flag == "red":
        status.reasons.append(note(N_("The limitation period ended on %(day)s; the debtor may refuse to pay."),
                                   day=last))
    else:
        status.reasons.append(note(N_("Sue, or interrupt the limitation period, by %(day)s."), day=last))
    return status


def _guarantor(debtor: Debtor, due: dt.date, events: list[Event], principal_ids: set[int], today: dt.date,
               settings: AssessmentSettings) -> ClaimStatus:
    status = ClaimStatus(debtor.id, debtor.name, debtor.role, "red", N_("Guarantee period"))
    period = calculate("guarantee-period-expiry",
                       {"main_debt_due_date": due, "agreed_period_months": debtor.guarantee_period_months})
    status.absorb(period)
    period_end = dt.date.fromisoformat(period.outputs["last_day"])
    general = debtor.role == "general_guarantor"
    if general:
        # 一般保证: only a suit or arbitration against the principal debtor keeps the guarantor liable.
        acts = [e for e in events if e.kind == "suit" and e.on <= period_end
                and (e.debtor_id is None or e.debtor_id in principal_ids)]
    else:
        # 连带责任保证: a demand on the guarantor itself (or a suit against it) is enough.
        acts = [e for e in events if e.kind in ("demand", "suit") and e.on <= period_end
                and e.debtor_id in (None, debtor.id)]
    status.citations.append(Citation(*_MINFADIAN, "第六百九十四条"))
    if not acts:
        _finish(status, period_end, today, settings)
        if status.flag == "red":
            status.reasons.append(note(
                N_("The guarantee period ended on %(day)s with no suit against the debtor: the guarantor is released.")
                if general else
                N_("The guarantee period ended on %(day)s with no demand on the guarantor: the guarantor is released."),
                day=period_end))
        else:
            status.reasons.append(note(
                N_("Sue the debtor by %(day)s, or the general guarantor is released.") if general else
                N_("Demand payment from the guarantor by %(day)s, or the guarantor is released."), day=period_end))
        return status
    first = min(e.on for e in acts)
    if general:
        # The guarantor's own limitation starts only once the benefit of discussion lapses, after enforcement.
        status.basis = N_("Guarantee period")
        status.flag, status.last_day = "green", period_end
        status.reasons.append(note(N_("The debtor was sued on %(act)s, within the guarantee period ending %(day)s; "
                                      "the guarantor's limitation runs from when the benefit of discussion lapses."),
                                   act=first, day=period_end))
        return status
    status.basis = N_("Guarantor's limitation period")
    later = [(e.on, e.kind) for e in events if e.kind in _INTERRUPTING and e.on > first
             and e.debtor_id in (None, debtor.id)]
    result = limitation(first, later)
    status.absorb(result)
    last = dt.date.fromisoformat(result.outputs["last_day"])
    _finish(status, last, today, settings)
    status.reasons.append(note(N_("Payment was demanded from the guarantor on %(act)s, within the guarantee period; "
                                  "the guarantor's limitation period runs to %(day)s."), act=first, day=last))
    return status


def claim_statuses(debtors: list[Debtor], events: list[Event], maturities: list[dt.date | None], today: dt.date,
                   settings: AssessmentSettings | None = None) -> list[ClaimStatus]:
    """Return every debtor's claim status as of `today`."""
    settings = settings or AssessmentSettings()
    due = due_date(events, maturities)
    principal_ids = {d.id for d in debtors if d.role in PRINCIPAL_ROLES}
    out = []
    for debtor in debtors:
        if due is None:
            status = ClaimStatus(debtor.id, debtor.name, debtor.role, "red", N_("Limitation period"))
            status.reasons.append(note(N_("No due date: record the loan's maturity or a due-date event.")))
            out.append(status)
            continue
        try:
            if debtor.role in ("general_guarantor", "joint_guarantor"):
                out.append(_guarantor(debtor, due, events, principal_ids, today, settings))
            else:
                out.append(_principal(debtor, due, events, principal_ids, today, settings))
        except CalculatorInputError as exc:
            status = ClaimStatus(debtor.id, debtor.name, debtor.role, "red", N_("Limitation period"))
            status.reasons.append(note(N_("The deadline cannot be computed safely: %(detail)s"), detail=exc.message))
            out.append(status)
    return out
