"""Delivery: the shared layout, sign-in, language switch, error pages; registers every blueprint."""

from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from flask_babel import format_date, format_datetime, get_locale

from legalops.audit.labels import ACTION_LABELS, OBJECT_LABELS
from legalops.auth.models import ROLE_LABELS
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.core.money import format_yuan, to_chinese_capital
from legalops.db.session import discard_hooks
from legalops.ui.forms import translate


def register_web(app: Flask) -> None:
    """Register blueprints, template filters and error handlers."""
    from legalops.assessment.calculator_views import bp as calculators_bp
    from legalops.assessment.views import bp as assessment_bp
    from legalops.audit.views import bp as audit_bp
    from legalops.auth.views import bp as admin_bp
    from legalops.cases.bulk_filing_views import bp as bulk_filings_bp
    from legalops.cases.demand_views import bp as demands_bp
    from legalops.cases.filing_views import bp as filings_bp
    from legalops.cases.import_views import bp as import_bp
    from legalops.cases.views import bp as cases_bp
    from legalops.deadlines.notification_views import bp as notifications_bp
    from legalops.deadlines.views import bp as deadlines_bp
    from legalops.web.form_views import bp as form_admin_bp
    from legalops.web.views import bp as web_bp

    for bp in (web_bp, cases_bp, import_bp, audit_bp, admin_bp, assessment_bp, calculators_bp,
               filings_bp, bulk_filings_bp, demands_bp):
        app.register_blueprint(bp)
    from legalops.disposal.views import bp as disposal_bp

    app.register_blueprint(disposal_bp)
    from legalops.enforcement.views import bp as enforcement_bp
    from legalops.litigation.views import bp as litigation_bp

    app.register_blueprint(litigation_bp)
    app.register_blueprint(enforcement_bp)
    app.register_blueprint(deadlines_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(form_admin_bp)

    from legalops.ledger.reconciliation.views import bp as finance_bp
    from legalops.ledger.views import bp as ledger_bp
    from legalops.web.dashboard import bp as dashboard_bp

    for bp in (ledger_bp, finance_bp, dashboard_bp):
        app.register_blueprint(bp)

    app.jinja_env.filters["yuan"] = format_yuan
    app.jinja_env.filters["capital"] = to_chinese_capital
    app.jinja_env.filters["date"] = lambda d: format_date(d, "yyyy-MM-dd") if d else ""
    app.jinja_env.filters["datetime"] = lambda d: format_datetime(d, "yyyy-MM-dd HH:mm") if d else ""
    app.jinja_env.globals["tr"] = translate
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["role_labels"] = ROLE_LABELS
    app.jinja_env.globals["action_labels"] = ACTION_LABELS
    app.jinja_env.globals["audit_objects"] = OBJECT_LABELS
    from legalops.web.audit_values import audit_actor, audit_changes, audit_summary, register_audit_values

    register_audit_values()
    app.jinja_env.globals["audit_changes"] = audit_changes
    app.jinja_env.globals["audit_summary"] = audit_summary
    app.jinja_env.globals["audit_actor"] = audit_actor
    from legalops.web.conventions import convention_label, convention_value

    app.jinja_env.globals["convention_label"] = convention_label
    app.jinja_env.globals["convention_value"] = convention_value
    from legalops.cases.stages import split_by_stage

    # The case's filings page: the forms of its stage and the stages before it, then the others.
    app.jinja_env.globals["forms_by_stage"] = lambda forms, stage: split_by_stage(
        forms, stage, lambda item: item["spec"].stage)
    app.jinja_env.globals["tr_items"] = lambda labels: [(key, translate(text)) for key, text in labels.items()]

    @app.errorhandler(NotFound)
    def _not_found(exc):
        return render_template("errors/404.html"), 404

    @app.errorhandler(404)
    def _404(_exc):
        if request.path.startswith("/api/"):
            # The API's error shape (legalops.api.errors), also for paths that match no route.
            return {"error": {"code": "not_found", "message": translate(N_("Not found.")), "fields": {}}}, 404
        return render_template("errors/404.html"), 404

    @app.errorhandler(405)
    def _405(exc):
        # A wrong method never reaches the API blueprint's handlers: answer API paths with its error shape here.
        if request.path.startswith("/api/"):
            body = {"code": "method_not_allowed", "message": translate(N_("Method not allowed.")), "fields": {}}
            return {"error": body}, 405, {"Allow": ", ".join(exc.valid_methods or ())}
        return exc

    @app.errorhandler(403)
    def _403(_exc):
        return render_template("errors/403.html"), 403

    @app.errorhandler(429)
    def _429(_exc):
        return render_template("errors/429.html"), 429

    @app.errorhandler(500)
    def _500(exc):
        # Flask has already logged an unhandled exception; an explicit abort(500) has not.
        if getattr(exc, "original_exception", None) is None:
            current_app.logger.error("500 on %s %s: %s", request.method, request.path, exc)
        _roll_back_request_session()
        if request.path.startswith("/api/"):
            return {"error": {"code": "server_error", "message": "Internal error.", "fields": {}}}, 500
        # The page says nothing of the exception: its text may hold data or internals.
        return render_template("errors/500.html"), 500


def _roll_back_request_session() -> None:
    """Undo the failed request's unit of work so that nothing half-done is committed or queued."""
    db_session = g.get("db_session")
    if db_session is not None:
        discard_hooks(db_session)
        try:
            db_session.rollback()
        except Exception:  # a broken connection: the page must still render, and teardown closes the session
            current_app.logger.exception("rollback after a 500 failed")
