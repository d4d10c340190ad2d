"""Match statement lines to expected recoveries: same amount, inside the date window, quoted reference or same payer.

Pure functions on plain tuples, so 100,000 × 100,000 runs in seconds: expected recoveries are bucketed by
amount and sorted by date, and each line looks only at its amount's bucket within the widest window.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Expected:
    """An expected recovery: amount in fen, expected day as an ordinal, window in days, payer, quotable references."""

    id: int
    amount: int
    day: int
    window: int
    payer: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """A statement line: amount in fen, booking day as an ordinal, payer and memo."""

    id: int
    amount: int
    day: int
    payer: str
    memo: str


def normalise_name(name: str) -> str:
    """Fold full-width forms, brackets and spaces so 上海某某（集团）有限公司 equals 上海某某(集团)有限公司."""
    return unicodedata.normalize("NFKC", name or "").replace(" ", "").upper()


def match_lines(lines: list[Line], expected: list[Expected]) -> dict[int, int]:
    """Return {line id: expected id} for lines with exactly one convincing candidate; the rest are for a human."""
    buckets: dict[int, list[Expected]] = defaultdict(list)
    for item in expected:
        buckets[item.amount].append(item)
    days: dict[int, list[int]] = {}
    for amount, items in buckets.items():
        items.sort(key=lambda e: (e.day, e.id))
        days[amount] = [e.day for e in items]
    widest = max((e.window for e in expected), default=0)
    taken: set[int] = set()
    matches: dict[int, int] = {}
    for line in sorted(lines, key=lambda item: (item.day, item.id)):
        items = buckets.get(line.amount)
        if not items:
            continue
        lo = bisect.bisect_left(days[line.amount], line.day - widest)
        hi = bisect.bisect_right(days[line.amount], line.day + widest)
        candidates = [e for e in items[lo:hi] if e.id not in taken and abs(e.day - line.day) <= e.window]
        chosen = _choose(line, candidates)
        if chosen is not None:
            matches[line.id] = chosen.id
            taken.add(chosen.id)
    return matches


def _choose(line: Line, candidates: list[Expected]) -> Expected | None:
    if not candidates:
        return None
    memo = normalise_name(line.memo)
    quoted = [e for e in candidates if any(ref and normalise_name(ref) in memo for ref in e.references)]
    if quoted:
        # Two expected recoveries quoted in one memo with the same amount: a human decides.
        return quoted[0] if len(quoted) == 1 else None
    payer = normalise_name(line.payer)
    same_payer = [e for e in candidates if payer and normalise_name(e.payer) == payer]
    return same_payer[0] if len(same_payer) == 1 else None


def naive_match(lines: list[Line], expected: list[Expected]) -> dict[int, int]:
    """Compare every line with every expected recovery (the baseline the benchmark measures against)."""
    taken: set[int] = set()
    matches: dict[int, int] = {}
    for line in sorted(lines, key=lambda item: (item.day, item.id)):
        candidates = [e for e in expected
                      if e.amount == line.amount and e.id not in taken and abs(e.day - line.day) <= e.window]
        chosen = _choose(line, sorted(candidates, key=lambda e: (e.day, e.id)))
        if chosen is not None:
            matches[line.id] = chosen.id
            taken.add(chosen.id)
    return matches
