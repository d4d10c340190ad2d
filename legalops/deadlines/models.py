"""Deadlines, the calendar-feed tokens that publish them, and in-app notifications."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_


class DeadlineKind(StrEnum):
    """What a deadline is for; each has its rule (legal-rules.md §3)."""

    limitation = "limitation"
    guarantee_period = "guarantee_period"
    appeal = "appeal"
    judgment_effective = "judgment_effective"
    performance_period = "performance_period"
    enforcement_application = "enforcement_application"
    preservation_expiry = "preservation_expiry"
    preservation_renewal = "preservation_renewal"
    hearing = "hearing"
    auction = "auction"
    auction_payment = "auction_payment"
    instalment = "instalment"
    payment = "payment"
    other = "other"


class DeadlineState(StrEnum):
    """Where a deadline stands; `missed` is an open task whose day has passed, `passed` an event whose day came.

    Which deadlines are events (watched, closing by themselves) and which are tasks: deadlines.events.
    """

    open = "open"
    done = "done"
    missed = "missed"
    passed = "passed"
    cancelled = "cancelled"


KIND_LABELS = {
    DeadlineKind.limitation: N_("Limitation expiry"),
    DeadlineKind.guarantee_period: N_("Guarantee period expiry"),
    DeadlineKind.appeal: N_("Appeal deadline"),
    DeadlineKind.judgment_effective: N_("Judgment takes effect"),
    DeadlineKind.performance_period: N_("End of performance period"),
    DeadlineKind.enforcement_application: N_("Enforcement application deadline"),
    DeadlineKind.preservation_expiry: N_("Preservation expiry"),
    DeadlineKind.preservation_renewal: N_("Latest preservation renewal"),
    DeadlineKind.hearing: N_("Hearing"),
    DeadlineKind.auction: N_("Auction"),
    DeadlineKind.auction_payment: N_("Auction payment due"),
    DeadlineKind.instalment: N_("Instalment due"),
    DeadlineKind.payment: N_("Payment due"),
    DeadlineKind.other: N_("Other"),
}

STATE_LABELS = {
    DeadlineState.open: N_("Open"),
    DeadlineState.done: N_("Done"),
    DeadlineState.missed: N_("Missed"),
    DeadlineState.passed: N_("Date passed"),
    DeadlineState.cancelled: N_("Cancelled"),
}


class Deadline(SQLModel, table=True):
    """One dated thing that must happen on a case, with the rule it comes from."""

    __table_args__ = (
        # The business key callers upsert by: re-syncing a judgment never duplicates its deadlines.
        # coalesce: a plain unique constraint would let rows with party_id NULL repeat.
        Index("uq_deadline_source_kind_party", "source", "source_id", "kind", text("coalesce(party_id, 0)"),
              unique=True),
        Index("ix_deadline_state_due_on", "state", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    kind: str = Field(max_length=30)
    title: str = Field(max_length=300)
    #: The last day on which the act is in time (periods end at 24:00, 民法典 art. 203).
    due_on: dt.date
    #: The rule the date comes from, e.g. 《民事诉讼法》第一百七十一条.
    citation: str = Field(default="", max_length=2000)
    #: Who computed the date ("assessment.claims", "litigation.judgment" ...) and its record id there.
    source: str = Field(max_length=60)
    source_id: str = Field(max_length=60)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    responsible_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    state: str = Field(default=DeadlineState.open, max_length=12)
    #: True when the date was computed without that year's holiday table (weekends only); recompute later.
    provisional: bool = False
    provisional_note: str = Field(default="", max_length=1000)
    done_at: dt.datetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class CalendarToken(SQLModel, table=True):
    """A user's private calendar-feed URL; only the sha256 of its secret is kept."""

    __tablename__ = "calendar_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    label: str = Field(default="", max_length=100)
    created_at: dt.datetime = Field(default_factory=utcnow)
    revoked_at: dt.datetime | None = None
    last_used_at: dt.datetime | None = None


class Notification(SQLModel, table=True):
    """An in-app message for one user; a (key, user) pair is sent once, so a daily job never repeats itself."""

    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_notification_user_key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    kind: str = Field(max_length=40)
    #: Idempotency key, e.g. "deadline:12:7d" — the reminder for deadline 12 at the 7-day threshold.
    key: str = Field(max_length=120)
    text: str = Field(max_length=1000)
    link: str = Field(default="", max_length=300)
    case_id: int | None = Field(default=None, foreign_key="legal_case.id")
    emailed_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    read_at: dt.datetime | None = None
