"""Settings from LEGALOPS_* environment variables, with safe local defaults."""

import os
import secrets
from pathlib import Path

PREFIX = "LEGALOPS_"


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(PREFIX + name, default)


def _instance_secret(instance: Path) -> str:
    """Return the local secret key, creating it once in the instance folder."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load_settings(instance: Path, overrides: dict | None = None) -> dict:
    """Collect the app's configuration; refuse production without a secret key."""
    overrides = overrides or {}
    env = overrides.get("ENV") or _env("ENV", "development")
    secret = overrides.get("SECRET_KEY") or _env("SECRET_KEY")
    if not secret:
        if env == "production":
            raise RuntimeError("LEGALOPS_SECRET_KEY must be set when LEGALOPS_ENV=production")
        secret = _instance_secret(instance)
    storage = Path(overrides.get("STORAGE_DIR") or _env("STORAGE_DIR") or instance / "storage")
    settings = {
        "ENV": env,
        "SECRET_KEY": secret,
        "DATABASE_URL": _env("DATABASE_URL") or f"sqlite:///{instance / 'legalops.sqlite3'}",
        "REDIS_URL": _env("REDIS_URL") or "",
        "STORAGE_DIR": str(storage),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": env == "production",
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "MAX_CONTENT_LENGTH": int(_env("MAX_UPLOAD_MB", "50")) * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "zh",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "LANGUAGES": ["zh", "en"],
        "RATELIMIT_STORAGE_URI": _env("REDIS_URL") or "memory://",
        "RATELIMIT_ENABLED": True,
        "LOGIN_ATTEMPTS": _env("LOGIN_ATTEMPTS", "10 per 5 minutes"),
        "PAGE_SIZE": 25,
        "SMTP_URL": _env("SMTP_URL", ""),  # e.g. smtp://user:pass@mail.example.com:587 (smtps://, smtp+starttls://)
        "MAIL_FROM": _env("MAIL_FROM", "legalops@localhost"),
        # Links in reminder e-mails need the address users reach the app at (no request to take it from).
        "BASE_URL": _env("BASE_URL", ""),
        # Court documents uploaded to a case (browser and API), and the API's per-token rate limit.
        "CASE_DOCUMENT_MAX_MB": int(_env("CASE_DOCUMENT_MAX_MB", "20")),
        "API_RATE_LIMIT": _env("API_RATE_LIMIT", "120 per minute"),
    }
    settings.update(overrides)
    return settings
