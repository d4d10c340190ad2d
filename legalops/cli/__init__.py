"""The `legalops` command line: database, users, imports, demo data, serving and the worker."""

from __future__ import annotations

import sys

import click

from legalops.cli.commands import register


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """LegalOps: legal recovery of defaulted loans."""


register(main)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
