"""In-app notifications: create once per key, count unread, list, mark read."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlmodel import Session

from legalops.auth.models import User
from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.db.paging import Page, paginate
from legalops.deadlines.models import Notification

KIND_LABELS = {
    "deadline_7d": N_("Due within 7 days"),
    "deadline_1d": N_("Due tomorrow or today"),
    "deadline_overdue": N_("Overdue"),
}


def notify(session: Session, *, user_id: int, kind: str, key: str, text: str, link: str = "",
           case_id: int | None = None) -> Notification | None:
    """Create the notification unless this user already got one with this key; return it, or None if sent before."""
    exists = session.execute(select(Notification.id).where(Notification.user_id == user_id,
                                                           Notification.key == key)).first()
    if exists:
        return None
    note = Notification(user_id=user_id, kind=kind, key=key[:120], text=text[:1000], link=link[:300],
                        case_id=case_id)
    session.add(note)
    session.flush()
    return note


def unread_count(session: Session, user: User) -> int:
    """Return how many of the user's notifications are unread."""
    return session.execute(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))).scalar_one()


def list_notifications(session: Session, user: User, page: int = 1, per_page: int = 50) -> Page:
    """Return a page of the user's notifications, newest first."""
    stmt = (select(Notification).where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))
    return paginate(session, stmt, page, per_page)


def mark_all_read(session: Session, user: User) -> int:
    """Mark every unread notification of the user as read; return how many."""
    result = session.execute(update(Notification).where(Notification.user_id == user.id,
                                                        Notification.read_at.is_(None)).values(read_at=utcnow()))
    return result.rowcount or 0
