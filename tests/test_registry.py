"""The rule registry: every rule registered once, every code owned, no rule raising a
code it does not declare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hostile
import pytest
import test_checks
from conftest import BASE, EXAMPLE, write_tree

from scoring import checks
from scoring.checks import REGISTRY, SCOPES, Rule, rules_of
from scoring.checks.context import Context
from scoring.codes import STAGES, owners
from scoring.messages import PROBLEMS
from scoring.records import read_records

MODULES = [
    checks.organisation,
    checks.rewards,
    checks.months,
    checks.targets,
    checks.assessments,
    checks.inspections,
    checks.ratings,
    checks.bonuses,
    checks.completeness,
    checks.evidence,
    checks.services,
    checks.appeals,
]


def test_every_rule_is_registered_once() -> None:
    listed = [rule for module in MODULES for rule in module.RULES]
    assert all(isinstance(rule, Rule) for rule in listed)
    assert list(REGISTRY) == listed
    ids = [rule.id for rule in REGISTRY]
    assert len(ids) == len(set(ids)), ids
    assert sorted(rule.id for scope in SCOPES for rule in rules_of(scope)) == sorted(ids)
    assert all(rule.doc and rule.codes for rule in REGISTRY)


def test_every_code_is_owned_and_every_owned_code_is_in_the_catalogue() -> None:
    catalogue = set(PROBLEMS["en"])
    owned = owners()
    assert set(owned) == catalogue, set(owned) ^ catalogue
    assert set(PROBLEMS["zh"]) == catalogue


def test_a_code_of_a_stage_is_no_rules() -> None:
    """Reading, seals, tracking and the lock raise codes of their own (``out-of-range`` is
    the one a file's format and a contract's terms share)."""
    declared = {code for rule in REGISTRY for code in rule.codes}
    for stage, codes in STAGES.items():
        assert codes & declared <= {"out-of-range"}, stage


def _raised_within_declared(root: Path) -> int:
    """Every rule over the records at ``root``: the codes it raises are those it declares."""
    records = read_records(root).records
    context = Context(records)
    raised = 0
    for rule in REGISTRY:
        for problem in rule(context):
            assert problem.code in rule.codes, (rule.id, problem.code, problem.pos)
            raised += 1
    return raised


@pytest.mark.parametrize(
    "files",
    [c[1] for c in test_checks.CASES + test_checks.ORG_CASES],
    ids=[c[0] for c in test_checks.CASES + test_checks.ORG_CASES],
)
def test_check_cases_raise_only_declared_codes(files: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path / "records"
    write_tree(root, {**BASE, **files})
    _raised_within_declared(root)


def test_corpus_and_example_raise_only_declared_codes(tmp_path: Path) -> None:
    assert _raised_within_declared(EXAMPLE) == 0
    for number, case in enumerate(hostile.cases()):
        root = hostile.build(case, tmp_path / str(number))
        _raised_within_declared(root)
