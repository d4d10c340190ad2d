"""Daily reminders: once per deadline and threshold, missed deadlines marked, e-mail through a real SMTP server."""

import datetime as dt
import socket

import factories as f
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from legalops.db.session import commit
from legalops.deadlines.jobs import reminder_job_id, submit_daily_reminders
from legalops.deadlines.models import Deadline, Notification
from legalops.deadlines.reminders import send_reminders
from legalops.deadlines.services import sync_deadline
from legalops.jobs.models import JobRecord

DAY = dt.date(2026, 11, 23)


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield f"smtp://127.0.0.1:{port}", inbox
    controller.stop()


def _deadlines(session, counsel, case):
    made = {}
    for days in (10, 7, 1, -1):
        made[days] = sync_deadline(session, case_id=case.id, kind="hearing", due_on=DAY + dt.timedelta(days=days),
                                   title=f"开庭{days}", citation="", source="test", source_id=str(days))
    return made


def _keys(session, user):
    return sorted(n.key.rsplit(":", 1)[1] + "@" + n.key.split(":")[1] for n in session.execute(
        select(Notification).where(Notification.user_id == user.id)).scalars())


def test_once_per_threshold_with_mail(session, smtp):
    url, inbox = smtp
    counsel = f.user(session)
    counsel.email = "counsel@example.com"
    case = f.case(session, counsel)
    made = _deadlines(session, counsel, case)
    first = send_reminders(session, DAY, smtp_url=url)
    assert (first["notifications"], first["emails"], first["missed"]) == (3, 1, 1)
    assert made[-1].state == "missed"
    assert _keys(session, counsel) == sorted([f"1d@{made[1].id}", f"7d@{made[7].id}", f"overdue@{made[-1].id}"])
    (rcpt, body), = inbox.messages
    assert rcpt == ["counsel@example.com"] and "开庭7" in body and "开庭10" not in body
    # Same day again: nothing new, no second mail.
    assert send_reminders(session, DAY, smtp_url=url)["notifications"] == 0 and len(inbox.messages) == 1
    # Six days later the 7-day deadline reaches the 1-day threshold; the 10-day one enters the window.
    later = send_reminders(session, DAY + dt.timedelta(days=6), smtp_url=url)
    assert later["notifications"] == 3  # 7→1d, 10→7d, 1→overdue; nothing again for the one already overdue
    assert f"1d@{made[7].id}" in _keys(session, counsel) and f"7d@{made[10].id}" in _keys(session, counsel)
    assert len(inbox.messages) == 2


def test_job_runs_once_per_day_and_nav_shows_unread(build_app, session, smtp):
    url, inbox = smtp
    app = build_app(SMTP_URL=url)
    counsel = f.user(session)
    case = f.case(session, counsel)
    _deadlines(session, counsel, case)
    commit(session)
    with app.test_request_context():
        record = submit_daily_reminders(session, DAY)
        assert record.id == reminder_job_id(DAY) == "deadline_reminders:2026-11-23"
        commit(session)  # JOBS_EAGER: the job runs after the commit, in its own session
    session.expire_all()
    done = session.get(JobRecord, reminder_job_id(DAY))
    assert done.status == "finished" and done.result["notifications"] == 3
    assert done.result["emails"] == 0 and inbox.messages == []  # no address on file: nothing to send
    missed = session.execute(select(Deadline).where(Deadline.case_id == case.id, Deadline.state == "missed")).all()
    assert len(missed) == 1
    client = app.test_client()
    f.login(client, counsel)
    html = client.get("/notifications/").get_data(as_text=True)
    assert 'data-testid="unread-count">3<' in html and html.count('data-testid="notification"') == 3
    client.post("/notifications/read")
    assert 'data-testid="unread-count"' not in client.get("/notifications/").get_data(as_text=True)


def test_long_missed_deadlines_are_marked_but_not_announced(session):
    # A first run over an imported book must not send a reminder for every guarantee period that lapsed years ago.
    counsel = f.user(session)
    case = f.case(session, counsel)
    old = sync_deadline(session, case_id=case.id, kind="guarantee_period", due_on=DAY - dt.timedelta(days=400),
                        title="保证期间届满", citation="", source="test", source_id="old")
    recent = sync_deadline(session, case_id=case.id, kind="hearing", due_on=DAY - dt.timedelta(days=3),
                           title="开庭", citation="", source="test", source_id="recent")
    done = send_reminders(session, DAY)
    assert (old.state, recent.state, done["missed"]) == ("missed", "missed", 2)
    assert _keys(session, counsel) == [f"overdue@{recent.id}"]
