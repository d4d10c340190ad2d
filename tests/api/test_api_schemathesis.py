"""Property-based run against /api/v1/openapi.json with a valid token: no request makes the server fail."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks
from support.api_auth import bearer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _fuzz(operation, api_world, mode, filing_id):
    """Return a hypothesis test that sends generated requests for one operation with a valid token."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case_id = (case.path_parameters or {}).get("case_id")
        if isinstance(case_id, int) and case_id % 2:
            # Half the calls aim at the firm's own case, so the happy paths run, not only the 404s.
            case.path_parameters["case_id"] = api_world["case"].id
            if isinstance((case.path_parameters or {}).get("filing_id"), int):
                case.path_parameters["filing_id"] = filing_id  # and a rendered filing of it, so downloads run
        response = case.call(headers=bearer(api_world["secret"]))
        assert response.status_code < 500, (operation.label, response.text[:500])
        # Every answer is JSON but a downloaded filing (its 200 is the PDF or DOCX, as the document says).
        if not (operation.path.endswith("/{fmt}") and response.status_code == 200):
            assert response.headers["content-type"][0].startswith("application/json"), operation.label
        # The spec must be accurate: statuses, content types and bodies conform. ignored_auth is left out because
        # the test replaces the generated Authorization header on purpose, positive_data_acceptance because content
        # (file bytes, a party of this case) is checked beyond what a schema can say, negative_data_rejection because
        # the generator counts an unknown extra header as invalid input, which HTTP allows.
        case.validate_response(response, excluded_checks=[checks.ignored_auth, checks.positive_data_acceptance, checks.negative_data_rejection])

    return run


def test_no_server_error(app, session, api_world):
    from legalops.cases.filings import create_case_filing
    from legalops.documents.render import get_renderer
    from legalops.documents.services import render_filing

    filing, _created = create_case_filing(session, api_world["case"], "complaint", ("docx", "pdf"), api_world["counsel"])
    render_filing(session, filing, get_renderer(), app.config["STORAGE_DIR"])
    session.commit()
    # Strategies per operation run under `given` here: schemathesis' pytest fixture loader does not support pytest 9.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, api_world, mode, filing.id)()


def test_the_document_describes_every_route_and_the_bearer_scheme(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {"/api/v1/cases", "/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}/documents",
                                  "/api/v1/cases/{case_id}/updates", "/api/v1/cases/{case_id}/forms",
                                  "/api/v1/cases/{case_id}/filings",
                                  "/api/v1/cases/{case_id}/filings/{filing_id}/{fmt}"}
    download = spec["paths"]["/api/v1/cases/{case_id}/filings/{filing_id}/{fmt}"]["get"]
    assert set(download["responses"]["200"]["content"]) == {"application/pdf", DOCX}
    fmt = next(p for p in download["parameters"] if p["name"] == "fmt")
    assert fmt["in"] == "path" and fmt["schema"]["enum"] == ["docx", "pdf"]
    generate = spec["paths"]["/api/v1/cases/{case_id}/filings"]["post"]
    assert {"201", "202", "422"} <= set(generate["responses"])
    assert "complaint" in spec["components"]["schemas"]["FormKey"]["enum"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    proposal = spec["components"]["schemas"]["UpdateProposal"]
    assert set(proposal["discriminator"]["mapping"]) >= {"filed", "judgment_received", "court_receipt", "note"}
