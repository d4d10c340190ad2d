"""Administration forms: users and firms refuse bad input on the right field and keep what was typed."""

from __future__ import annotations

import re

import factories as f
import pytest
from sqlalchemy import func, select, update
from support.formhtml import read_form

from legalops.auth.models import Firm, User
from legalops.auth.services import set_active
from legalops.core.errors import DomainError


@pytest.fixture
def admin_client(client, session):
    f.login(client, f.user(session, "admin"))
    return client


def _users(session) -> int:
    return session.execute(select(func.count(User.id))).scalar_one()


def test_admin_creates_a_law_firm_user(admin_client, session):
    firm = f.firm(session)
    response = admin_client.post("/admin/users", data={"username": "lawyer-new", "password": "long enough pw",
                                                       "role": "law_firm", "firm_id": str(firm.id)})
    assert response.status_code == 302
    user = session.execute(select(User).where(User.username == "lawyer-new")).scalar_one()
    assert user.firm_id == firm.id and user.password_hash.startswith("$argon2id$")


@pytest.mark.parametrize(("data", "field"), [
    ({"password": "short"}, "password"),
    ({"role": "superuser"}, "role"),
    ({"role": "law_firm"}, "firm_id"),
    ({"role": "law_firm", "firm_id": "999999"}, "firm_id"),
    ({"username": "taken"}, "username"),
])
def test_bad_user_input_is_refused_on_its_field(admin_client, session, data, field):
    f.user(session, username="taken")
    before = _users(session)
    typed = {"username": "someone-new", "display_name": "某人", "email": "a@example.cn",
             "password": "long enough pw", "role": "counsel", **data}
    response = admin_client.post("/admin/users", data=typed)
    assert response.status_code == 422
    form = read_form(response.data)
    assert field in form.errors
    assert form.values["username"] == typed["username"] and form.values["display_name"] == "某人"
    assert form.values["password"] == ""  # never echoed back
    assert _users(session) == before


def test_bad_firm_input_is_refused_on_its_field_and_kept(admin_client, session):
    existing = f.firm(session)
    response = admin_client.post("/admin/firms", data={"name": existing.name, "contact": "王律师",
                                                       "fee_terms": "基础费 5000 元"})
    assert response.status_code == 422
    form = read_form(response.data)
    assert "name" in form.errors
    assert (form.values["name"], form.values["contact"], form.values["fee_terms"]) == \
        (existing.name, "王律师", "基础费 5000 元")
    assert session.execute(select(func.count(Firm.id)).where(Firm.name == existing.name)).scalar_one() == 1
    blank = admin_client.post("/admin/firms", data={"name": "  ", "contact": "王律师"})
    assert blank.status_code == 422 and "name" in read_form(blank.data).errors


def test_toggling_an_unknown_user_is_not_found(admin_client):
    assert admin_client.post("/admin/users/999999/active", data={"active": "0"}).status_code == 404


def _toggle_buttons(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'data-testid="toggle-active-(\d+)"', html)}


@pytest.mark.parametrize(("language", "message"), [
    ("zh", "不能停用自己的账户"), ("en", "You cannot disable your own account")])
def test_an_admin_cannot_disable_their_own_account(client, session, language, message):
    admin, other = f.user(session, "admin"), f.user(session, "counsel")
    f.login(client, admin)
    page = client.get("/admin/users").get_data(as_text=True)
    assert other.id in _toggle_buttons(page) and admin.id not in _toggle_buttons(page)
    client.post("/language", data={"locale": language, "next": "/admin/users"})
    response = client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.active
    assert client.get("/admin/users").status_code == 200  # still signed in


def test_the_last_active_administrator_cannot_be_disabled(session):
    session.execute(update(User).where(User.role == "admin").values(active=False))
    sole, counsel = f.user(session, "admin"), f.user(session, "counsel")
    with pytest.raises(DomainError) as exc:
        set_active(session, sole, False, counsel)
    assert exc.value.message.startswith("%(name)s is the last active administrator")
    assert sole.active
    second = f.user(session, "admin")
    set_active(session, sole, False, second)
    assert not sole.active
    set_active(session, sole, True, second)  # enabling is never refused
    assert sole.active


@pytest.mark.parametrize(("language", "message"), [("zh", "请选择角色。"), ("en", "Choose a role.")])
def test_a_new_user_without_a_role_is_asked_to_choose_one(admin_client, session, language, message):
    admin_client.post("/language", data={"locale": language, "next": "/admin/users"})
    response = admin_client.post("/admin/users", data={"username": "no-role", "password": "long enough pw",
                                                       "role": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "role" in read_form(page).errors
    assert message in page and "未知角色" not in page and "Unknown role" not in page
