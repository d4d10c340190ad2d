"""An unexpected error answers with the translated 500 page: logged, rolled back, and saying nothing of the exception."""

from __future__ import annotations

import logging

import factories as f
import pytest
from flask import Blueprint
from sqlalchemy import select

from legalops.auth.models import Firm
from legalops.db.session import get_session

SECRET = "身份证号 310115198001020011 leaked"


def _broken_blueprint() -> Blueprint:
    bp = Blueprint("broken_for_test", __name__)

    @bp.get("/broken-for-test")
    def broken():
        raise RuntimeError(SECRET)

    @bp.get("/broken-for-test/database")
    def broken_database():
        # A half-done unit of work that then fails in the database (a duplicate unique name).
        session = get_session()
        session.add(Firm(name="重复的律所"))
        session.add(Firm(name="重复的律所"))
        session.flush()
        return "unreachable"

    @bp.get("/api/v1/broken-for-test")
    def broken_api():
        raise RuntimeError(SECRET)

    return bp


@pytest.fixture
def broken_app(build_app):
    # TESTING propagates exceptions to the test client; production does not.
    app = build_app(PROPAGATE_EXCEPTIONS=False)
    app.register_blueprint(_broken_blueprint())
    return app


@pytest.mark.parametrize(("language", "title", "absent"), [
    ("zh-CN", "出错了", "Something went wrong"), ("en", "Something went wrong", "出错了")])
def test_unexpected_error_shows_the_translated_page_without_the_exception(broken_app, caplog, language, title,
                                                                          absent):
    with caplog.at_level(logging.ERROR):
        response = broken_app.test_client().get("/broken-for-test", headers={"Accept-Language": language})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert 'data-testid="error-500"' in page and title in page and absent not in page
    assert "Internal Server Error" not in page and SECRET not in page and "RuntimeError" not in page
    assert any(record.exc_info and SECRET in str(record.exc_info[1]) for record in caplog.records)


def test_a_database_error_is_rolled_back_and_the_signed_in_page_still_renders(broken_app, session):
    user = f.user(session, "counsel")
    session.commit()
    client = broken_app.test_client()
    f.login(client, user)
    response = client.get("/broken-for-test/database", headers={"Accept-Language": "zh-CN"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    # The layout queries the database (unread notifications), which needs the failed transaction rolled back.
    assert "出错了" in page and user.display_name in page
    assert session.execute(select(Firm).where(Firm.name == "重复的律所")).first() is None


def test_api_errors_stay_json(broken_app):
    response = broken_app.test_client().get("/api/v1/broken-for-test")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "server_error"
    assert SECRET not in response.get_data(as_text=True)
