"""Which part of kaoping raises each problem code: the docs list it, a test keeps it whole.

Every code of the message catalogue is raised by reading (``records.CODES``: the
loader, the formats, the reader), by one or more validation rules (``checks.REGISTRY``,
each rule declaring its codes), by the seal check (``sealing.CODES``), by what git
tracks (``tracking.CODES``) or by the closed-month lock (``lock.rules.CODES``).
Generic codes such as ``duplicate-id`` or ``unknown-department`` are raised by the rule
of each record kind they occur in, under one stable code.
"""

from __future__ import annotations

from scoring import records, sealing, tracking
from scoring.checks import REGISTRY
from scoring.lock.rules import CODES as LOCK_CODES

STAGES = {
    "reading": records.CODES,
    "seals": sealing.CODES,
    "tracking": tracking.CODES,
    "check-lock": LOCK_CODES,
}


def owners() -> dict[str, list[str]]:
    """Code -> what raises it: ``rule:ID`` for a validation rule, else a stage's name."""
    found: dict[str, list[str]] = {}
    for rule in REGISTRY:
        for code in sorted(rule.codes):
            found.setdefault(code, []).append(f"rule:{rule.id}")
    for stage, codes in STAGES.items():
        for code in sorted(codes):
            found.setdefault(code, []).append(stage)
    return found
