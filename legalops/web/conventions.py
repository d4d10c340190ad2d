"""Human labels for the conventions a result depends on (the setting keys stay for counsel who change them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legalops.core.i18n import N_
from legalops.ui.forms import translate

#: What each setting decides, by setting key.
SETTING_LABELS = {
    "rounding": N_("Rounding of money amounts"),
    "floor_rounding": N_("Rounding of auction floors and caps"),
    "limitation_day_zero": N_("Start of the limitation period"),
    "holiday_calendar": N_("Holiday calendar"),
    "guarantee_roll_forward": N_("A guarantee period ending on a rest day moves to the next working day"),
    "preservation_start_day": N_("First day of a preservation measure"),
    "backward_deadline": N_("A deadline counted backwards that falls on a rest day"),
    "effective_day": N_("Day the decision takes effect"),
    "delay_interest_days": N_("Days of delayed-performance interest"),
    "interest_inclusive": N_("Interest counts both the first and the last day"),
    "day_basis": N_("Days in the interest year"),
    "security_fee_basis": N_("Fee for realising a security interest"),
    "realisation_factors": N_("Share of the reference value realised, by auction round"),
}
#: The value used, in words, by setting key and the value as text.
VALUE_LABELS = {
    "rounding": {"0.01": N_("to the fen (0.01 yuan)"), "1": N_("to the whole yuan")},
    "floor_rounding": {"CEILING/FLOOR": N_("floors rounded up, caps rounded down")},
    "limitation_day_zero": {"due_date": N_("the due date is day 0; counting starts the next day")},
    "holiday_calendar": {"missing": N_("missing for the year: the last day is not moved off rest days")},
    "preservation_start_day": {"counted": N_("counted in the term"),
                               "excluded": N_("not counted (the term ends one day later)")},
    "backward_deadline": {"roll_back": N_("moved earlier, to the working day before")},
    "effective_day": {"day_after": N_("the day after the last appeal period ends")},
    "delay_interest_days": {"exclusive": N_("payment date minus the last day of performance"),
                            "inclusive": N_("payment date minus the last day of performance, plus one day")},
    "security_fee_basis": {"half_acceptance": N_("half the acceptance fee"),
                           "full_acceptance": N_("the full acceptance fee")},
}
YES_NO = {"True": N_("Yes"), "False": N_("No")}
#: The rounds of realisation_factors ("1=100%, 2=80%, sale=64%").
ROUND_LABELS = {"1": N_("first auction %(share)s"), "2": N_("second auction %(share)s"), "sale": N_("sale %(share)s")}


def _field(convention: Any, name: str) -> Any:
    return convention[name] if isinstance(convention, Mapping) else getattr(convention, name)


def convention_label(convention: Any) -> str:
    """Return what the convention decides, translated (the setting key if it has no label)."""
    setting = _field(convention, "setting")
    return translate(SETTING_LABELS[setting]) if setting in SETTING_LABELS else setting


def convention_value(convention: Any) -> str:
    """Return the value used, in words and translated (the raw value if it has no label)."""
    setting, value = _field(convention, "setting"), str(_field(convention, "value"))
    if value in YES_NO:
        return translate(YES_NO[value])
    if setting == "realisation_factors":
        parts = [part.partition("=") for part in value.split(", ")]
        return " · ".join(translate(ROUND_LABELS[key], share=share) if key in ROUND_LABELS
                          else f"{key}={share}" for key, _eq, share in parts)
    label = VALUE_LABELS.get(setting, {}).get(value)
    return translate(label) if label else value
