"""Case forms through the views: bad input is refused on the right field and kept, edits conflict, nothing half-saved."""

from __future__ import annotations

import factories as f
import pytest
from sqlalchemy import func, select
from support.formhtml import read_form

from legalops.audit.models import AuditEntry
from legalops.cases.models import Case, CaseParty, Collateral, Loan
from legalops.parties.models import Party


@pytest.fixture
def counsel(session):
    return f.user(session)


@pytest.fixture
def web(client, counsel):
    f.login(client, counsel)
    return client


def _count(session, model) -> int:
    return session.execute(select(func.count(model.id))).scalar_one()


def _creditor_fields(**over) -> dict:
    creditor = f.company("华信资产管理股份有限公司")
    return {"creditor_name": creditor.name, "creditor_id_number": creditor.id_number,
            "creditor_address": creditor.address, **over}


def _refused(response, *fields, typed: dict | None = None, status: int = 422):
    assert response.status_code == status, response.data[:400]
    form = read_form(response.data)
    for name in fields:
        assert name in form.errors, f"{name} not flagged; flagged: {form.errors}"
    for name, value in (typed or {}).items():
        assert form.values.get(name) == value, f"{name}: typed {value!r}, shown {form.values.get(name)!r}"
    return form


# --- new case ------------------------------------------------------------------------------


def test_new_case_opens_and_redirects(web, session):
    response = web.post("/cases/new", data={**_creditor_fields(), "court_name": "上海金融法院"})
    assert response.status_code == 302
    case = session.execute(select(Case).order_by(Case.id.desc())).scalars().first()
    assert response.headers["Location"] == f"/cases/{case.id}"
    assert case.court_name == "上海金融法院"


def test_bad_creditor_code_is_named_and_kept(web, session):
    cases, parties = _count(session, Case), _count(session, Party)
    bad = _creditor_fields()["creditor_id_number"][:-1] + "I"
    data = {**_creditor_fields(creditor_id_number=bad), "court_name": "上海金融法院", "note": "备注原文"}
    _refused(web.post("/cases/new", data=data), "creditor_id_number",
             typed={"creditor_id_number": bad, "court_name": "上海金融法院", "note": "备注原文",
                    "creditor_name": data["creditor_name"]})
    assert (_count(session, Case), _count(session, Party)) == (cases, parties)


def test_valid_creditor_with_bad_case_fields_saves_nothing(web, session):
    cases, parties, entries = _count(session, Case), _count(session, Party), _count(session, AuditEntry)
    data = {**_creditor_fields(), "opened_on": "2026-02-30", "court_case_number": "号" * 61}
    _refused(web.post("/cases/new", data=data), "opened_on", "court_case_number",
             typed={"opened_on": "2026-02-30", "creditor_id_number": data["creditor_id_number"]})
    assert (_count(session, Case), _count(session, Party), _count(session, AuditEntry)) == (cases, parties, entries)


def test_valid_input_refused_by_the_service_saves_no_creditor(web, session):
    """The counsel check runs in the service: the creditor it would have created must not stay behind."""
    finance = f.user(session, "finance")
    parties, entries = _count(session, Party), _count(session, AuditEntry)
    data = {**_creditor_fields(), "counsel_id": str(finance.id)}
    _refused(web.post("/cases/new", data=data), "counsel_id")
    assert (_count(session, Party), _count(session, AuditEntry)) == (parties, entries)


def test_errors_of_both_parts_are_reported_together(web):
    form = _refused(web.post("/cases/new", data={"creditor_name": "", "opened_on": "tomorrow"}),
                    "creditor_name", "creditor_id_number", "opened_on")
    assert form.values["opened_on"] == "tomorrow"


# --- case edit and optimistic locking ------------------------------------------------------


