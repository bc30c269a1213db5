"""Hostile and broken input: every case of ``tests/corpus`` is refused, located, and bounded.

Each case runs the real command line, ``kaoping validate``, in a child process with an
address-space limit of 1 GiB and a timeout of 30 s (guards against runaway, not
timings: ``benchmarks/hostile.py`` measures). It must exit 1, print the case's problem
at its path, line and column, print no traceback, and show nothing it read outside
the records folder.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import hostile
import pytest
import test_checks
import test_mistakes

from scoring.messages import PROBLEMS

REPO = Path(__file__).resolve().parent.parent
CASES = hostile.cases()

# Codes that ``kaoping validate`` cannot report: the closed-month lock's (``check-lock``),
# and a missing records folder, which the command line refuses as a usage error (exit 2).
LOCK_CODES = {
    "closed-month-changed",
    "closed-item-changed",
    "closed-seal-changed",
    "closed-figures-moved",
    "closed-figures-by-rules",
    "status-backwards",
    "month-date-changed",
    "closed-appeal-window-changed",
    "contract-terms-changed",
    "decided-appeal-changed",
    "pending-appeal-changed",
    "appeal-deleted",
    "lock-appeal-late",
    "lock-review-late",
    "base-code-failed",
    "maintainer-review",
    "closed-year-rewards-moved",
}
NOT_VALIDATION = LOCK_CODES | {"no-records"}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_is_refused_with_a_located_problem(case: hostile.Case, tmp_path: Path) -> None:
    root = hostile.build(case, tmp_path)
    result = hostile.run_validate(root, case.strict)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    assert result.returncode == 1, output[-3000:]
    assert hostile.located(result.stdout, case), (case.expected(), result.stdout[:3000])
    found = hostile.shown_problems(result.stdout)
    if case.counts:  # a flood of problems: every one of them, counted by code
        assert Counter(problem[4] for problem in found) == case.counts
    else:
        assert found == case.every_problem()
    assert "root:x:0:0" not in output  # /etc/passwd, which some cases link to, stays unread


def test_corpus_cases_are_small_and_text() -> None:
    """What is committed is small text; binary and huge inputs are generated at test time."""
    for path in (REPO / "tests/corpus").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert len(data) < 4096, path
            assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data), path
            data.decode("utf-8")


def test_every_validation_code_has_a_case() -> None:
    """Each problem ``validate`` can report has a located case: here, in ``test_checks``
    or in ``test_mistakes``."""
    covered = {case.code for case in CASES}
    for case in test_checks.CASES + test_checks.SERVICE_CASES + test_checks.ORG_CASES:
        expected = case[2] if isinstance(case[2], list) else [case[2]]
        covered |= {problem[3] for problem in expected}
    covered |= {problem[4] for case in test_mistakes.CASES for problem in case[2]}
    codes = set(PROBLEMS["en"]) - NOT_VALIDATION
    assert sorted(codes - covered) == []


def test_lock_codes_come_from_check_lock_only() -> None:
    lock = "".join(p.read_text(encoding="utf-8") for p in (REPO / "scoring/lock").glob("*.py"))
    assert all(f'"{code}"' in lock for code in LOCK_CODES)
    for path in (REPO / "scoring").rglob("*.py"):
        if path.name != "messages.py" and path.parent.name not in ("labels", "lock"):
            text = path.read_text(encoding="utf-8")
            assert not any(f'"{code}"' in text for code in LOCK_CODES), path
