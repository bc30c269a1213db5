"""The ``kaoping`` command line: each command parses its options and calls the library.

Commands live one module each beside this file; this module only assembles them.
Exit codes follow DESIGN.md §6: 0 success, 1 problems in the records, 2 usage or I/O.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

import click

from scoring.cli import check_lock as _check_lock  # noqa: F401  (each import registers a command)
from scoring.cli import codeowners as _codeowners  # noqa: F401
from scoring.cli import diff as _diff  # noqa: F401
from scoring.cli import evidence as _evidence  # noqa: F401
from scoring.cli import explain as _explain  # noqa: F401
from scoring.cli import new_month as _new_month  # noqa: F401
from scoring.cli import rewards as _rewards  # noqa: F401
from scoring.cli import rotation as _rotation  # noqa: F401
from scoring.cli import schema as _schema  # noqa: F401
from scoring.cli import score as _score  # noqa: F401
from scoring.cli import seal as _seal  # noqa: F401
from scoring.cli import validate as _validate  # noqa: F401
from scoring.cli.common import cli
from scoring.cli.language import detect_language
from scoring.messages import ui_text


def main() -> None:
    """Run the command line; an unexpected failure is one line, never a traceback.

    A command is one short process over millions of loaded objects without reference
    cycles: the collector stays off (its passes over them cost a third of a run), and
    once the output is flushed the process ends without freeing them one by one.
    """
    gc.disable()
    try:
        _run()
    except SystemExit as exc:
        _end(exc.code)


def _end(code: object) -> NoReturn:
    """Exit as ``sys.exit(code)`` would, skipping the interpreter's teardown when it can."""
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)  # a message: the interpreter prints it
    status = code or 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(status) from None  # the interpreter's own exit reports it
    os._exit(status)


def _run() -> None:
    try:
        cli.main(prog_name="kaoping", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
    except OSError as exc:
        error = f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        click.echo(_said("cli.os-error", error=error), err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if os.environ.get("KAOPING_DEBUG"):
            raise
        error = f"{type(exc).__name__}: {exc}"
        click.echo(_said("cli.internal-error", error=error), err=True)
        sys.exit(2)


def _said(key: str, **params: object) -> str:
    """A line said outside any command (its context is gone): in the records' language."""
    return ui_text(key, detect_language(sys.argv[1:])).format(**params)


__all__ = ["cli", "main"]
