"""Recovery ledger: append-only recoveries allocated to costs, interest and principal; claims; settlement plans."""
