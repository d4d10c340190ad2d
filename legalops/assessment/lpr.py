"""Loan Prime Rate (贷款市场报价利率) history and 'the LPR in force on a date' lookups.

The table is ``legalops/core/data/lpr.csv`` (published, lpr_1y, lpr_5y; percent values), as
compiled in legal-rules.md §6.1 from the National Interbank Funding Center announcements.
A file named by ``LEGALOPS_LPR_FILE`` with the same columns adds rows or corrects existing ones,
so the monthly update does not need a code release.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

BUILTIN_FILE = Path(__file__).resolve().parent.parent / "core" / "data" / "lpr.csv"
ENV_FILE = "LEGALOPS_LPR_FILE"
FIRST_PUBLICATION = dt.date(2019, 8, 20)
SOURCE = ("全国银行间同业拆借中心受权公布贷款市场报价利率（LPR）公告", "2019-08-20起按月公布", "LPR")
# A quote older than this when looked up means next month's publication is probably missing.
STALE_AFTER_DAYS = 35


class LprUnavailable(LookupError):
    """No LPR applies to the date asked for."""


class LprDataError(ValueError):
    """The LPR file is malformed."""


@dataclass(frozen=True)
class LprQuote:
    """One monthly publication; values are percents per year (Decimal('3.45') means 3.45%)."""

    published: dt.date
    lpr_1y: Decimal
    lpr_5y: Decimal

    def rate(self, tenor: str) -> Decimal:
        """Return the 1Y or 5Y value."""
        return self.lpr_1y if tenor.upper() == "1Y" else self.lpr_5y


def _read(path: Path) -> dict[dt.date, LprQuote]:
    rows: dict[dt.date, LprQuote] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    quote = LprQuote(
                        dt.date.fromisoformat(row["published"].strip()),
                        Decimal(row["lpr_1y"].strip()),
                        Decimal(row["lpr_5y"].strip()),
                    )
                except (KeyError, AttributeError, ValueError, InvalidOperation) as exc:
                    raise LprDataError(f"{path}:{lineno}: {exc}") from exc
                rows[quote.published] = quote
    except OSError as exc:
        raise LprDataError(f"{ENV_FILE}: cannot read {path}: {exc}") from exc
    return rows


@lru_cache(maxsize=4)
def _load(extra_file: str | None) -> tuple[LprQuote, ...]:
    rows = _read(BUILTIN_FILE)
    if extra_file:
        rows.update(_read(Path(extra_file)))
    return tuple(sorted(rows.values(), key=lambda q: q.published))


def quotes() -> tuple[LprQuote, ...]:
    """Return all publications in date order, built-in plus $LEGALOPS_LPR_FILE."""
    return _load(os.environ.get(ENV_FILE) or None)


def reload() -> None:
    """Forget the cached table so an edited file or a changed env var takes effect."""
    _load.cache_clear()


def lpr_on(day: dt.date) -> LprQuote:
    """Return the LPR in force on a date: the latest publication on or before it."""
    table = quotes()
    index = bisect.bisect_right([q.published for q in table], day)
    if index == 0:
        raise LprUnavailable(
            f"no LPR before {table[0].published.isoformat()} (the reformed LPR was first published on "
            f"{FIRST_PUBLICATION.isoformat()}); use the PBOC benchmark rate for earlier periods"
        )
    return table[index - 1]


def quotes_between(start: dt.date, end: dt.date) -> list[LprQuote]:
    """Return the publications strictly after `start` and on or before `end`."""
    return [q for q in quotes() if start < q.published <= end]


def is_stale(day: dt.date) -> bool:
    """Tell whether a lookup on `day` relies on a table that may miss later publications."""
    return (day - quotes()[-1].published).days > STALE_AFTER_DAYS
