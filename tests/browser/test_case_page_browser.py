"""The case page in a real browser: its tables fit their cards, so no row action hides behind a scrollbar."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_loans_table_fits_its_card_with_a_long_contract_number(live_server, new_page, locale):
    counsel = live_server.create_user("counsel", locale=locale)
    case = live_server.create_case(counsel, debtors=2, collateral=True, contract="ZJ2023借字第0001号-624-补充协议")
    page = new_page("zh-CN" if locale == "zh" else "en-US")
    live_server.sign_in(page, counsel)
    page.goto(f"{live_server.url}/cases/{case.id}")
    hidden = page.evaluate("""() => { const t = document.querySelector('[data-testid=loans]');
        return t.scrollWidth - t.parentElement.clientWidth; }""")
    assert hidden <= 0, f"the loans table is {hidden}px wider than its card"
