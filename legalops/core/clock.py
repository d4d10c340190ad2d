"""The one place that reads the clock, so tests and documents agree on 'now' and 'today'."""

import datetime as dt
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def utcnow() -> dt.datetime:
    """Return the current time, timezone-aware in UTC (how the database stores it)."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Return today's date in China, the date that legal periods count from."""
    return dt.datetime.now(CHINA).date()