def test_second_editor_gets_409_keeps_their_input_and_overwrites_nothing(app, session, counsel):
    case = f.case(session, counsel)
    session.commit()
    other = f.user(session)
    first, second = app.test_client(), app.test_client()
    f.login(first, counsel)
    f.login(second, other)
    form_first = read_form(first.get(f"/cases/{case.id}/edit").data).values
    form_second = read_form(second.get(f"/cases/{case.id}/edit").data).values
    assert form_first["version"] == form_second["version"] == "1"

    saved = first.post(f"/cases/{case.id}/edit", data={**form_first, "note": "第一位的修改"})
    assert saved.status_code == 302
    typed = {**form_second, "note": "第二位的修改", "court_name": "上海金融法院"}
    refused = second.post(f"/cases/{case.id}/edit", data=typed)
    assert refused.status_code == 409
    shown = read_form(refused.data).values
    assert shown["note"] == "第二位的修改" and shown["court_name"] == "上海金融法院"

    session.refresh(case)
    assert case.note == "第一位的修改" and case.court_name == "上海市浦东新区人民法院"
    assert case.version == 2
    updates = session.execute(select(AuditEntry).where(AuditEntry.case_id == case.id, AuditEntry.action == "update",
                                                       AuditEntry.object_type == "case")).scalars().all()
    assert [u.actor_id for u in updates] == [counsel.id]


def test_edit_case_with_bad_input_keeps_it_and_changes_nothing(web, session, counsel):
    case = f.case(session, counsel)
    form = read_form(web.get(f"/cases/{case.id}/edit").data).values
    _refused(web.post(f"/cases/{case.id}/edit", data={**form, "court_name": "法" * 201, "note": "新备注"}),
             "court_name", typed={"note": "新备注"})
    session.refresh(case)
    assert case.note == "" and case.version == 1


@pytest.mark.parametrize("kind", ["loan", "collateral", "debtor"])
def test_sub_record_editors_conflict_through_the_view(app, session, counsel, kind):
    case = f.case(session, counsel, collateral=True)
    session.commit()
    model, url, field, first_value, second_value = {
        "loan": (Loan, "loans/{id}/edit", "outstanding_interest", "1000.00", "2000.00"),
        "collateral": (Collateral, "collateral/{id}/edit", "location", "一楼", "二楼"),
        "debtor": (CaseParty, "debtors/{id}/edit", "note", "第一位", "第二位"),
    }[kind]
    row_id = session.execute(select(model.id).where(model.case_id == case.id).order_by(model.id)).scalars().first()
    path = f"/cases/{case.id}/" + url.format(id=row_id)
    first, second = app.test_client(), app.test_client()
    f.login(first, counsel)
    f.login(second, f.user(session))
    form_first, form_second = read_form(first.get(path).data).values, read_form(second.get(path).data).values
    assert "version" in form_first
    assert first.post(path, data={**form_first, field: first_value}).status_code == 302
    refused = second.post(path, data={**form_second, field: second_value})
    assert refused.status_code == 409
    assert read_form(refused.data).values[field] == second_value
    session.expire_all()
    assert str(getattr(session.get(model, row_id), field)) == first_value


# --- debtors, loans, collateral: bad input --------------------------------------------------


def test_debtor_with_bad_resident_id_is_refused_on_id_number(web, session, counsel):
    case = f.case(session, counsel, debtors=0, loan=False)
    good = f.person("李雷").id_number
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    data = {"role": "borrower", "kind": "person", "name": "李雷", "id_type": "resident_id", "id_number": bad,
            "address": "上海市", "guarantee_limit": "100"}
    _refused(web.post(f"/cases/{case.id}/debtors/new", data=data), "id_number",
             typed={"name": "李雷", "id_number": bad, "address": "上海市", "role": "borrower"})
    assert not session.execute(select(CaseParty).where(CaseParty.case_id == case.id)).first()
    assert not session.execute(select(Party).where(Party.name == "李雷")).first()


