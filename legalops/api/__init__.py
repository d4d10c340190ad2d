"""The partner JSON API (/api/v1): per-firm bearer tokens, idempotent POSTs, an OpenAPI document."""

from __future__ import annotations

from flask import Flask

_LIMITED: set[int] = set()


def register_api(app: Flask, limiter) -> None:
    """Mount /api/v1 on the app with a per-token rate limit; token-authenticated, so exempt from CSRF."""
    from flask import current_app

    from legalops.api import errors
    from legalops.api.views import bp, token_key

    if id(limiter) not in _LIMITED:
        # The blueprint and the limiter are module-level: declare the limit once, whatever the number of apps.
        limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=token_key)(bp)
        _LIMITED.add(id(limiter))

    # flask-openapi3 reports schema mismatches through these app attributes (it expects its own OpenAPI app).
    app.validation_error_callback = errors.validation_error
    app.validate_response = False
    app.register_blueprint(bp)
    # Safe only because the API never reads the session cookie: a forged cross-site request carries no token.
    app.extensions["csrf"].exempt(bp)
