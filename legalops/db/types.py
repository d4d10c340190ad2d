"""Exact decimal columns: numeric on PostgreSQL, scaled integers on SQLite (which keeps NUMERIC as float)."""

from decimal import Decimal

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.types import TypeDecorator


class ExactDecimal(TypeDecorator):
    """A Decimal column that round-trips exactly on every dialect."""

    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int = 2, precision: int = 18):
        super().__init__()
        self.scale = scale
        self.precision = precision
        self._factor = Decimal(10) ** scale
        self._quantum = Decimal(1).scaleb(-scale)

    def __repr__(self) -> str:
        # Alembic writes this into migrations; it must carry the scale.
        return f"ExactDecimal(scale={self.scale}, precision={self.precision})"

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            # SQLite's NUMERIC affinity stores floats; integers in the smallest unit are exact.
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        if value != value.quantize(self._quantum):
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        if dialect.name == "sqlite":
            return int(value * self._factor)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / self._factor).quantize(self._quantum)
        return Decimal(value).quantize(self._quantum)


def Money() -> ExactDecimal:  # noqa: N802 - reads like a type in column declarations
    """Return the column type for an amount of money in yuan, to the fen."""
    return ExactDecimal(2, 18)


def Rate() -> ExactDecimal:  # noqa: N802
    """Return the column type for an annual percentage rate (4.350000 means 4.35 %)."""
    return ExactDecimal(6, 12)
