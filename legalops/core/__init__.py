"""Pure helpers with no Flask and no database: money, identifiers, errors."""
