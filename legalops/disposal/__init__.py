"""Disposal: collateral reference prices, judicial auction rounds, next steps and proceeds distribution."""
