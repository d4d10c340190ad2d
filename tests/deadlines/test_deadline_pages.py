"""Deadline list, case panel, dashboard and calendar feed: scoped to the firm, flagged, CSRF-protected."""

import datetime as dt

import factories as f
import pytest
from icalendar import Calendar

from legalops.core.clock import today
from legalops.db.session import commit
from legalops.deadlines.services import sync_deadline


def _deadline(session, case, kind, days, title, **over):
    values = dict(case_id=case.id, kind=kind, due_on=today() + dt.timedelta(days=days), title=title,
                  citation="《民事诉讼法》第一百七十一条", source="test", source_id=f"{case.id}-{title}")
    values.update(over)
    return sync_deadline(session, **values)


@pytest.fixture
def world(session):
    firm_a, firm_b = f.firm(session), f.firm(session)
    counsel = f.user(session)
    own = f.user(session, "law_firm", firm=firm_a)
    case_a = f.case(session, counsel, firm_id=firm_a.id)
    case_b = f.case(session, counsel, firm_id=firm_b.id)
    overdue = _deadline(session, case_a, "appeal", -2, "上诉期限A")
    soon = _deadline(session, case_a, "hearing", 3, "开庭A")
    later = _deadline(session, case_a, "enforcement_application", 400, "申请执行A")
    other = _deadline(session, case_b, "hearing", 1, "开庭B")
    _deadline(session, case_a, "limitation", -900, "时效届满A")
    commit(session)
    return dict(counsel=counsel, own=own, case_a=case_a, case_b=case_b, overdue=overdue, soon=soon, later=later,
                other=other)


def test_list_flags_and_scopes_to_the_firm(client, world):
    f.login(client, world["counsel"])
    html = client.get("/deadlines/").get_data(as_text=True)
    assert "上诉期限A" in html and "开庭B" in html
    assert 'class="dl-overdue"' in html and 'class="dl-soon"' in html
    # Nearest first: the overdue appeal comes before the hearing in three days; a period missed years ago last.
    assert html.index("上诉期限A") < html.index("开庭A") < html.index("申请执行A") < html.index("时效届满A")
    within = client.get("/deadlines/?within=7").get_data(as_text=True)
    assert "申请执行A" not in within and "开庭A" in within
    client.post("/logout")
    f.login(client, world["own"])
    html = client.get("/deadlines/").get_data(as_text=True)
    assert "开庭A" in html and "开庭B" not in html
    assert world["case_b"].reference not in html
    # Another firm's deadline cannot be marked done, nor can its case panel be seen.
    assert client.post(f"/deadlines/{world['other'].id}/done").status_code == 404
    assert client.get(f"/cases/{world['case_b'].id}").status_code == 404
    panel = client.get(f"/cases/{world['case_a'].id}").get_data(as_text=True)
    assert 'data-testid="case-deadlines"' in panel and "开庭A" in panel


def test_mark_done_needs_csrf_and_records_who(build_app, session, world):
    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/login", data={"username": world["counsel"].username, "password": f.PASSWORD,
                                       "csrf_token": token}).status_code == 302
    assert client.post(f"/deadlines/{world['soon'].id}/done").status_code == 400
    html = client.get("/deadlines/").get_data(as_text=True)
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(f"/deadlines/{world['soon'].id}/done", data={"csrf_token": token, "next": "/deadlines/"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/deadlines/")
    session.refresh(world["soon"])
    assert world["soon"].state == "done" and world["soon"].done_by_id == world["counsel"].id


def test_dashboard_counts_my_overdue_and_due_soon(client, world):
    f.login(client, world["counsel"])
    html = client.get("/").get_data(as_text=True)
    overdue = html.split('data-testid="overdue-count"')[1].split("<b>")[1].split("</b>")[0]
    soon = html.split('data-testid="soon-count"')[1].split("<b>")[1].split("</b>")[0]
    assert (overdue, soon) == ("2", "2")  # the appeal and the old limitation; the two hearings (one on the other firm's case)


def test_feed_is_the_users_deadlines_and_dies_when_revoked(client, session, world):
    f.login(client, world["own"])
    page = client.post("/deadlines/calendar/tokens", data={"label": "手机"}).get_data(as_text=True)
    url = page.split('data-testid="feed-url">')[1].split("<")[0]
    path = url.split("localhost", 1)[1]
    client.post("/logout")
    response = client.get(path)  # no session: the secret URL is the credential
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    summaries = {str(e["summary"]): e for e in events}
    assert f"{world['case_a'].reference} 开庭A" in summaries and not any("开庭B" in s for s in summaries)
    hearing = summaries[f"{world['case_a'].reference} 开庭A"]
    assert hearing["uid"] == f"deadline-{world['soon'].id}@legalops"
    assert hearing.decoded("dtstart") == world["soon"].due_on  # an all-day date, not a datetime
    assert "第一百七十一条" in str(hearing["description"])
    assert client.get(path).data.count(b"UID:deadline-") == len(events)  # stable across fetches
    f.login(client, world["own"])
    calendar_page = client.get("/deadlines/calendar").get_data(as_text=True)
    token_id = calendar_page.split('name="token_id" value="')[1].split('"')[0]
    assert client.post("/deadlines/calendar/revoke", data={"token_id": token_id}).status_code == 302
    assert client.get(path).status_code == 404
    assert client.get("/deadlines/feed/not-a-token.ics").status_code == 404


def test_feed_uids_do_not_follow_the_request_host(build_app, session, world):
    """A calendar subscribed through another hostname or a proxy must see the same UIDs, or it duplicates events."""
    def uids(client, host):
        f.login(client, world["own"])
        page = client.post("/deadlines/calendar/tokens", data={"label": host}).get_data(as_text=True)
        path = "/deadlines/feed/" + page.split('data-testid="feed-url">')[1].split("/deadlines/feed/")[1].split("<")[0]
        by_host = {}
        for name in (host, "127.0.0.1", "calendar.example.org:8443"):
            body = client.get(path, headers={"Host": name}).data
            by_host[name] = {str(e["summary"]): str(e["uid"]) for e in Calendar.from_ical(body).walk("VEVENT")}
        return by_host

    seen = uids(build_app().test_client(), "localhost")
    assert seen["localhost"] == seen["127.0.0.1"] == seen["calendar.example.org:8443"]
    assert seen["localhost"][f"{world['case_a'].reference} 开庭A"] == f"deadline-{world['soon'].id}@legalops"
    # With a public address configured, its host is the UID domain, whatever host the request came through.
    seen = uids(build_app(BASE_URL="https://legal.example.com:8443/app").test_client(), "localhost")
    assert seen["localhost"] == seen["127.0.0.1"]
    assert seen["127.0.0.1"][f"{world['case_a'].reference} 开庭A"] == f"deadline-{world['soon'].id}@legal.example.com"
