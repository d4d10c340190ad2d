"""Sign-in: hashed passwords, refusals, throttling, cookies, sign-out, revocation, redirects, CSRF."""

from __future__ import annotations

import re

import factories as f
import pytest
from sqlalchemy import select, text

from legalops.audit.models import AuditEntry
from legalops.auth.models import User
from legalops.auth.passwords import verify_password


def _signed_in(client) -> bool:
    response = client.get("/")
    return response.status_code == 200


def test_passwords_are_stored_as_argon2id_hashes(session):
    user = f.user(session)
    session.flush()
    stored = session.execute(text("SELECT password_hash FROM app_user WHERE id = :id"), {"id": user.id}).scalar_one()
    assert stored.startswith("$argon2id$")
    assert f.PASSWORD not in stored
    assert verify_password(stored, f.PASSWORD)
    assert not verify_password(stored, f.PASSWORD + "x")


def test_sign_in_records_the_login_and_opens_the_home_page(client, session):
    user = f.user(session)
    response = f.login(client, user)
    assert response.headers["Location"] == "/"
    assert _signed_in(client)
    entry = session.execute(select(AuditEntry).where(AuditEntry.action == "login", AuditEntry.object_id == user.id)
                            ).scalar_one()
    assert entry.actor_id == user.id


@pytest.mark.parametrize("password", ["wrong password!", ""])
def test_wrong_password_is_refused_without_a_session(client, session, password):
    user = f.user(session)
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 401
    assert client.get_cookie("session") is None or not _signed_in(client)
    assert client.get("/").status_code == 302


def test_unknown_user_and_disabled_user_are_refused(client, session):
    user = f.user(session)
    user.active = False
    session.flush()
    assert client.post("/login", data={"username": user.username, "password": f.PASSWORD}).status_code == 401
    assert client.post("/login", data={"username": "nobody-here", "password": f.PASSWORD}).status_code == 401
    assert client.get("/").status_code == 302


