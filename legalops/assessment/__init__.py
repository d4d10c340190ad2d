"""Assessment: is the claim alive, what will it cost, what can it recover."""

# Registers the session hook that keeps claim deadlines current, whichever module is imported first.
from legalops.assessment import deadline_sync  # noqa: E402, F401
