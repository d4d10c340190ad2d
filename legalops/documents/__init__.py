"""Court documents: the forms registry, the sandboxed renderers, stored filings (knows nothing of cases)."""
