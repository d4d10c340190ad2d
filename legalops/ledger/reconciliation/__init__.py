"""Finance reconciliation: bank statements, expected recoveries, matching, month close and reports."""
