"""Rules for evidence files: photos (and scanned PDFs) that are what they claim, of sane size.

A photo's pixel size is judged from what its header declares (``records.declared_size``),
before anything decodes it: a few kilobytes can declare a picture that takes gigabytes.
"""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import EVIDENCE_TYPES, Context
from scoring.checks.rule import MONTH, rule
from scoring.problems import Pos, Problem, error
from scoring.records import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PIXELS


@rule(
    MONTH,
    "evidence-content",
    "evidence-outside",
    "evidence-too-large",
    "evidence-type",
    "photo-too-large",
)
def evidence_files(context: Context) -> Iterator[Problem]:
    """Each file in evidence/ is an image or PDF its content confirms, at most 5 MiB, and a
    photo declares at most 24 megapixels."""
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
            elif evidence.pixels and evidence.pixels[0] * evidence.pixels[1] > EVIDENCE_MAX_PIXELS:
                width, height = evidence.pixels
                yield error(
                    pos,
                    "photo-too-large",
                    name=name,
                    width=width,
                    height=height,
                    megapixels=f"{width * height / 1_000_000:.1f}",
                    limit=EVIDENCE_MAX_PIXELS // 1_000_000,
                )


RULES = [evidence_files]
