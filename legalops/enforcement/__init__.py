"""Enforcement: enforcement cases, measures, property leads, money received through the court, 终本 and resumption."""
