"""Background work: RQ on Redis when configured, else a thread in the app process; progress lives in the database."""
