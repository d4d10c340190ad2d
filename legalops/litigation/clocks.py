"""The deadline clocks a judgment or a preservation measure starts, each with its citation, via the calculators.

Two-year periods land in years the holiday table does not cover yet (it ends 2026): those dates are computed
with weekends only and marked provisional instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from legalops.assessment.calculators import (
    DEFAULT_SETTINGS,
    CalculatorInputError,
    Citation,
    Convention,
    Settings,
    calculate,
)
from legalops.assessment.calculators.base import JIESHI, MINFADIAN, MINSUFA
from legalops.core import calendar as cal
from legalops.deadlines.periods import last_day_or_provisional, provisional_note

#: An input in a year the table covers, to read a calculator's citations when the real year is missing.
_REFERENCE_DATES = {"appeal-deadline": ("served_on", "2026-03-02"),
                    "enforcement-application-deadline": ("last_day_of_performance_period", "2024-03-04"),
                    "preservation-renewal": ("preservation_expiry", "2026-03-20")}


@dataclass
class Clock:
    """A computed legal date with the rule behind it; `provisional` when the holiday table lacks its year."""

    kind: str
    due_on: dt.date | None
    citations: list[Citation] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    conventions: list[Convention] = field(default_factory=list)
    provisional_note: str = ""

    @property
    def provisional(self) -> bool:
        """Tell whether the date ignores holidays not yet published."""
        return bool(self.provisional_note)

    @property
    def notes(self) -> list[Citation | str]:
        """Return what the date rests on: its citations, then its provisional note if any."""
        return [*self.citations, *([self.provisional_note] if self.provisional_note else [])]




@cache
def _citations_of(name: str, variant: tuple) -> tuple[Citation, ...]:
    raw = dict(variant)
    key, day = _REFERENCE_DATES[name]
    raw[key] = day
    return tuple(calculate(name, raw).citations)


def run(name: str, raw: dict, output: str, kind: str, unrolled: Callable[[], dt.date], *, forward: bool = True,
        settings: Settings = DEFAULT_SETTINGS) -> Clock:
    """Run a calculator; if the holiday table lacks the year, use `unrolled()` rolled off weekends, provisional."""
    try:
        result = calculate(name, raw, settings)
    except CalculatorInputError as exc:
        # The calculators re-raise a missing calendar year as an input error; the original stays in __context__.
        missing = exc.__context__
        if not isinstance(missing, cal.CalendarYearMissing):
            raise
        day, note = last_day_or_provisional(unrolled(), backward=not forward)
        others = tuple(sorted((k, v) for k, v in raw.items() if k != _REFERENCE_DATES[name][0]))
        note = note or provisional_note(missing.year)
        steps = [f"按法定期间推算届满日 {unrolled().isoformat()}，暂定为 {day.isoformat()}（{note}）"]
        return Clock(kind, day, list(_citations_of(name, others)), steps, [], note)
    return Clock(kind, dt.date.fromisoformat(result.outputs[output]), list(result.citations), list(result.steps),
                 list(result.conventions))


def appeal_clock(document_kind: str, served_on: dt.date, domiciled_in_china: bool = True) -> Clock:
    """Return a party's last day to appeal (15 days for a judgment, 10 for a ruling, 30 if abroad)."""
    document = "ruling" if document_kind == "ruling" else "judgment"
    days = 30 if not domiciled_in_china else (15 if document == "judgment" else 10)
    return run("appeal-deadline", {"document": document, "served_on": served_on.isoformat(),
                                   "party_domiciled_in_china": domiciled_in_china},
               "last_day", "appeal", lambda: cal.add_days(served_on, days))


def effective_clock(document_kind: str, last_appeal_days: list[dt.date], served: list[dt.date]) -> Clock:
    """Return when the decision takes effect if nobody appeals: the day after the last appeal period ends."""
    if document_kind == "mediation":
        day = max(served)
        return Clock("judgment_effective", day, [Citation(*MINSUFA, "第一百条")],
                     [f"调解书经双方当事人签收后即具有法律效力：最后签收日 {day.isoformat()}"])
    last = max(last_appeal_days)
    day = last + dt.timedelta(days=1)
    return Clock("judgment_effective", day,
                 [Citation(*MINSUFA, "第一百五十八条"), Citation(*JIESHI, "第二百四十四条")],
                 [f"各方当事人上诉期分别计算，最后届满日为 {last.isoformat()}；期满无人上诉，次日生效"],
                 [Convention("effective_day", "day_after",
                             "生效日期记为最后上诉期届满之次日；部分法院记为届满当日（legal-rules.md §3.5）")])


def performance_clock(effective_on: dt.date, days: int | None) -> Clock:
    """Return the last day of the performance period the judgment fixes (counted from the day after it takes effect)."""
    if days is None:
        return Clock("performance_period", effective_on, [Citation(*MINSUFA, "第二百五十条")],
                     ["判决未规定履行期间：自生效之日起计算申请执行期间"])
    last = cal.add_days(effective_on, days)
    final, note = last_day_or_provisional(last)
    steps = [f"判决生效之日 {effective_on.isoformat()}（当日不计入）+ {days} 日 = {last.isoformat()}"]
    if final != last:
        steps.append(f"届满日为休息日，顺延至 {final.isoformat()}")
    if note:
        steps.append(note)
    return Clock("performance_period", final, [Citation(*MINSUFA, "第八十五条"), Citation(*MINSUFA, "第二百六十四条"),
                                               Citation(*MINFADIAN, "第二百零一条至第二百零三条")], steps, [], note or "")


def enforcement_clock(last_day_of_performance: dt.date) -> Clock:
    """Return the last day to apply for enforcement: two years from the end of the performance period."""
    return run("enforcement-application-deadline",
               {"last_day_of_performance_period": last_day_of_performance.isoformat()},
               "last_day", "enforcement_application", lambda: cal.add_years(last_day_of_performance, 2))


def preservation_clocks(asset_type: str, imposed_on: dt.date, expires_on: dt.date | None = None,
                        settings: Settings = DEFAULT_SETTINGS) -> tuple[Clock, Clock]:
    """Return the measure's expiry (as the court gave it, else its maximum term) and the latest renewal date."""
    if expires_on is None:
        result = calculate("preservation-expiry", {"measure": asset_type, "start": imposed_on.isoformat()}, settings)
        expiry = Clock("preservation_expiry", dt.date.fromisoformat(result.outputs["last_day"]),
                       list(result.citations), list(result.steps), list(result.conventions))
    else:
        expiry = Clock("preservation_expiry", expires_on, [Citation(*JIESHI, "第四百八十五条")],
                       [f"法院通知载明的期限届满日：{expires_on.isoformat()}"])
    renewal = run("preservation-renewal", {"preservation_expiry": expiry.due_on.isoformat()}, "apply_no_later_than",
                  "preservation_renewal", lambda: cal.add_days(expiry.due_on, -7), forward=False, settings=settings)
    return expiry, renewal
