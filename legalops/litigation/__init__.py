"""Litigation: proceedings, events, judgments with their deadline clocks, preservation measures."""
