"""Background entry points for deadlines: the daily reminder run, one job per day."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlmodel import Session

from legalops.core.clock import today
from legalops.deadlines.reminders import send_reminders
from legalops.jobs.models import JobRecord
from legalops.jobs.queue import submit_job

KIND = "deadline_reminders"


def reminder_job_id(on: dt.date) -> str:
    """Return the day's job id: a second trigger on the same day finds the same job."""
    return f"{KIND}:{on.isoformat()}"


def submit_daily_reminders(session: Session, on: dt.date | None = None) -> JobRecord:
    """Queue the reminder run for a day (runs after the caller commits)."""
    on = on or today()
    return submit_job(session, KIND, "legalops.deadlines.jobs.send_deadline_reminders_job", reminder_job_id(on),
                      args={"on": on.isoformat()})


def send_deadline_reminders_job(session: Session, record: JobRecord) -> dict:
    """Refresh computed deadlines, mark missed ones and send the day's reminders (idempotent per threshold)."""
    on = dt.date.fromisoformat((record.args or {}).get("on") or today().isoformat())
    config = current_app.config
    return send_reminders(session, on, smtp_url=config.get("SMTP_URL", ""),
                          sender=config["MAIL_FROM"], base_url=config["BASE_URL"])