def test_debtor_party_valid_but_role_bad_saves_no_party(web, session, counsel):
    case = f.case(session, counsel, debtors=0, loan=False)
    person = f.person("韩梅梅")
    data = {"role": "", "kind": "person", "name": "韩梅梅", "id_type": "resident_id", "id_number": person.id_number,
            "guarantee_period_months": "0"}
    _refused(web.post(f"/cases/{case.id}/debtors/new", data=data), "role", "guarantee_period_months",
             typed={"name": "韩梅梅", "id_number": person.id_number, "guarantee_period_months": "0"})
    assert not session.execute(select(Party).where(Party.id_number == person.id_number)).first()


def test_duplicate_debtor_role_is_refused_on_role(web, session, counsel):
    case = f.case(session, counsel, debtors=0, loan=False)
    person = f.person("重复")
    data = {"role": "borrower", "kind": "person", "name": "重复", "id_type": "resident_id",
            "id_number": person.id_number}
    assert web.post(f"/cases/{case.id}/debtors/new", data=data).status_code == 302
    _refused(web.post(f"/cases/{case.id}/debtors/new", data=data), "role")
    assert session.execute(select(func.count(CaseParty.id)).where(CaseParty.case_id == case.id)).scalar_one() == 1


@pytest.mark.parametrize(("data", "field"), [
    ({"principal": "-1"}, "principal"),
    ({"principal": "abc"}, "principal"),
    ({"contract_number": ""}, "contract_number"),
    ({"disbursed_on": "2024-05-01", "maturity_date": "2024-04-01"}, "maturity_date"),
    ({"outstanding_principal": "2000"}, "outstanding_principal"),
    ({"contract_rate": "101"}, "contract_rate"),
    ({"repayment_method": "whenever"}, "repayment_method"),
])
def test_bad_loan_is_refused_on_its_field_and_kept(web, session, counsel, data, field):
    case = f.case(session, counsel, loan=False)
    typed = {"contract_number": "HT-VIEW-1", "principal": "1000", "currency": "CNY", **data}
    _refused(web.post(f"/cases/{case.id}/loans/new", data=typed), field,
             typed={k: v for k, v in typed.items() if k != "repayment_method"})
    assert not session.execute(select(Loan).where(Loan.case_id == case.id)).first()


def test_duplicate_contract_number_is_refused_on_its_field(web, session, counsel):
    f.case(session, counsel, contract="HT-TAKEN")
    case = f.case(session, counsel, loan=False)
    _refused(web.post(f"/cases/{case.id}/loans/new", data={"contract_number": "HT-TAKEN", "principal": "5"}),
             "contract_number", typed={"contract_number": "HT-TAKEN", "principal": "5"})
    assert not session.execute(select(Loan).where(Loan.case_id == case.id)).first()


@pytest.mark.parametrize(("data", "field"), [
    ({"kind": ""}, "kind"),
    ({"description": ""}, "description"),
    ({"rank": "0"}, "rank"),
    ({"registered_amount": "12.345"}, "registered_amount"),
])
def test_bad_collateral_is_refused_on_its_field_and_kept(web, session, counsel, data, field):
    case = f.case(session, counsel)
    typed = {"kind": "real_estate", "description": "某路1号", "location": "上海", "rank": "1", **data}
    _refused(web.post(f"/cases/{case.id}/collateral/new", data=typed), field,
             typed={"location": "上海", "registered_amount": typed.get("registered_amount", "")})
    assert not session.execute(select(Collateral).where(Collateral.case_id == case.id)).first()


def test_collateral_owner_from_another_case_is_refused_on_owner(web, session, counsel):
    case, other = f.case(session, counsel), f.case(session, counsel)
    stranger = session.execute(select(CaseParty.party_id).where(CaseParty.case_id == other.id)).scalar_one()
    _refused(web.post(f"/cases/{case.id}/collateral/new",
                      data={"kind": "vehicle", "description": "车", "owner_id": str(stranger)}), "owner_id")