def test_sign_in_is_throttled_after_repeated_failures(build_app, session):
    app = build_app(RATELIMIT_ENABLED=True, LOGIN_ATTEMPTS="3 per 5 minutes")
    client = app.test_client()
    user = f.user(session, username="throttled-user")
    statuses = [client.post("/login", data={"username": user.username, "password": "bad password"}).status_code
                for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    # Even the right password waits now: the throttle must not become an oracle.
    assert client.post("/login", data={"username": user.username, "password": f.PASSWORD}).status_code == 429
    assert client.get("/").status_code == 302


def test_default_throttle_allows_ten_failures(build_app, session):
    app = build_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    user = f.user(session, username="throttled-default")
    statuses = [client.post("/login", data={"username": user.username, "password": "bad password"}).status_code
                for _ in range(11)]
    assert statuses == [401] * 10 + [429]


def test_successful_sign_ins_do_not_count_towards_the_throttle(build_app, session):
    app = build_app(RATELIMIT_ENABLED=True, LOGIN_ATTEMPTS="2 per 5 minutes")
    user = f.user(session, username="throttle-success")
    client = app.test_client()
    for _ in range(4):
        f.login(client, user)


def _cookie_header(response, name: str = "session") -> str:
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    assert headers, response.headers
    return headers[-1]


def test_session_cookie_is_http_only_and_same_site_lax(client, session):
    header = _cookie_header(f.login(client, f.user(session)))
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header


def test_production_cookie_is_secure(build_app, session):
    app = build_app(ENV="production", SECRET_KEY="a-production-secret-of-enough-length")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    client = app.test_client()
    header = _cookie_header(f.login(client, f.user(session)))
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header


def test_production_refuses_to_start_without_a_secret_key(connection, tmp_path, monkeypatch):
    from legalops import create_app
    from legalops.db.session import Database

    monkeypatch.setenv("LEGALOPS_ENV", "production")
    monkeypatch.delenv("LEGALOPS_SECRET_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuntimeError, match="LEGALOPS_SECRET_KEY"):
        create_app({"DATABASE": Database.bound(connection), "STORAGE_DIR": str(tmp_path / "s")})
    # No key file is generated as a fallback either.
    assert not (tmp_path / "instance" / "secret_key").exists()
    monkeypatch.setenv("LEGALOPS_SECRET_KEY", "from-the-environment-0123456789")
    app = create_app({"DATABASE": Database.bound(connection), "STORAGE_DIR": str(tmp_path / "s")})
    assert app.config["SECRET_KEY"] == "from-the-environment-0123456789"


def test_sign_out_ends_the_session(client, session):
    f.login(client, f.user(session))
    response = client.post("/logout")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert client.get("/").status_code == 302


def test_sign_out_is_post_only(client, session):
    f.login(client, f.user(session))
    assert client.get("/logout").status_code == 405
    assert _signed_in(client)


def test_a_copied_cookie_stops_working_after_sign_out_everywhere(app, session):
    user = f.user(session)
    laptop, phone = app.test_client(), app.test_client()
    f.login(laptop, user)
    f.login(phone, user)
    stolen = laptop.get_cookie("session").value
    assert phone.post("/logout-everywhere").status_code == 302
    assert laptop.get("/").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/").status_code == 302
    assert thief.get("/", headers={"Accept": "application/json"}).status_code == 401
    session.refresh(user)
    assert user.session_version == 2


def test_disabling_a_user_revokes_their_open_session_at_once(app, session):
    admin, victim = f.user(session, "admin"), f.user(session, "counsel")
    admin_client, victim_client = app.test_client(), app.test_client()
    f.login(admin_client, admin)
    f.login(victim_client, victim)
    assert _signed_in(victim_client)
    assert admin_client.post(f"/admin/users/{victim.id}/active", data={"active": "0"}).status_code == 302
    assert victim_client.get("/").status_code == 302
    assert victim_client.post("/login", data={"username": victim.username, "password": f.PASSWORD}).status_code == 401
    # Re-enabling does not bring the old cookie back to life.
    old_cookie = victim_client.get_cookie("session")
    assert admin_client.post(f"/admin/users/{victim.id}/active", data={"active": "1"}).status_code == 302
    if old_cookie is not None:
        victim_client.set_cookie("session", old_cookie.value)
    assert victim_client.get("/").status_code == 302
    f.login(victim_client, victim)


def test_session_is_renewed_at_sign_in(client, session):
    """A session planted before sign-in (fixation) does not carry over."""
    with client.session_transaction() as planted:
        planted["planted"] = "by an attacker"
    f.login(client, f.user(session))
    with client.session_transaction() as after:
        assert "planted" not in after


@pytest.mark.parametrize("target", ["/cases/", "/cases/?stage=intake"])
def test_next_returns_to_a_local_page(client, session, target):
    user = f.user(session)
    response = client.post("/login", query_string={"next": target},
                           data={"username": user.username, "password": f.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "///evil.example/", "/\\evil.example/", "\\\\evil.example",
    "/\t/evil.example/", "/\n/evil.example", "javascript:alert(1)", "http:/evil.example", " //evil.example",
])
def test_next_never_leaves_the_site(client, session, target):
    user = f.user(session)
    response = client.post("/login", query_string={"next": target},
                           data={"username": user.username, "password": f.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/"])
def test_language_switch_never_leaves_the_site(client, target):
    response = client.post("/language", data={"locale": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_anonymous_visit_sends_to_login_with_next(client, session):
    response = client.get("/cases/?stage=intake")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/login?next=")
    user = f.user(session)
    signed = client.post(location, data={"username": user.username, "password": f.PASSWORD})
    assert signed.headers["Location"] == "/cases/?stage=intake"


def _csrf_token(html: bytes) -> str:
    match = re.search(rb'name="csrf_token" value="([^"]+)"', html)
    assert match, html[:300]
    return match.group(1).decode()


def test_csrf_refuses_a_post_without_token_and_accepts_one_with_it(build_app, session):
    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    user = f.user(session)
    refused = client.post("/login", data={"username": user.username, "password": f.PASSWORD})
    assert refused.status_code == 400
    assert client.get("/").status_code == 302
    token = _csrf_token(client.get("/login").data)
    accepted = client.post("/login", data={"username": user.username, "password": f.PASSWORD, "csrf_token": token})
    assert accepted.status_code == 302
    # Signed in, a state-changing POST still needs the (new) token.
    assert client.post("/logout").status_code == 400
    assert _signed_in(client)
    token = _csrf_token(client.get("/").data)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_csrf_token_in_header_is_accepted(build_app, session):
    """htmx sends the token in a header instead of a form field."""
    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    counsel = f.user(session)
    token = _csrf_token(client.get("/login").data)
    client.post("/login", data={"username": counsel.username, "password": f.PASSWORD, "csrf_token": token})
    token = _csrf_token(client.get("/").data)
    response = client.post("/language", data={"locale": "en"}, headers={"X-CSRFToken": token})
    assert response.status_code == 302


def test_csrf_protects_case_edits(build_app, session):
    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    counsel = f.user(session)
    case = f.case(session, counsel)
    token = _csrf_token(client.get("/login").data)
    client.post("/login", data={"username": counsel.username, "password": f.PASSWORD, "csrf_token": token})
    response = client.post(f"/cases/{case.id}/stage", data={"to": "assessment", "version": str(case.version)})
    assert response.status_code == 400
    session.refresh(case)
    assert case.stage == "intake"


def test_user_row_never_exposes_the_hash_in_audit(session):
    user = f.user(session)
    session.flush()
    entries = session.execute(select(AuditEntry).where(AuditEntry.object_type == "user",
                                                       AuditEntry.object_id == user.id)).scalars().all()
    assert entries
    for entry in entries:
        assert "password_hash" not in (entry.after or {})
        assert "password_hash" not in (entry.before or {})
    assert session.get(User, user.id).password_hash.startswith("$argon2id$")


def test_unknown_user_names_cost_a_hash_check_too(session, monkeypatch):
    """Answering unknown names faster than wrong passwords would reveal which user names exist."""
    from legalops.auth import services

    calls = []
    real = services.verify_password
    monkeypatch.setattr(services, "verify_password", lambda h, p: calls.append(h) or real(h, p))
    assert services.authenticate(session, "nobody-at-all", "whatever") is None
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_a_cookie_older_than_the_session_lifetime_is_refused(client, session, monkeypatch):
    from itsdangerous.timed import TimestampSigner

    f.login(client, f.user(session))
    assert _signed_in(client)
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 8 * 3600 + 60)
    assert client.get("/").status_code == 302
