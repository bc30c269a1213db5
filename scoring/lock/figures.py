"""The closed months' figures on each side of a change, each side scored by its own code.

The base's figures are computed with the base's own code: the ``scoring`` package of
the base commit, written out of git's object database into a temporary folder and run
with this interpreter (on the installed dependencies) as ``python -m scoring score
--format json``, the interface DESIGN.md §6 fixes. The change's figures come from the
running code, which CI installs from the change. When the base has no ``scoring/`` (a
records-only repository) or its tree equals the working tree's, the running code scores
both sides in this process.

Figures are compared as the canonical JSON a seal hashes (``published.sealed_data``,
§4), so two versions of the code that print the same numbers agree.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from scoring import model
from scoring.published import dumps, month_rows, sealed_data, sealed_figures
from scoring.results import score

TIMEOUT_SECONDS = 600  # a runaway base, not a measure: a ten-year archive scores in seconds
FAILED_IMPORT = 97  # the bootstrap's exit status when the base's package is not the one run

# Runs the base's package from CODE (argv[1]) in an isolated interpreter (-I: neither
# PYTHONPATH nor the user's site), so the installed kaoping cannot stand in for it.
_BOOTSTRAP = f"""\
import os, runpy, sys
code = os.path.realpath(sys.argv.pop(1))
sys.path.insert(0, code)
import scoring
if not os.path.realpath(scoring.__file__).startswith(code + os.sep):
    sys.stderr.write("scoring: " + scoring.__file__ + "\\n")
    sys.exit({FAILED_IMPORT})
runpy.run_module("scoring", run_name="__main__", alter_sys=True)
"""

Figures = dict[str, str | None]  # closed month -> its figures' fingerprint (None: no month)


class BaseCodeError(Exception):
    """The base's code could not score the base's records: how it ended, and its last word."""

    def __init__(self, status: str, detail: str) -> None:
        super().__init__(status, detail)
        self.status = status
        self.detail = detail


def canonical(figures: dict[str, object]) -> str:
    """The fingerprint of a month's figures: the SHA-256 of the canonical JSON a seal
    hashes (``sealing.figures_hash``), so equal figures by any code give equal prints."""
    return hashlib.sha256(dumps(figures, canonical=True).encode("utf-8")).hexdigest()


def figures_here(records: model.Records, months: list[str]) -> Figures:
    """The months' figures computed by the running code."""
    results = score(records)
    found: Figures = {}
    for month in months:
        result = results.month(month)
        found[month] = canonical(sealed_figures(month_rows(result))) if result else None
    return found


def figures_of_json(text: str, months: list[str]) -> Figures:
    """The months' figures from the text of ``score --format json``."""
    data = json.loads(text, parse_float=Decimal)
    by_month = {m["month"]: m for m in data["months"]}
    return {
        month: canonical(sealed_data(by_month[month])) if month in by_month else None
        for month in months
    }


def figures_with_code(code: Path, records: Path, months: list[str]) -> Figures:
    """The months' figures computed by the package in ``code`` (its parent folder holds
    ``scoring/``), in a child interpreter; ``BaseCodeError`` when it cannot."""
    command = [
        sys.executable, "-I", "-c", _BOOTSTRAP, str(code),
        "score", "--format", "json", "--records", str(records),
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            cwd=code,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BaseCodeError(f"> {TIMEOUT_SECONDS} s", "") from None
    except OSError as exc:
        raise BaseCodeError("-", exc.strerror or str(exc)) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BaseCodeError(str(done.returncode), lines[-1] if lines else "")
    try:
        return figures_of_json(done.stdout.decode("utf-8"), months)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaseCodeError("0", type(exc).__name__) from None
