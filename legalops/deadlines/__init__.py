"""Deadlines: one calendar of legal and procedural deadlines across cases, with reminders and a private feed."""
