"""Daily reminders: refresh computed deadlines, mark missed ones, notify the responsible person once per threshold."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.core.clock import utcnow
from legalops.deadlines.events import event_condition
from legalops.deadlines.models import Deadline
from legalops.deadlines.notifications import notify
from legalops.deadlines.refresh import refresh_all
from legalops.deadlines.services import LIVE, mark_missed

log = logging.getLogger(__name__)
#: Remind at 7 days, at 1 day, and once overdue: three messages per deadline at most, never a daily repeat.
WINDOW_DAYS = 7


def threshold(days_left: int) -> str | None:
    """Return the reminder threshold a deadline `days_left` away has reached, if any."""
    if days_left < 0:
        return "overdue"
    if days_left <= 1:
        return "1d"
    if days_left <= WINDOW_DAYS:
        return "7d"
    return None


def send_reminders(session: Session, today: dt.date, smtp_url: str = "", sender: str = "legalops@localhost",
                   base_url: str = "") -> dict[str, int]:
    """Run the daily reminder pass and return what it did (counts)."""
    refreshed = refresh_all(session)
    missed = mark_missed(session, today)
    rows = session.execute(
        select(Deadline, Case.reference, Case.counsel_id).join(Case, Case.id == Deadline.case_id)
        # Missed within the last week only: a first run must not announce every period that lapsed years ago.
        .where(Deadline.state.in_(LIVE), Deadline.due_on <= today + dt.timedelta(days=WINDOW_DAYS),
               Deadline.due_on >= today - dt.timedelta(days=WINDOW_DAYS),
               # An event whose day came is not overdue (mark_missed closed it as passed; this holds regardless).
               ~(event_condition() & (Deadline.due_on < today)))
        .order_by(Deadline.due_on, Deadline.id)).all()
    created: list[tuple[int, str, object]] = []
    for deadline, reference, counsel_id in rows:
        user_id = deadline.responsible_id or counsel_id
        step = threshold((deadline.due_on - today).days)
        if user_id is None or step is None:
            continue
        # The due date is part of the key: a deadline that moves earns its reminders again.
        key = f"deadline:{deadline.id}:{deadline.due_on.isoformat()}:{step}"
        text = f"{reference} · {deadline.title} · {deadline.due_on.isoformat()}"
        note = notify(session, user_id=user_id, kind=f"deadline_{step}", key=key, text=text,
                      link=f"/cases/{deadline.case_id}", case_id=deadline.case_id)
        if note is not None:
            created.append((user_id, text, note))
    emailed = _send_mail(session, smtp_url, sender, base_url, created) if smtp_url and created else 0
    return {"cases_refreshed": refreshed, "missed": missed, "notifications": len(created), "emails": emailed}


def _send_mail(session: Session, smtp_url: str, sender: str, base_url: str, created: list) -> int:
    """Send one digest per user through the configured SMTP server; return the number of messages sent."""
    by_user: dict[int, list] = {}
    for user_id, text, note in created:
        by_user.setdefault(user_id, []).append((text, note))
    url = urlsplit(smtp_url)
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    sent = 0
    with smtp_class(url.hostname or "localhost", url.port or (465 if url.scheme == "smtps" else 25), timeout=30) as smtp:
        if url.scheme == "smtp+starttls":
            smtp.starttls()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        for user_id, items in by_user.items():
            user = session.get(User, user_id)
            if user is None or not user.email or not user.active:
                continue
            lines = [text for text, _note in items]
            msg = EmailMessage()
            msg["From"], msg["To"] = sender, user.email
            msg["Subject"] = f"LegalOps 期限提醒 / deadline reminder ({len(lines)})"
            body = "\n".join(f"- {line}" for line in lines)
            msg.set_content(f"{body}\n\n{base_url.rstrip('/')}/deadlines/?mine=1&within=7\n")
            smtp.send_message(msg)
            sent += 1
            for _text, note in items:
                note.emailed_at = utcnow()
    return sent
