"""The calculator page: every calculator's generated form, its outputs, steps, citations and conventions."""

from __future__ import annotations

import html
import re

import factories as f
import pytest

from legalops.assessment.calculator_views import form_to_input
from legalops.assessment.calculators import REGISTRY, calculate

#: A valid form per calculator, as a user would type it, and one output it must show.
VALID = {
    "acceptance-fee": ({"claim_amount": "150,000"}, ("fee", "3300.00")),
    "preservation-fee": ({"preserved_amount": "896000"}, ("fee", "5000.00")),
    "enforcement-fee": ({"enforced_amount": "500000"}, ("fee", "7400.00")),
    "payment-order-fee": ({"claim_amount": "99999.99"}, ("fee", "766.67")),
    "appeal-deadline": ({"document": "judgment", "served_on": "2025-09-20"}, ("last_day", "2025-10-09")),
    "enforcement-application-deadline": ({"last_day_of_performance_period": "2024-03-15"},
                                         ("last_day", "2026-03-16")),
    "limitation-expiry": ({"loan_due_date": "2022-06-30", "interruptions[2].date": "2023-01-16",
                           "interruptions[2].kind": "demand"}, ("last_day", "2026-01-16")),
    "guarantee-period-expiry": ({"main_debt_due_date": "2025-08-31", "agreed_period_months": "6"},
                                ("last_day", "2026-02-28")),
    "preservation-expiry": ({"measure": "bank_deposit", "start": "2025-04-15"}, ("last_day", "2026-04-14")),
    "preservation-renewal": ({"preservation_expiry": "2026-04-14"}, ("apply_no_later_than", "2026-04-07")),
    "delay-interest": ({"unpaid_judgment_debt": "100000", "performance_period_last_day": "2025-01-10",
                        "paid_on": "2025-02-09"}, ("interest", "525.00")),
    "contract-interest": ({"principal": "100000", "rate": "4.35%", "from": "2025-01-01", "to": "2025-12-31"},
                          ("interest", "4350.00")),
    "lpr": ({"date": "2025-06-01"}, ("lpr_1y", "3.00")),
    "payment-allocation": ({"payment": "1000", "outstanding.expenses": "100", "outstanding.interest": "300",
                            "outstanding.principal": "5000"}, ("to_principal", "600.00")),
    "auction-floors": ({"mode": "online", "asset": "real_estate", "round": "1", "reference_price": "1000000"},
                       ("min_reserve", "700000.00")),
}


@pytest.fixture
def web(client, session):
    f.login(client, f.user(session, "counsel"))
    client.post("/language", data={"locale": "en"})
    return client


def test_every_calculator_has_a_page_sample():
    assert set(VALID) == set(REGISTRY)


def test_page_lists_every_calculator_with_its_form(web):
    page = web.get("/calculators/").get_data(as_text=True)
    for name, calc in REGISTRY.items():
        assert f'id="{name}"' in page
        assert f'name="calculator" value="{name}"' in page
        for spec in calc.schema:
            if spec.kind == "object":
                assert all(f'name="{spec.name}.{sub.name}"' in page for sub in spec.item)
            elif spec.kind == "list" and spec.item:
                assert f'name="{spec.name}[0].{spec.item[0].name}"' in page
            else:
                assert f'name="{spec.name}"' in page


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_input_shows_outputs_steps_and_citations(web, name):
    form, (output, expected) = VALID[name]
    response = web.post("/calculators/", data={"calculator": name, **form})
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert 'data-testid="calc-result"' in page
    shown = re.search(rf'data-output="{output}">(.*?)</dd>', page, re.S)
    assert shown and shown.group(1).strip() == expected
    raw, _ = form_to_input(name, form)
    result = calculate(name, raw)
    for citation in result.citations:
        assert citation.instrument in page and citation.article in page and citation.version in page
    for step in result.steps:
        assert step in page
    for convention in result.conventions:
        assert f"{convention.setting} = {convention.value}" in page


def test_uncertain_rounding_convention_shows_its_setting_value(web):
    page = web.post("/calculators/", data={"calculator": "acceptance-fee", "claim_amount": "10000.01"}).get_data(
        as_text=True)
    assert "rounding = 0.01" in page and "Uncertain" in page


