"""Filings from the case page: generate, download (scoped), approve by another counsel, stale, versions."""

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import func, select

from legalops.cases import services
from legalops.cases.schemas import LoanIn
from legalops.documents.models import Filing


@pytest.fixture
def world(app, session):
    firm_a, firm_b = f.firm(session), f.firm(session)
    people = {"author": f.user(session, "counsel"), "other": f.user(session, "counsel"),
              "own": f.user(session, "law_firm", firm=firm_a), "foreign": f.user(session, "law_firm", firm=firm_b)}
    case = f.case(session, people["author"], debtors=3, collateral=True, firm_id=firm_a.id)
    session.commit()
    return {"case": case, **people}


def _client(app, user):
    client = app.test_client()
    f.login(client, user)
    return client


def _filings(session, case_id):
    return list(session.execute(select(Filing).where(Filing.case_id == case_id)
                                .order_by(Filing.version_number)).scalars())


def test_generate_then_download_both_formats(app, session, world):
    case = world["case"]
    client = _client(app, world["author"])
    assert client.get(f"/cases/{case.id}/filings").status_code == 200
    preview = client.get(f"/cases/{case.id}/filings/complaint/preview")
    assert preview.status_code == 200 and "民事起诉状" in preview.get_data(as_text=True)
    response = client.post(f"/cases/{case.id}/filings/complaint", data={"formats": ["docx", "pdf"]})
    assert response.status_code == 302
    (filing,) = _filings(session, case.id)
    assert filing.render_state == "ready" and len(filing.pdf_sha256) == 64 and filing.context["court"]
    pdf = client.get(f"/cases/{case.id}/filings/{filing.id}/download/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    docx = client.get(f"/cases/{case.id}/filings/{filing.id}/download/docx")
    assert docx.status_code == 200 and docx.data.startswith(b"PK")


def test_same_content_twice_is_one_filing(app, session, world):
    case = world["case"]
    client = _client(app, world["author"])
    for _ in range(2):
        assert client.post(f"/cases/{case.id}/filings/complaint").status_code == 302
    assert len(_filings(session, case.id)) == 1


def test_missing_data_is_listed_before_generation(app, session, world):
    case = world["case"]
    case.court_name = ""
    session.commit()
    client = _client(app, world["author"])
    response = client.post(f"/cases/{case.id}/filings/complaint")
    assert response.status_code == 422
    assert len(_filings(session, case.id)) == 0


def test_downloads_are_scoped_to_the_law_firm(app, session, world):
    case = world["case"]
    _client(app, world["author"]).post(f"/cases/{case.id}/filings/complaint")
    (filing,) = _filings(session, case.id)
    url = f"/cases/{case.id}/filings/{filing.id}/download/pdf"
    assert _client(app, world["own"]).get(url).status_code == 200
    assert _client(app, world["foreign"]).get(url).status_code == 404
    other_case = f.case(session, world["author"])
    session.commit()
    # A filing id under another case's URL is not found either.
    assert _client(app, world["author"]).get(f"/cases/{other_case.id}/filings/{filing.id}/download/pdf").status_code == 404


def test_approval_needs_a_different_counsel_then_filing(app, session, world):
    case = world["case"]
    _client(app, world["author"]).post(f"/cases/{case.id}/filings/complaint")
    (filing,) = _filings(session, case.id)
    own = _client(app, world["author"]).post(f"/cases/{case.id}/filings/{filing.id}/approve")
    assert own.status_code == 422
    session.refresh(filing)
    assert filing.status == "draft"
    assert _client(app, world["own"]).post(f"/cases/{case.id}/filings/{filing.id}/approve").status_code == 403
    other = _client(app, world["other"])
    assert other.post(f"/cases/{case.id}/filings/{filing.id}/approve").status_code == 302
    session.refresh(filing)
    assert filing.status == "approved" and filing.approver_id == world["other"].id
    filed = _client(app, world["own"]).post(f"/cases/{case.id}/filings/{filing.id}/filed",
                                            data={"filed_on": dt.date.today().isoformat(), "court": "上海市浦东新区人民法院"})
    assert filed.status_code == 302
    session.refresh(filing)
    assert filing.status == "filed" and filing.filed_court == "上海市浦东新区人民法院"


def test_editing_the_case_makes_filings_stale_and_regenerating_makes_a_new_version(app, session, world):
    case = world["case"]
    author = _client(app, world["author"])
    author.post(f"/cases/{case.id}/filings/complaint")
    services.add_loan(session, case, LoanIn(contract_number="HT-STALE-1", principal=Decimal("5000"),
                                            outstanding_principal=Decimal("5000")), world["author"])
    session.commit()
    page = author.get(f"/cases/{case.id}/filings").get_data(as_text=True)
    assert "Stale" in page or "已过期" in page or "stale" in page.lower()
    (first,) = _filings(session, case.id)
    assert _client(app, world["other"]).post(f"/cases/{case.id}/filings/{first.id}/approve").status_code == 409
    author.post(f"/cases/{case.id}/filings/complaint")
    first_again, second = _filings(session, case.id)
    session.refresh(first_again)
    assert (first_again.version_number, second.version_number) == (1, 2)
    assert first_again.status == "superseded" and "HT-STALE-1" in str(second.context)
    # The old version stays downloadable.
    assert author.get(f"/cases/{case.id}/filings/{first_again.id}/download/docx").status_code == 200
    assert session.execute(select(func.count(Filing.id)).where(Filing.case_id == case.id)).scalar() == 2


def test_editing_the_creditor_on_the_case_form_makes_filings_stale(app, session, world):
    """The case form also edits the creditor (phone, address…), which every form prints: drafts become stale."""
    from legalops.cases.schemas import CaseIn
    from legalops.parties.models import Party
    from legalops.parties.schemas import PartyIn

    case = world["case"]
    author = _client(app, world["author"])
    author.post(f"/cases/{case.id}/filings/complaint")
    creditor = session.get(Party, case.creditor_id)
    services.update_case(session, case, CaseIn(counsel_id=case.counsel_id, court_name=case.court_name,
                                               court_case_number=case.court_case_number, firm_id=case.firm_id),
                         PartyIn(kind=creditor.kind, name=creditor.name, id_type=creditor.id_type,
                                 id_number=creditor.id_number, phone="021-00000001"), world["author"], case.version)
    session.commit()
    page = author.get(f"/cases/{case.id}/filings").get_data(as_text=True)
    assert "文书生成后案件已有变动。" in page


def test_editing_a_shared_party_from_one_case_makes_the_other_cases_filings_stale(app, session, world):
    """The creditor (and a guarantor) are on two cases: an edit made from one case stales the other's drafts too."""
    from legalops.cases.filings import create_case_filing, is_stale
    from legalops.cases.schemas import CaseIn, DebtorIn
    from legalops.parties.models import Party
    from legalops.parties.schemas import PartyIn

    case, author = world["case"], world["author"]
    creditor = session.get(Party, case.creditor_id)
    same_creditor = PartyIn(kind=creditor.kind, name=creditor.name, id_type=creditor.id_type,
                            id_number=creditor.id_number)
    other = services.open_case(session, CaseIn(counsel_id=author.id, court_name="上海市黄浦区人民法院"),
                               same_creditor, author)
    assert other.creditor_id == case.creditor_id
    services.add_debtor(session, other, f.person("王五"), DebtorIn(role="borrower"), author)
    guarantor = f.person("赵六")
    services.add_debtor(session, other, guarantor, DebtorIn(role="joint_guarantor"), author)
    link = services.add_debtor(session, case, guarantor, DebtorIn(role="joint_guarantor"), author)
    services.add_loan(session, other, LoanIn(contract_number="SHARED-2", principal=Decimal("100000"),
                                             outstanding_principal=Decimal("100000")), author)
    session.commit()

    def draft():
        filing, _ = create_case_filing(session, other, "complaint", ("docx",), author)
        session.commit()
        assert not is_stale(filing, other)
        return filing

    # The creditor's phone, edited on the first case's form.
    first = draft()
    services.update_case(session, case, CaseIn(counsel_id=case.counsel_id, court_name=case.court_name,
                                               court_case_number=case.court_case_number),
                         same_creditor.model_copy(update={"phone": "021-00000002"}), author, case.version)
    session.commit()
    session.refresh(first)
    assert first.stale and is_stale(first, other)

    # The shared guarantor's address, edited as a debtor of the first case.
    second = draft()
    services.update_debtor(session, case, link, guarantor.model_copy(update={"address": "上海市静安区南京西路2号"}),
                           DebtorIn(role="joint_guarantor"), author, session.get(Party, link.party_id).version)
    session.commit()
    session.refresh(second)
    assert second.stale and is_stale(second, other)


def _form_groups(page: str) -> tuple[str, str]:
    """Return the HTML of the stage's forms table and of the folded 'Other forms' group."""
    start = page.index('data-testid="forms"')
    folded = page.find('data-testid="other-forms"')
    end = page.index('data-testid="filings"')
    return page[start:folded if folded != -1 else end], page[folded:end] if folded != -1 else ""


def test_forms_of_the_case_stage_come_first_and_the_rest_are_folded(app, session, world):
    """An intake case is not offered the 以物抵债 application up front; every form stays available, folded."""
    from legalops.documents.registry import get_registry

    case = world["case"]
    client = _client(app, world["author"])
    keys = [spec.key for spec in get_registry().all()]

    def groups():
        page = client.get(f"/cases/{case.id}/filings", headers={"Accept-Language": "en"}).get_data(as_text=True)
        stage, other = _form_groups(page)
        assert ("<details" in page) == bool(other)
        shown = {key: ("stage" if f'data-form="{key}"' in stage else "other" if f'data-form="{key}"' in other
                       else None) for key in keys}
        assert None not in shown.values(), shown
        return shown

    shown = groups()  # intake: no form belongs to intake yet
    assert set(shown.values()) == {"other"}
    case.stage = "litigation"
    session.commit()
    shown = groups()
    assert shown["demand_letter"] == shown["complaint"] == shown["payment_order"] == "stage"
    assert shown["in_lieu_application"] == shown["enforcement_application"] == "other"
    case.stage = "disposal"
    session.commit()
    shown = groups()
    assert set(shown.values()) == {"stage"}  # every form's stage is behind a case in disposal: nothing folded