def test_sub_record_of_another_case_is_not_found(web, session, counsel):
    case, other = f.case(session, counsel), f.case(session, counsel, contract="HT-OTHER")
    loan_id = session.execute(select(Loan.id).where(Loan.case_id == other.id)).scalar_one()
    assert web.get(f"/cases/{case.id}/loans/{loan_id}/edit").status_code == 404
    assert web.post(f"/cases/{case.id}/loans/{loan_id}/delete").status_code == 404
    assert session.get(Loan, loan_id) is not None


# --- firm assignment and the case page -----------------------------------------------------


def test_assignment_through_the_view_moves_access(app, session, counsel):
    firm_a, firm_b = f.firm(session), f.firm(session)
    lawyer_a, lawyer_b = f.user(session, "law_firm", firm=firm_a), f.user(session, "law_firm", firm=firm_b)
    case = f.case(session, counsel, firm_id=firm_a.id)
    session.commit()
    staff, a, b = app.test_client(), app.test_client(), app.test_client()
    f.login(staff, counsel)
    f.login(a, lawyer_a)
    f.login(b, lawyer_b)
    assert (a.get(f"/cases/{case.id}").status_code, b.get(f"/cases/{case.id}").status_code) == (200, 404)
    assert staff.post(f"/cases/{case.id}/assign", data={"firm_id": str(firm_b.id)}).status_code == 302
    assert (a.get(f"/cases/{case.id}").status_code, b.get(f"/cases/{case.id}").status_code) == (404, 200)


def test_assigning_an_unknown_firm_is_refused(web, session, counsel):
    case = f.case(session, counsel)
    assert web.post(f"/cases/{case.id}/assign", data={"firm_id": "999999"}).status_code == 422
    session.refresh(case)
    assert case.firm_id is None


def test_case_page_timeline_shows_the_changes(web, session, counsel):
    case = f.case(session, counsel)
    form = read_form(web.get(f"/cases/{case.id}/edit").data).values
    web.post(f"/cases/{case.id}/edit", data={**form, "court_case_number": "(2026)沪0115民初999号"})
    page = web.get(f"/cases/{case.id}").data.decode()
    timeline = page[page.index('class="timeline"'):]
    assert "(2026)沪0115民初999号" in timeline
    assert counsel.display_name in timeline
    # Every recorded entry of the case is listed.
    count = session.execute(select(func.count(AuditEntry.id)).where(AuditEntry.case_id == case.id)).scalar_one()
    assert timeline.count("<li") >= count


def test_garbled_firm_id_does_not_withdraw_the_instruction(web, session, counsel):
    firm = f.firm(session)
    case = f.case(session, counsel, firm_id=firm.id)
    assert web.post(f"/cases/{case.id}/assign", data={"firm_id": "abc"}).status_code == 422
    session.refresh(case)
    assert case.firm_id == firm.id
    assert web.post(f"/cases/{case.id}/assign", data={"firm_id": ""}).status_code == 302
    session.refresh(case)
    assert case.firm_id is None


def test_timeline_shows_roles_kinds_and_stages_by_their_labels_in_both_languages(web, session, counsel):
    from legalops.cases import services

    case = f.case(session, counsel, debtors=2, collateral=True)
    services.change_stage(session, case, "assessment", "", counsel)
    session.commit()
    raw = ("joint_guarantor", "borrower", "real_estate", "organisation", "resident_id", "intake", "assessment")
    for locale, shown in (("zh", "连带责任保证"), ("en", "Joint-liability guarantor")):
        web.post("/language", data={"locale": locale})
        page = web.get(f"/cases/{case.id}").data.decode()
        timeline = page[page.index('class="timeline"'):]
        assert shown in timeline
        for key in raw:
            assert f">{key}<" not in timeline and f"> {key}<" not in timeline, (locale, key)
    assert "Stage" in timeline and "Intake" in timeline and "Assessment" in timeline
