"""Flask-Limiter: throttles sign-in attempts per address and user name."""

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])


def login_key() -> str:
    """Throttle by client address and the user name being tried."""
    return f"{get_remote_address()}|{(request.form.get('username') or '').strip().lower()}"


def init_app(app) -> None:
    """Attach the limiter to the app."""
    limiter.init_app(app)
