"""Mark strings for translation where Flask-Babel is not available; they are translated when shown."""


def N_(message: str) -> str:  # noqa: N802 - the gettext convention that pybabel extracts
    """Mark `message` for extraction; return it unchanged."""
    return message
