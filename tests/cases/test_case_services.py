"""Case commands: open and edit cases, debtors, loans, collateral, firms; locking and the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import func, select

from legalops.audit.models import AuditEntry
from legalops.cases import services
from legalops.cases.models import Assignment, Case, CaseParty, Collateral, Loan
from legalops.cases.queries import get_case
from legalops.cases.schemas import CaseIn, CollateralIn, DebtorIn, LoanIn
from legalops.core.errors import Conflict, DomainError, FieldErrors, NotFound
from legalops.core.identifiers import make_resident_id
from legalops.core.validation import validate
from legalops.parties.models import Party
from legalops.parties.schemas import PartyIn


@pytest.fixture
def counsel(session):
    return f.user(session)


def _entries(session, **where):
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditEntry, key) == value)
    return session.execute(stmt).scalars().all()


def _errors(model, data: dict, prefix: str = "") -> dict:
    with pytest.raises(FieldErrors) as exc:
        validate(model, data, prefix=prefix)
    return exc.value.errors


# --- cases ---------------------------------------------------------------------------------


def test_open_case_gives_a_reference_and_records_who_opened_it(session, counsel):
    creditor = f.company("华信资产管理股份有限公司")
    case = services.open_case(session, CaseIn(counsel_id=counsel.id, court_name="上海金融法院",
                                              opened_on=dt.date(2026, 3, 2)), creditor, counsel)
    session.flush()
    assert case.reference == f"LO2026-{case.id:06d}"
    assert case.stage == "intake" and case.version == 1
    assert session.get(Party, case.creditor_id).id_number == creditor.id_number
    created = _entries(session, object_type="case", object_id=case.id)
    assert [e.action for e in created] == ["create"]
    assert created[0].actor_id == counsel.id and created[0].actor_name == counsel.display_name
    assert created[0].after["reference"] == case.reference
    assert created[0].case_id == case.id


def test_open_case_reuses_a_known_creditor(session, counsel):
    creditor = f.company()
    one = services.open_case(session, CaseIn(), creditor, counsel)
    two = services.open_case(session, CaseIn(), creditor, counsel)
    assert one.creditor_id == two.creditor_id


def test_open_case_refuses_a_counsel_who_is_not_counsel(session, counsel):
    finance = f.user(session, "finance")
    before = session.execute(select(func.count(Party.id))).scalar_one()
    with pytest.raises(DomainError) as refused:
        services.open_case(session, CaseIn(counsel_id=finance.id), f.company(), counsel)
    assert refused.value.field == "counsel_id"
    assert session.execute(select(func.count(Party.id))).scalar_one() == before


def test_case_fields_are_validated(session):
    errors = _errors(CaseIn, {"court_name": "法" * 201, "opened_on": "2026-02-30", "counsel_id": "abc"})
    assert set(errors) == {"court_name", "opened_on", "counsel_id"}


def test_update_case_records_before_and_after(session, counsel):
    case = f.case(session, counsel)
    services.update_case(session, case, CaseIn(counsel_id=counsel.id, court_name="上海金融法院",
                                               court_case_number="(2026)沪74民初1号", opened_on=case.opened_on),
                         None, counsel, expected_version=1)
    session.flush()
    assert case.version == 2
    update = _entries(session, object_type="case", object_id=case.id, action="update")[-1]
    assert update.actor_id == counsel.id
    assert update.before == {"court_name": "上海市浦东新区人民法院", "court_case_number": ""}
    assert update.after == {"court_name": "上海金融法院", "court_case_number": "(2026)沪74民初1号"}


def test_update_case_without_change_keeps_the_version(session, counsel):
    case = f.case(session, counsel)
    services.update_case(session, case, CaseIn(counsel_id=counsel.id, court_name=case.court_name,
                                               opened_on=case.opened_on), None, counsel, expected_version=1)
    assert case.version == 1
    assert not _entries(session, object_type="case", object_id=case.id, action="update")


def test_two_editors_of_the_same_version_conflict(session, counsel):
    case = f.case(session, counsel)
    loaded = case.version
    services.update_case(session, case, CaseIn(counsel_id=counsel.id, note="first"), None, counsel, loaded)
    with pytest.raises(Conflict):
        services.update_case(session, case, CaseIn(counsel_id=counsel.id, note="second"), None, counsel, loaded)
    assert case.note == "first"


# --- debtors -------------------------------------------------------------------------------


def test_add_debtor_links_the_party_in_its_role(session, counsel):
    case = f.case(session, counsel, debtors=0, loan=False)
    guarantor = f.person("王五")
    link = services.add_debtor(session, case, guarantor,
                               DebtorIn(role="joint_guarantor", guarantee_limit="500000", guarantee_period_months=24),
                               counsel)
    session.flush()
    party = session.get(Party, link.party_id)
    assert party.name == "王五" and party.birth_date == dt.date(1980, 1, 2)
    assert link.guarantee_limit == Decimal("500000.00")
    entry = _entries(session, object_type="case_party", object_id=link.id)[0]
    assert entry.case_id == case.id and entry.after["party_name"] == "王五" and entry.after["role"] == "joint_guarantor"


def test_the_same_party_twice_in_the_same_role_is_refused(session, counsel):
    case = f.case(session, counsel, debtors=0, loan=False)
    debtor = f.person("赵六", serial=77)
    services.add_debtor(session, case, debtor, DebtorIn(role="borrower"), counsel)
    with pytest.raises(DomainError) as refused:
        services.add_debtor(session, case, debtor, DebtorIn(role="borrower"), counsel)
    assert refused.value.field == "role"
    services.add_debtor(session, case, debtor, DebtorIn(role="mortgagor"), counsel)


def test_resident_id_check_digit_error_is_on_id_number():
    good = make_resident_id("310115", dt.date(1980, 1, 2), 123)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    errors = _errors(PartyIn, {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": bad})
    assert errors == {"id_number": "The check digit of this resident ID number is wrong; please check for a typo."}


@pytest.mark.parametrize(("number", "message"), [
    ("31011519800102123", "A resident ID number has 17 digits followed by a digit or X."),
    ("310115198002301234", "The birth date inside this resident ID number does not exist."),
])
def test_resident_id_shape_errors_are_on_id_number(number, message):
    errors = _errors(PartyIn, {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": number})
    assert errors == {"id_number": message}


def test_full_width_and_lower_case_resident_id_is_normalised():
    good = make_resident_id("310115", dt.date(1980, 1, 2), 123)
    typed = good.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    assert validate(PartyIn, {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": typed}
                    ).id_number == good


def test_uscc_checksum_error_is_on_the_creditor_id_number():
    good = f.company().id_number
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    errors = _errors(PartyIn, {"kind": "organisation", "name": "某公司", "id_type": "uscc", "id_number": bad},
                     prefix="creditor_")
    assert errors == {"creditor_id_number":
                      "The check character of this unified social credit code is wrong; please check for a typo."}


def test_person_with_a_credit_code_is_blamed_on_id_type():
    errors = _errors(PartyIn, {"kind": "person", "name": "张三", "id_type": "uscc", "id_number": "x"})
    assert set(errors) == {"id_type"}


def test_update_debtor_changes_role_and_details(session, counsel):
    case = f.case(session, counsel)
    link = session.execute(select(CaseParty).where(CaseParty.case_id == case.id)).scalar_one()
    party = session.get(Party, link.party_id)
    data = PartyIn(**{**party.model_dump(include=set(PartyIn.model_fields)), "phone": "13800000000"})
    services.update_debtor(session, case, link, data, DebtorIn(role="co_borrower"), counsel, party.version)
    session.flush()
    assert link.role == "co_borrower" and party.phone == "13800000000"
    link_update = _entries(session, object_type="case_party", object_id=link.id, action="update")[-1]
    assert link_update.before == {"role": "borrower"} and link_update.after == {"role": "co_borrower"}
    party_update = _entries(session, object_type="party", object_id=party.id, action="update")[-1]
    assert party_update.after == {"phone": "13800000000"} and party_update.case_id == case.id


def test_two_editors_of_a_debtor_role_conflict(session, counsel):
    """A change to the role alone must still move the version the form carries."""
    case = f.case(session, counsel)
    link = session.execute(select(CaseParty).where(CaseParty.case_id == case.id)).scalar_one()
    party = session.get(Party, link.party_id)
    data = PartyIn(**party.model_dump(include=set(PartyIn.model_fields)))
    loaded = party.version
    services.update_debtor(session, case, link, data, DebtorIn(role="co_borrower"), counsel, loaded)
    with pytest.raises(Conflict):
        services.update_debtor(session, case, link, data, DebtorIn(role="joint_guarantor"), counsel, loaded)
    assert link.role == "co_borrower"


def test_remove_debtor_keeps_the_party_and_records_it(session, counsel):
    case = f.case(session, counsel)
    link = session.execute(select(CaseParty).where(CaseParty.case_id == case.id)).scalar_one()
    party_id, link_id = link.party_id, link.id
    services.remove_debtor(session, case, link, counsel)
    session.flush()
    assert session.get(CaseParty, link_id) is None
    assert session.get(Party, party_id) is not None
    entry = _entries(session, object_type="case_party", object_id=link_id, action="delete")[0]
    assert entry.before["party_id"] == party_id and entry.case_id == case.id


# --- loans ---------------------------------------------------------------------------------


def test_add_loan_stores_exact_amounts_and_audits(session, counsel):
    case = f.case(session, counsel, loan=False)
    loan = services.add_loan(session, case, validate(LoanIn, {
        "contract_number": " HT-2024-001 ", "principal": "1,000,000.10", "contract_rate": "4.35%",
        "signed_on": "2024-01-02", "disbursed_on": "2024-01-03", "maturity_date": "2025-01-03",
        "outstanding_principal": "800000.10"}), counsel)
    session.flush()
    session.expire(loan)
    assert loan.contract_number == "HT-2024-001"
    assert loan.principal == Decimal("1000000.10") and loan.contract_rate == Decimal("4.35")
    assert loan.outstanding_interest == Decimal("0.00")
    entry = _entries(session, object_type="loan", object_id=loan.id)[0]
    assert entry.after["principal"] == "1000000.10" and entry.case_id == case.id


def test_duplicate_contract_number_is_refused(session, counsel):
    f.case(session, counsel, contract="HT-DUP-1")
    other = f.case(session, counsel, loan=False)
    with pytest.raises(DomainError) as refused:
        services.add_loan(session, other, LoanIn(contract_number="HT-DUP-1", principal="1"), counsel)
    assert refused.value.field == "contract_number"
    assert session.execute(select(func.count(Loan.id)).where(Loan.contract_number == "HT-DUP-1")).scalar_one() == 1


def test_renaming_a_loan_onto_another_contract_number_is_refused(session, counsel):
    case = f.case(session, counsel, contract="HT-REN-1")
    services.add_loan(session, case, LoanIn(contract_number="HT-REN-2", principal="1"), counsel)
    loan = session.execute(select(Loan).where(Loan.contract_number == "HT-REN-2")).scalar_one()
    with pytest.raises(DomainError) as refused:
        services.update_loan(session, case, loan, LoanIn(contract_number="HT-REN-1", principal="1"), counsel, 1)
    assert refused.value.field == "contract_number"


@pytest.mark.parametrize(("data", "field"), [
    ({"principal": "0"}, "principal"),
    ({"principal": "-5"}, "principal"),
    ({"principal": "12.345"}, "principal"),
    ({"principal": "一百万"}, "principal"),
    ({"principal": ""}, "principal"),
    ({"contract_number": ""}, "contract_number"),
    ({"contract_number": "x" * 81}, "contract_number"),
    ({"currency": "rmb"}, "currency"),
    ({"contract_rate": "150"}, "contract_rate"),
    ({"penalty_rate": "-1"}, "penalty_rate"),
    ({"compound_rate": "abc"}, "compound_rate"),
    ({"contract_rate": "4.1234567"}, "contract_rate"),
    ({"outstanding_principal": "1000.01"}, "outstanding_principal"),
    ({"outstanding_interest": "-1"}, "outstanding_interest"),
    ({"disbursed_on": "2024-02-01", "maturity_date": "2024-01-31"}, "maturity_date"),
    ({"signed_on": "2024-02-01", "disbursed_on": "2024-01-31"}, "disbursed_on"),
    ({"maturity_date": "2024-13-01"}, "maturity_date"),
    ({"default_date": "yesterday"}, "default_date"),
    ({"repayment_method": "whenever"}, "repayment_method"),
])
def test_bad_loan_input_names_the_field(data, field):
    errors = _errors(LoanIn, {"contract_number": "HT-1", "principal": "1000", **data})
    assert field in errors


def test_update_loan_conflict_and_audit(session, counsel):
    case = f.case(session, counsel, contract="HT-LOCK-1")
    loan = session.execute(select(Loan).where(Loan.case_id == case.id)).scalar_one()
    changed = LoanIn(contract_number="HT-LOCK-1", principal="1000000.00", contract_rate="4.35",
                     outstanding_principal="700000.00")
    services.update_loan(session, case, loan, changed, counsel, expected_version=1)
    session.flush()
    assert loan.version == 2
    entry = _entries(session, object_type="loan", object_id=loan.id, action="update")[-1]
    # The rate typed as 4.35 equals the stored 4.350000: no phantom change in the trail.
    assert entry.before == {"outstanding_principal": "800000.10"}
    assert entry.after == {"outstanding_principal": "700000.00"}
    with pytest.raises(Conflict):
        services.update_loan(session, case, loan, LoanIn(contract_number="HT-LOCK-1", principal="5"), counsel, 1)
    assert loan.principal == Decimal("1000000.00")


def test_delete_loan_is_recorded(session, counsel):
    case = f.case(session, counsel, contract="HT-DEL-1")
    loan = session.execute(select(Loan).where(Loan.case_id == case.id)).scalar_one()
    loan_id = loan.id
    services.delete_loan(session, case, loan, counsel)
    session.flush()
    assert session.get(Loan, loan_id) is None
    assert _entries(session, object_type="loan", object_id=loan_id, action="delete")[0].before["contract_number"] \
        == "HT-DEL-1"


# --- collateral ----------------------------------------------------------------------------


def test_add_and_edit_collateral(session, counsel):
    case = f.case(session, counsel)
    owner = session.execute(select(CaseParty.party_id).where(CaseParty.case_id == case.id)).scalar_one()
    item = services.add_collateral(session, case, CollateralIn(kind="real_estate", description="某路1号",
                                                              registered_amount="1200000", owner_id=owner), counsel)
    session.flush()
    services.update_collateral(session, case, item, CollateralIn(kind="real_estate", description="某路1号",
                                                                 registered_amount="1300000", rank=2,
                                                                 owner_id=owner), counsel, expected_version=1)
    session.flush()
    assert item.version == 2 and item.rank == 2
    entry = _entries(session, object_type="collateral", object_id=item.id, action="update")[-1]
    assert entry.before["registered_amount"] == "1200000.00" and entry.after["registered_amount"] == "1300000.00"
    assert entry.before["rank"] == 1 and entry.after["rank"] == 2
    with pytest.raises(Conflict):
        services.update_collateral(session, case, item, CollateralIn(kind="vehicle", description="x"), counsel, 1)


def test_collateral_owner_must_be_on_the_case(session, counsel):
    case = f.case(session, counsel)
    stranger_case = f.case(session, counsel)
    stranger = session.execute(select(CaseParty.party_id).where(CaseParty.case_id == stranger_case.id)).scalar_one()
    with pytest.raises(DomainError) as refused:
        services.add_collateral(session, case, CollateralIn(kind="vehicle", description="车", owner_id=stranger),
                                counsel)
    assert refused.value.field == "owner_id"
    assert not session.execute(select(Collateral).where(Collateral.case_id == case.id)).first()


@pytest.mark.parametrize(("data", "field"), [
    ({"kind": "spaceship"}, "kind"),
    ({"description": ""}, "description"),
    ({"rank": "0"}, "rank"),
    ({"rank": "first"}, "rank"),
    ({"registered_amount": "1.001"}, "registered_amount"),
    ({"owner_id": "someone"}, "owner_id"),
])
def test_bad_collateral_input_names_the_field(data, field):
    errors = _errors(CollateralIn, {"kind": "real_estate", "description": "某路1号", **data})
    assert field in errors


# --- assignments ---------------------------------------------------------------------------


def test_reassigning_moves_access_from_firm_a_to_firm_b_at_once(session, counsel):
    firm_a, firm_b = f.firm(session), f.firm(session)
    lawyer_a, lawyer_b = f.user(session, "law_firm", firm=firm_a), f.user(session, "law_firm", firm=firm_b)
    case = f.case(session, counsel, firm_id=firm_a.id)
    assert get_case(session, lawyer_a, case.id) is case
    with pytest.raises(NotFound):
        get_case(session, lawyer_b, case.id)
    services.assign_firm(session, case, firm_b.id, counsel, note="换所")
    session.flush()
    with pytest.raises(NotFound):
        get_case(session, lawyer_a, case.id)
    assert get_case(session, lawyer_b, case.id) is case
    history = session.execute(select(Assignment).where(Assignment.case_id == case.id).order_by(Assignment.id)
                              ).scalars().all()
    assert [(a.firm_id, a.ended_at is None) for a in history] == [(firm_a.id, False), (firm_b.id, True)]
    entry = _entries(session, object_type="case", object_id=case.id, action="assign")[-1]
    assert entry.before == {"firm_id": firm_a.id, "firm": firm_a.name}
    assert entry.after == {"firm_id": firm_b.id, "firm": firm_b.name, "note": "换所"}
    services.assign_firm(session, case, None, counsel)
    with pytest.raises(NotFound):
        get_case(session, lawyer_b, case.id)


def test_assigning_an_unknown_or_inactive_firm_is_refused(session, counsel):
    case = f.case(session, counsel)
    firm = f.firm(session)
    firm.active = False
    with pytest.raises(NotFound):
        services.assign_firm(session, case, firm.id, counsel)
    with pytest.raises(NotFound):
        services.assign_firm(session, case, 999_999, counsel)
    assert case.firm_id is None


def test_law_firm_user_without_a_firm_sees_nothing(session, counsel):
    case = f.case(session, counsel)
    orphan = f.user(session, "law_firm", firm=f.firm(session))
    orphan.firm_id = None
    with pytest.raises(NotFound):
        get_case(session, orphan, case.id)
    assert session.execute(select(Case)).first() is not None
