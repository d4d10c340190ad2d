"""The litigation and enforcement pages through the views: forms round-trip, errors keep the input, scoping."""

import factories as f
import pytest
from sqlmodel import select

from legalops.cases.queries import list_debtors
from legalops.litigation.models import Judgment


@pytest.fixture
def world(app, session):
    firm_a, firm_b = f.firm(session), f.firm(session)
    counsel = f.user(session, "counsel")
    case = f.case(session, counsel, debtors=2, collateral=True, firm_id=firm_a.id)
    session.commit()
    return {"counsel": counsel, "case": case, "own": f.user(session, "law_firm", firm=firm_a),
            "other": f.user(session, "law_firm", firm=firm_b)}


def _client(app, user):
    client = app.test_client()
    f.login(client, user)
    return client


def test_bad_case_number_is_a_field_error_that_keeps_the_input(app, world):
    client = _client(app, world["counsel"])
    cid = world["case"].id
    response = client.post(f"/cases/{cid}/litigation/proceedings", data={
        "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "agreed_clause",
        "court_case_number": "(2026)沪0115民X1234号", "judge": "王法官"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Unknown case-type code" in page or "案件类型代字" in page or "民初、民终" in page
    assert 'value="王法官"' in page and "(2026)沪0115民X1234号" in page


def test_counsel_records_proceeding_and_judgment_and_sees_cited_deadlines(app, world, session):
    client = _client(app, world["counsel"])
    case = world["case"]
    cid = case.id
    response = client.post(f"/cases/{cid}/litigation/proceedings", data={
        "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "defendant_domicile",
        "court_case_number": "（2026）沪0115民初88号", "fees_paid": "8,800"})
    assert response.status_code == 302
    (_, borrower), _ = list_debtors(session, case)
    form = {"document_kind": "judgment", "decided_on": "2026-01-20", "debt_amount": "800000.10",
            "performance_days": "10", f"served_on_{borrower.id}": "2026-01-31",
            f"liability_{borrower.id}": "joint_and_several", f"amount_{borrower.id}": "800000.10"}
    assert client.post(f"/cases/{cid}/litigation/judgments", data=form).status_code == 302
    page = client.get(f"/cases/{cid}/litigation").get_data(as_text=True)
    assert "2026-02-24" in page and "第一百七十一条" in page  # appeal deadline after the Spring Festival
    assert "2026-02-25" in page and "2026-03-09" in page and "2028-03-09" in page
    assert 'data-testid="provisional"' in page and "第二百五十条" in page
    assert len(session.exec(select(Judgment).where(Judgment.case_id == cid)).all()) == 1


def test_judgment_row_errors_name_the_party_field(app, world, session):
    client = _client(app, world["counsel"])
    cid = world["case"].id
    client.post(f"/cases/{cid}/litigation/proceedings", data={
        "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "agreed_clause"})
    (_, borrower), _ = list_debtors(session, world["case"])
    response = client.post(f"/cases/{cid}/litigation/judgments", data={
        "decided_on": "2026-01-20", "debt_amount": "100", f"liability_{borrower.id}": "joint_and_several",
        f"amount_{borrower.id}": "12.345"})
    assert response.status_code == 422
    assert f'id="f-amount_{borrower.id}-msg"' in response.get_data(as_text=True)
    assert session.exec(select(Judgment)).first() is None


def test_law_firms_read_their_own_case_and_get_404_elsewhere(app, world):
    cid = world["case"].id
    own, other = _client(app, world["own"]), _client(app, world["other"])
    for path in (f"/cases/{cid}/litigation", f"/cases/{cid}/enforcement"):
        assert own.get(path).status_code == 200
        assert other.get(path).status_code == 404
    assert own.post(f"/cases/{cid}/enforcement/leads", data={}).status_code == 403
    assert other.post(f"/cases/{cid}/enforcement/leads", data={}).status_code == 404
    assert world["case"].reference not in other.get(f"/cases/{cid}/enforcement").get_data(as_text=True)


def test_case_page_links_to_litigation_and_enforcement(app, world):
    page = _client(app, world["counsel"]).get(f"/cases/{world['case'].id}").get_data(as_text=True)
    assert f'/cases/{world["case"].id}/litigation' in page and f'/cases/{world["case"].id}/enforcement' in page


def test_judgment_cites_each_source_once_while_each_party_keeps_its_dates(app, world, session):
    import lxml.html

    client = _client(app, world["counsel"])
    case = world["case"]
    cid = case.id
    client.post(f"/cases/{cid}/litigation/proceedings", data={
        "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "agreed_clause"})
    (_, borrower), (_, guarantor) = list_debtors(session, case)
    form = {"document_kind": "judgment", "decided_on": "2026-01-20", "debt_amount": "800000.10",
            "performance_days": "10"}
    for party, served in ((borrower, "2026-01-31"), (guarantor, "2026-02-10")):
        form.update({f"served_on_{party.id}": served, f"liability_{party.id}": "joint_and_several",
                     f"amount_{party.id}": "800000.10"})
    assert client.post(f"/cases/{cid}/litigation/judgments", data=form).status_code == 302
    [card] = lxml.html.fromstring(client.get(f"/cases/{cid}/litigation").get_data(as_text=True)).xpath(
        '//*[@data-testid="judgment"]')

    def dates(party):
        [row] = card.xpath(f'.//tr[@data-party="{party.id}"]')
        return [cell.text_content() for cell in row.xpath('.//*[@data-clock]')]

    assert dates(borrower) == ["2026-02-24", "2026-02-26", "2026-03-09", "2028-03-09"]
    assert dates(guarantor) == ["2026-02-25", "2026-02-26", "2026-03-09", "2028-03-09"]
    notes = [li.text_content() for li in card.xpath('.//*[@data-testid="judgment-notes"]/li')]
    assert len(notes) == len(set(notes)) >= 5
    text = card.text_content()
    for article in ("第一百七十一条", "第一百五十八条", "第二百六十四条", "第二百五十条"):
        assert text.count(article) == 1, article
    assert text.count("2028年节假日安排尚未录入") == 1  # the provisional note, once, beside the citations
    # Every date points at its sources; every pointer lands on a footnote of this judgment.
    targets = {li.get("id"): li.text_content() for li in card.xpath('.//*[@data-testid="judgment-notes"]/li')}
    refs = card.xpath('.//*[@data-testid="note-refs"]')
    assert len(refs) == 2 * 4
    for link in card.xpath('.//*[@data-testid="note-refs"]/a'):
        assert targets[link.get("href").lstrip("#")] == link.get("title")
    appeal_sources = [targets[a.get("href").lstrip("#")] for a in refs[0].xpath("./a")]
    assert any("第一百七十一条" in source for source in appeal_sources)


def test_litigation_page_lists_a_preservation_measure_with_its_expiry(app, world):
    client = _client(app, world["counsel"])
    cid = world["case"].id
    response = client.post(f"/cases/{cid}/litigation/measures", data={
        "kind": "freeze", "asset_type": "bank_deposit", "object_description": "被告名下银行存款",
        "imposed_on": "2026-03-02"})
    assert response.status_code == 302
    response = client.get(f"/cases/{cid}/litigation")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-measure="' in page and 'data-clock="preservation_expiry"' in page


def test_borrower_is_principal_debtor_and_an_amount_needs_a_liability(app, world, session):
    """The borrower owes the debt itself (主债务人); an amount with no liability was stored and shown as 债权人."""
    client = _client(app, world["counsel"])
    case = world["case"]
    cid = case.id
    client.post(f"/cases/{cid}/litigation/proceedings", data={
        "court_name": "上海市浦东新区人民法院", "jurisdiction_basis": "agreed_clause"})
    (_, borrower), (_, guarantor) = list_debtors(session, case)
    form_page = client.get(f"/cases/{cid}/litigation").get_data(as_text=True)
    select_html = form_page.split(f'name="liability_{borrower.id}"')[1].split("</select>")[0]
    assert 'value="principal_debtor" selected' in select_html  # proposed for the borrower
    assert "principal_debtor\" selected" not in form_page.split(f'name="liability_{guarantor.id}"')[1].split("</select>")[0]

    response = client.post(f"/cases/{cid}/litigation/judgments", data={
        "decided_on": "2026-01-20", "debt_amount": "1000", f"liability_{borrower.id}": "principal_debtor",
        f"amount_{borrower.id}": "1000", f"amount_{guarantor.id}": "500"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="f-liability_{guarantor.id}-msg"' in page
    # As the firm portal and the API send it (no liability key at all): refused with a message naming the field.
    from legalops.core.validation import FieldErrors, validate
    from legalops.litigation.schemas import AwardIn

    with pytest.raises(FieldErrors) as refused:
        validate(AwardIn, {"party_id": guarantor.id, "amount": "500"})
    assert refused.value.errors == {"liability": "Choose how this party is liable for the amount ordered."}
    assert session.exec(select(Judgment)).first() is None

    client.post("/language", data={"locale": "en"})
    response = client.post(f"/cases/{cid}/litigation/judgments", data={
        "decided_on": "2026-01-20", "debt_amount": "1000", f"liability_{borrower.id}": "principal_debtor",
        f"amount_{borrower.id}": "1000", f"liability_{guarantor.id}": "joint_and_several",
        f"amount_{guarantor.id}": "500"})
    assert response.status_code == 302
    table = client.get(f"/cases/{cid}/litigation").get_data(as_text=True)
    row = table.split(f'data-party="{borrower.id}"')[1].split("</tr>")[0]
    assert "Principal debtor" in row and "Creditor" not in row
