"""Writing the whole example: the shared records, then inspections (they name target
items), then month by month its status, targets, assessments, ratings, claims and
service checks, then the appeals.

The order matters only for the list of files written (each random choice has its own
seeded generator): targets come first because findings on targets change the marks.
"""

from __future__ import annotations

import shutil

from .appeals import write_appeals
from .assessments import build_assessment, write_assessment
from .bonuses import write_bonus_rules, write_claims
from .inspections import write_inspections
from .months import ASSESSED_SO_FAR, ASSESSING_MONTH, MONTHS, raters, rotation, write_month_info
from .organisation import departments_in, write_indicators, write_org
from .output import Output
from .ratings import build_ratings, write_ratings
from .services import CONTRACTS, write_contract, write_service_months
from .targets import build_targets, write_routine, write_targets


def generate(output: Output) -> None:
    """Delete ``output.root`` and write the example into it."""
    if output.root.exists():
        shutil.rmtree(output.root)
    output.root.mkdir(parents=True)
    write_org(output)
    write_indicators(output)
    write_bonus_rules(output)
    write_routine(output)
    for contract in CONTRACTS:
        write_contract(output, contract)

    targets = {
        (department, month): build_targets(department, month)
        for month in MONTHS
        for department in departments_in(month)
    }
    target_hits = write_inspections(output, targets)

    overseers = rotation()
    appealed_check = None
    for month in MONTHS:
        write_month_info(output, month, overseers[month])
        for department in departments_in(month):
            items = targets[(department, month)]
            write_targets(output, month, department, items)
            if month == ASSESSING_MONTH and department not in ASSESSED_SO_FAR:
                continue
            assessment = build_assessment(department, month, items, target_hits)
            write_assessment(output, month, department, assessment)
        for leader in raters(month):
            write_ratings(output, month, leader, build_ratings(leader, month))
        write_claims(output, month)
        appealed_check = write_service_months(output, month) or appealed_check
    assert appealed_check, "no service check is planned for an appeal"
    write_appeals(output, appealed_check)
