"""End to end: a firm uploads a judgment and proposes its details; counsel accepts; the deadlines reach the dashboard and the feed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session
from support.uploads import pdf_bytes

from legalops.cases.models import Case
from legalops.cases.queries import list_debtors
from legalops.core.clock import today
from legalops.litigation.schemas import ProceedingIn
from legalops.litigation.services import record_proceeding

pytestmark = pytest.mark.browser


def _case_in_litigation(live_server, counsel, firm) -> tuple[Case, int]:
    """A case of `firm` with a recorded proceeding (the judgment belongs to it); return it and its borrower's party id."""
    case = live_server.create_case(counsel, firm_id=firm.id)
    with Session(live_server.database.engine, expire_on_commit=False) as session:
        row = session.get(Case, case.id)
        record_proceeding(session, row, ProceedingIn(court_name="上海市浦东新区人民法院", jurisdiction_basis="defendant_domicile",
                                                     court_case_number="(2026)沪0115民初1234号",
                                                     filed_on=today() - dt.timedelta(days=90)), counsel)
        party_id = list_debtors(session, row)[0][1].id
        session.commit()
    return case, party_id


def _appeal_deadline(live_server, case) -> dt.date:
    """Return the appeal deadline the accepted judgment produced (the working-day calendar may move it)."""
    from sqlalchemy import select

    from legalops.deadlines.models import Deadline

    with Session(live_server.database.engine) as session:
        return session.execute(select(Deadline.due_on).where(Deadline.case_id == case.id,
                                                             Deadline.kind == "appeal")).scalar_one()


def test_firm_judgment_accepted_by_counsel_puts_deadlines_on_the_dashboard_and_the_feed(live_server, new_page):
    firm = live_server.create_firm()
    counsel = live_server.create_user("counsel")
    lawyer = live_server.create_user("law_firm", firm=firm)
    case, party_id = _case_in_litigation(live_server, counsel, firm)
    # Served ten days ago: the 15-day appeal period ends within the dashboard's seven-day window.
    decided, served = today() - dt.timedelta(days=12), today() - dt.timedelta(days=10)

    page = new_page()
    live_server.sign_in(page, lawyer)
    page.goto(f"{live_server.url}/cases/{case.id}")
    page.click("[data-testid=case-updates]")
    page.click("[data-testid=kind-judgment_received]")
    page.fill("#f-decided_on", decided.isoformat())
    page.fill("#f-debt_amount", "800000.10")
    page.fill(f"#f-amount_{party_id}", "800000.10")
    page.select_option(f"#f-liability_{party_id}", "joint_and_several")
    page.fill(f"#f-served_on_{party_id}", served.isoformat())
    page.fill("#f-document_title", "一审民事判决书")
    page.set_input_files("#f-file", files=[{"name": "判决书.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}])
    page.click("[data-testid=propose-submit]")
    row = page.locator("[data-testid=update-row]")
    assert row.get_attribute("data-status") == "pending"
    assert "Attached document" in row.inner_text()

    review = new_page()
    live_server.sign_in(review, counsel)
    review.goto(f"{live_server.url}/review")
    card = review.locator("[data-testid=pending-update]")
    assert "Judgment received" in card.inner_text() and "¥800,000.10" in card.inner_text()
    assert "document_kind" not in card.inner_text() and "Document type" in card.inner_text()
    with review.expect_download() as download:
        card.locator("[data-testid=attached-document]").click()
    assert download.value.suggested_filename == "一审民事判决书.pdf"
    card.locator("[data-testid=accept-update]").click()
    review.wait_for_selector("[data-testid=queue-empty]")

    appeal_by = _appeal_deadline(live_server, case)
    assert served + dt.timedelta(days=15) <= appeal_by <= today() + dt.timedelta(days=7)
    review.goto(f"{live_server.url}/")
    panel = review.locator("[data-testid=home-deadlines]").inner_text()
    assert case.reference in panel and appeal_by.isoformat() in panel, panel

    review.goto(f"{live_server.url}/deadlines/calendar")
    review.click("[data-testid=create-feed]")
    feed_url = review.locator("[data-testid=feed-url]").inner_text().strip()
    feed = review.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "BEGIN:VCALENDAR" in body and case.reference in body
    assert f"DTSTART;VALUE=DATE:{appeal_by:%Y%m%d}" in body

    page.reload()
    assert page.locator("[data-testid=update-row]").get_attribute("data-status") == "accepted"
