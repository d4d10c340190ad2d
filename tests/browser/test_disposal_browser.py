"""The disposal item page in Chinese and English: the claim of the sale day, the in-lieu difference, deciding an
objection in the browser; fits the window, no script error; optional screenshots (LEGALOPS_SHOTS=/tmp/shots)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.cases.queries import list_collateral, list_loans
from legalops.cases.schemas import CollateralIn
from legalops.cases.services import add_collateral
from legalops.disposal import services
from legalops.disposal.schemas import ObjectionIn, OutcomeIn, ReferencePriceIn, RoundIn
from legalops.ledger.services import post_recovery

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LEGALOPS_SHOTS")


def _world(live_server, counsel: User) -> tuple[int, int, int]:
    """A case that recovered 100,000 before two auctions: item one sold (objection pending), item two failed."""
    case = live_server.create_case(counsel, collateral=True)
    with Session(live_server.database.engine, expire_on_commit=False) as session:
        case, actor = session.get(Case, case.id), session.get(User, counsel.id)
        loan = list_loans(session, case)[0]
        loan.outstanding_principal, loan.penalty_rate, loan.cutoff_date = D("730000.00"), D("7.30"), dt.date(2026, 4, 30)
        sold = list_collateral(session, case)[0]
        failed = add_collateral(session, case, CollateralIn(kind="real_estate", description="浦东新区某路2号202室",
                                                            registered_amount=D("1500000"), rank=1), actor)
        for item in (sold, failed):
            price = services.add_reference_price(session, case, item, ReferencePriceIn(
                method="appraisal", value=D("1000000.00"), determined_on=dt.date(2026, 3, 10),
                agency="上海某评估公司", report_number="沪评2026-001"), actor)
            row = services.add_round(session, case, item, RoundIn.model_validate(dict(
                mode="online", platform="淘宝网", round_number=1, reserve_price="900000.00", deposit="90000.00",
                announced_on="2026-05-01", starts_at="2026-06-01T10:00", ends_at="2026-06-02T10:00")), actor)
            outcome = (dict(status="sold", winning_bid="900000.00", buyer="王五", enforcement_costs="20000.00")
                       if item is sold else dict(status="failed", ruling_on=dt.date(2026, 6, 2)))
            services.record_outcome(session, case, OutcomeIn(round_id=row.id, **outcome), actor)
        services.save_objection(session, case, ObjectionIn(price_id=price.id, filed_on=dt.date(2026, 3, 12),
                                                           party="张三", grounds="评估价明显偏低"), actor)
        post_recovery(session, case_id=case.id, amount=D("100000.00"), received_on=dt.date(2026, 5, 21),
                      source="voluntary_repayment", payer="债务人0", reference="还款-1", actor=actor)
        session.commit()
        return case.id, sold.id, failed.id


def _check(page, name: str, lang: str, problems: list[str]) -> None:
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} ({lang}) is {overflow}px wider than the window"
    assert not problems, problems
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{lang}-{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_disposal_item_pages_show_the_ledger_claim_and_decide_an_objection(live_server, new_page, lang):
    counsel = live_server.create_user("counsel", locale=lang)
    case_id, sold, failed = _world(live_server, counsel)
    page = new_page("zh-CN" if lang == "zh" else "en-US")
    problems: list[str] = []
    # A missing resource is reported by URL below (the console names none); the favicon is not served at all.
    page.on("console", lambda msg: problems.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    live_server.sign_in(page, counsel)
    base = f"{live_server.url}/cases/{case_id}/disposal/items"

    page.goto(f"{base}/{sold}")
    assert page.inner_text("[data-testid=expected-recovery]") == "¥634,585.36"
    assert "¥734,585.36 − ¥100,000.00 = ¥634,585.36" in page.inner_text("[data-testid=claim-basis]")
    _check(page, "disposal-item-sold", lang, problems)

    page.goto(f"{base}/{failed}")
    assert page.inner_text("[data-testid=in-lieu-difference]") == "¥265,414.64"
    decide = page.locator("[data-testid=objection-decide]")
    assert decide.count() == 1
    _check(page, "disposal-item-failed", lang, problems)
    decide.locator("select[name=outcome]").select_option("upheld")
    decide.locator("input[name=decided_on]").fill("2026-03-20")
    decide.locator("button").click()
    page.wait_for_url(f"{base}/{failed}#prices")
    assert page.locator("[data-testid=objection-decide]").count() == 0
    assert page.locator("[data-testid=price-usable]").count() == 0
    _check(page, "disposal-item-decided", lang, problems)
