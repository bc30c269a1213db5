"""The ``kaoping`` command line: each command parses its options and calls the library.

Commands live one module each beside this file; this module only assembles them.
Exit codes follow DESIGN.md §6: 0 success, 1 problems in the records, 2 usage or I/O.
"""

from __future__ import annotations

import sys

import click

from scoring.cli import check_lock as _check_lock  # noqa: F401  (each import registers a command)
from scoring.cli import codeowners as _codeowners  # noqa: F401
from scoring.cli import schema as _schema  # noqa: F401
from scoring.cli import score as _score  # noqa: F401
from scoring.cli import validate as _validate  # noqa: F401
from scoring.cli.common import cli


def main() -> None:
    try:
        cli.main(prog_name="kaoping", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)


__all__ = ["cli", "main", "click"]
