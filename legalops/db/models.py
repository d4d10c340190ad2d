"""Import every table module so SQLModel.metadata knows the whole schema (Alembic, tests)."""

import importlib

TABLE_MODULES = [
    "legalops.auth.models",
    "legalops.audit.models",
    "legalops.jobs.models",
    "legalops.parties.models",
    "legalops.cases.models",
    "legalops.cases.demand_models",
    "legalops.assessment.models",
    "legalops.documents.models",
    "legalops.casefiles.models",
    "legalops.portal.models",
    "legalops.api.models",
    "legalops.ledger.models",
    "legalops.ledger.reconciliation.models",
    "legalops.deadlines.models",
    "legalops.litigation.models",
    "legalops.enforcement.models",
    "legalops.disposal.models",
]


def load_all() -> None:
    """Import the table modules (done lazily to keep the layers' import graph clean)."""
    for name in TABLE_MODULES:
        importlib.import_module(name)


load_all()
