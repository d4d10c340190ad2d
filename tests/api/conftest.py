"""API fixtures: two firms with a case each, and a live token of firm A."""

from __future__ import annotations

import factories as f
import pytest

from legalops.portal.tokens import issue_token


@pytest.fixture
def api_world(session):
    firm_a, firm_b = f.firm(session), f.firm(session)
    counsel = f.user(session, "counsel")
    own = f.case(session, counsel, firm_id=firm_a.id)
    foreign = f.case(session, counsel, firm_id=firm_b.id)
    secret, token = issue_token(session, firm_a, counsel)
    session.commit()
    return {"firm": firm_a, "counsel": counsel, "case": own, "foreign": foreign, "secret": secret, "token": token}

