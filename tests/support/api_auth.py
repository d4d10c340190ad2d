"""Headers of an authenticated API call (kept out of conftest: 'conftest' is ambiguous across test folders)."""


def bearer(secret: str, **extra) -> dict:
    """Return the headers of an API call with `secret`, asking for English messages."""
    return {"Authorization": f"Bearer {secret}", "Accept-Language": "en", **extra}
