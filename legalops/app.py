"""The application factory: the composition root that wires settings, database, auth, i18n and blueprints."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from legalops.config import load_settings
from legalops.db.session import Database, discard_hooks

csrf = CSRFProtect()
babel = Babel()


def select_locale() -> str:
    """Pick the UI language: the user's choice, else the browser's, else Chinese."""
    from flask_login import current_user

    chosen = session.get("locale")
    if chosen in ("zh", "en"):
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.locale in ("zh", "en"):
        return current_user.locale
    return request.accept_languages.best_match(["zh", "en"]) or "zh"


def create_app(config: dict | None = None) -> Flask:
    """Build the Flask app from LEGALOPS_* settings, with `config` overriding them (tests)."""
    app = Flask("legalops", instance_path=str(Path.cwd() / "instance"), instance_relative_config=False)
    app.config.update(load_settings(Path(app.instance_path), config))
    Path(app.config["STORAGE_DIR"]).mkdir(parents=True, exist_ok=True)
    db = config.get("DATABASE") if config else None
    app.extensions["legalops.db"] = db or Database(app.config["DATABASE_URL"])

    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    from legalops.web import login, ratelimit

    login.init_app(app)
    ratelimit.init_app(app)

    from legalops.web import register_web

    register_web(app)
    from legalops.assessment.documents_recovery import register_recovery_builders

    register_recovery_builders(app.config)  # demand letter, element complaint, payment order, security realisation
    from legalops.api import register_api
    from legalops.portal.wiring import register_portal

    register_portal(app)
    register_api(app, ratelimit.limiter)
    from legalops.assessment.documents import register_form_builders

    register_form_builders(app.config)  # forms whose data lives above cases (claim statement, memo…)
    from legalops.enforcement.documents import register_form_builders as register_enforcement_forms

    register_enforcement_forms(app.config)  # enforcement application from the judgment, renewal application
    from legalops.assessment.settings import AssessmentSettings
    from legalops.enforcement.interest import register_ledger_provider

    # The ledger's claim includes delayed-performance interest on the judgment (the ledger cannot read judgments).
    register_ledger_provider(AssessmentSettings.from_dict(app.config.get("ASSESSMENT_SETTINGS")).calculators)

    @app.teardown_appcontext
    def _close_session(_exc):
        db_session = g.pop("db_session", None)
        if db_session is not None:
            discard_hooks(db_session)
            db_session.close()

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'",
        )
        return response

    return app