@pytest.mark.parametrize("name", sorted(VALID))
def test_missing_required_input_names_the_field_and_keeps_the_rest(web, name):
    form, _ = VALID[name]
    blank = next(iter(form))  # each sample starts with an input the calculator cannot do without
    typed = {k: v for k, v in form.items() if k != blank}
    response = web.post("/calculators/", data={"calculator": name, **typed})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'data-field="{blank}"' in page
    assert "This field is required." in page
    for key, value in typed.items():
        assert f'name="{key}" value="{html.escape(value)}"' in page or f'value="{value}" selected' in page


def test_bad_value_is_reported_on_its_field_with_what_was_typed(web):
    response = web.post("/calculators/", data={"calculator": "acceptance-fee", "claim_amount": "12,34x"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'data-field="claim_amount"' in page and "This value is not valid." in page
    assert 'value="12,34x"' in page


def test_error_in_a_list_row_names_the_row_the_user_typed_in(web):
    response = web.post("/calculators/", data={"calculator": "limitation-expiry", "loan_due_date": "2022-06-30",
                                               "interruptions[3].date": "2023-13-01",
                                               "interruptions[3].kind": "demand"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'data-field="interruptions[3].date"' in page
    assert 'value="2023-13-01"' in page


def test_unknown_calculator_is_refused(web):
    assert web.post("/calculators/", data={"calculator": "nope"}).status_code == 422


def test_any_signed_in_user_may_use_it_and_anonymous_is_sent_to_sign_in(client, session):
    assert client.get("/calculators/").status_code == 302
    firm = f.firm(session)
    f.login(client, f.user(session, "law_firm", firm=firm))
    assert client.post("/calculators/", data={"calculator": "lpr", "date": "2025-06-01"}).status_code == 200


def test_form_posts_back_with_a_csrf_token(app, session):
    # CSRFProtect reads the flag per request, so turning it on here gives production behaviour.
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    user = f.user(session, "auditor")
    session.commit()
    assert client.post("/login", data={"username": user.username, "password": f.PASSWORD,
                                       "csrf_token": token}).status_code == 302
    page = client.get("/calculators/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    refused = client.post("/calculators/", data={"calculator": "lpr", "date": "2025-06-01"})
    assert refused.status_code == 400
    done = client.post("/calculators/", data={"calculator": "lpr", "date": "2025-06-01", "csrf_token": token})
    assert done.status_code == 200 and 'data-output="lpr_1y"' in done.get_data(as_text=True)


def test_choices_and_list_parts_are_shown_by_label_not_by_key(web):
    page = web.get("/calculators/").get_data(as_text=True)
    assert '<option value="real_estate" >Real estate</option>' in page or ">Real estate</option>" in page
    assert ">Online judicial auction</option>" in page and ">Demand for payment</option>" in page
    assert ">Bank deposit (max. 1 year)</option>" in page
    for key in ("real_estate", "bank_deposit", "partial_payment", "first_instance", "online"):
        assert f">{key}</option>" not in page, key
    assert ">date *<" not in page and ">kind *<" not in page
    web.post("/language", data={"locale": "zh"})
    page = web.get("/calculators/").get_data(as_text=True)
    assert ">不动产</option>" in page and ">催收</option>" in page


def _field_labels(page: str) -> list[str]:
    found = re.findall(r'<label for="c-[^"]+" title="[^"]+">([^<]*?)(?: \*)?</label>|<legend title="[^"]+">([^<]*)</legend>',
                       page)
    return [html.unescape(a or b) for a, b in found]


def test_field_labels_follow_the_interface_language(web):
    web.post("/language", data={"locale": "en"})
    english = _field_labels(web.get("/calculators/").get_data(as_text=True))
    assert "Loan due date" in english and "Trial procedure" in english and "Auction mode" in english
    assert "Days of suspension or stay to deduct (not at the debtor's request)" in english
    assert [label for label in english if re.search(r"[\u4e00-\u9fff]", label)] == []
    web.post("/language", data={"locale": "zh"})
    chinese = _field_labels(web.get("/calculators/").get_data(as_text=True))
    assert {"借款到期日", "审理程序", "拍卖方式", "应扣除的非因被执行人申请的暂缓/中止天数",
            "年利率，如 4.35%、1Y LPR、5Y LPR + 1.5%"} <= set(chinese)
    assert "Loan due date" not in chinese and len(chinese) == len(english)
