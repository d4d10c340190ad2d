"""Private calendar feeds: revocable token URLs (only the sha256 is stored) serving the user's deadlines as iCalendar."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.auth.models import User
from legalops.auth.passwords import hash_token, new_token
from legalops.core.clock import utcnow
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.deadlines.models import KIND_LABELS, CalendarToken, DeadlineKind
from legalops.deadlines.queries import list_feed_deadlines

#: The domain part of every UID when no public address is configured. Never the request's host: a calendar
#: subscribed through another name or a proxy would see new UIDs and show every deadline twice.
UID_DOMAIN = "legalops"

#: Calendars keep past events; a year back is enough to see what was due and stays a small document.
HISTORY_DAYS = 365


def create_calendar_token(session: Session, user: User, label: str = "") -> tuple[str, CalendarToken]:
    """Issue a feed token for the user; return the secret (shown once) and its stored row."""
    token, digest = new_token()
    row = CalendarToken(user_id=user.id, token_hash=digest, label=label.strip()[:100])
    session.add(row)
    session.flush()
    record(session, user, "create", row, after={"label": row.label}, summary=N_("Calendar subscription"))
    return token, row


def list_calendar_tokens(session: Session, user: User) -> list[CalendarToken]:
    """Return the user's active feed tokens, newest first."""
    return list(session.execute(select(CalendarToken).where(CalendarToken.user_id == user.id,
                                                            CalendarToken.revoked_at.is_(None))
                                .order_by(CalendarToken.created_at.desc(), CalendarToken.id.desc())).scalars())


def revoke_calendar_token(session: Session, user: User, token_id: int) -> CalendarToken:
    """Revoke one of the user's feed tokens; the URL stops working at once."""
    row = session.get(CalendarToken, token_id)
    if row is None or row.user_id != user.id or row.revoked_at is not None:
        raise NotFound(N_("Not found."))
    row.revoked_at = utcnow()
    record(session, user, "revoke", row, before={"revoked_at": None}, after={"revoked_at": row.revoked_at.isoformat()},
           summary=N_("Calendar subscription"))
    return row


def feed_user(session: Session, token: str) -> User | None:
    """Return the active user an unrevoked token belongs to, else None."""
    row = session.execute(select(CalendarToken).where(CalendarToken.token_hash == hash_token(token),
                                                      CalendarToken.revoked_at.is_(None))).scalar_one_or_none()
    if row is None:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def uid_domain(base_url: str = "") -> str:
    """Return the fixed domain part of the feed's UIDs: the configured public address's host, else UID_DOMAIN."""
    return urlsplit(base_url.strip()).hostname or UID_DOMAIN


def build_feed(session: Session, user: User, today: dt.date, domain: str, translate=lambda s: s) -> bytes:
    """Return the user's deadlines as an iCalendar document of all-day events with stable UIDs."""
    cal = Calendar()
    cal.add("prodid", "-//LegalOps//Deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", translate(N_("LegalOps deadlines")))
    stamp = utcnow().replace(microsecond=0)
    for deadline, reference in list_feed_deadlines(session, user, today - dt.timedelta(days=HISTORY_DAYS)):
        event = Event()
        # One UID per deadline for its whole life: calendars update the event instead of adding another.
        event.add("uid", f"deadline-{deadline.id}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + dt.timedelta(days=1))
        event.add("summary", f"{reference} {deadline.title}")
        lines = [translate(KIND_LABELS[DeadlineKind(deadline.kind)]), deadline.citation]
        if deadline.provisional:
            lines.append(deadline.provisional_note)
        event.add("description", "\n".join(line for line in lines if line))
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
