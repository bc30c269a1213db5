"""Rules for evidence files: photos (and scanned PDFs) that are what they claim, of sane size."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, Context
from scoring.checks.rule import MONTH, rule
from scoring.problems import Pos, Problem, error


@rule(MONTH, "evidence-content", "evidence-outside", "evidence-too-large", "evidence-type")
def evidence_files(context: Context) -> Iterator[Problem]:
    """Each file in evidence/ is an image or PDF its content confirms, at most 5 MiB."""
    for month in context.months():
        for name, evidence in month.evidence.items():
            pos = Pos(f"{month.month}/evidence/{name}")
            if evidence.outside:
                yield error(pos, "evidence-outside", name=name)
                continue
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            expected = EVIDENCE_TYPES.get(extension)
            if expected is None:
                yield error(pos, "evidence-type", name=name, allowed=", ".join(EVIDENCE_TYPES))
            elif evidence.content != expected:
                yield error(pos, "evidence-content", name=name, expected=expected)
            if evidence.size > EVIDENCE_MAX_BYTES:
                yield error(
                    pos,
                    "evidence-too-large",
                    name=name,
                    size=evidence.size,
                    limit=EVIDENCE_MAX_BYTES,
                )


RULES = [evidence_files]
