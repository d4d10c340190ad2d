"""LegalOps: legal recovery of defaulted loans."""


def create_app(config: dict | None = None):
    """Build the Flask application (see legalops.app)."""
    from legalops.app import create_app as _create_app

    return _create_app(config)
