"""Amounts parse exactly or are refused as values."""

from decimal import Decimal

import pytest

from legalops.core.money import parse_amount


@pytest.mark.parametrize("raw", [1e26, Decimal("1E+26"), Decimal("NaN"), Decimal("Infinity"), "10000000000000000"])
def test_amounts_beyond_a_money_column_are_refused_as_values_not_crashes(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)
