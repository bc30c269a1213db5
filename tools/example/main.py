"""The command: generate the example into a folder, seal it, check it, print a summary."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from .checking import check
from .generation import generate
from .output import Output, replaceable
from .sealing import seal_closed_months

REPOSITORY = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--output",
        type=Path,
        default=REPOSITORY / "records",
        help="the records folder to write (replaced; default: the repository's records/)",
    )
    args = parser.parse_args(argv)
    root = args.output.resolve()
    if not replaceable(root):
        parser.error(f"{args.output} is not empty and holds no example: not replacing it")
    output = Output(root)
    generate(output)
    seal_closed_months(root)
    counts = check(root)
    print_summary(output, counts)
    return 0


def file_kind(relative: tuple[str, ...]) -> str:
    """``2026-03/targets/admin.yaml`` -> ``YYYY-MM/targets/`` (what the summary counts)."""
    if len(relative) == 1:
        return relative[0]
    if relative[0] in ("appeals", "services", "routine"):
        return relative[0] + "/"
    if relative[1] == "month.yaml":
        return "YYYY-MM/month.yaml"
    if relative[1] == "evidence":
        return "YYYY-MM/evidence/*" + Path(relative[-1]).suffix
    return "YYYY-MM/" + relative[1] + "/"


def print_summary(output: Output, counts: dict[str, int]) -> None:
    kinds = Counter(file_kind(path.relative_to(output.root).parts) for path in output.written)
    for kind in sorted(kinds):
        print(f"{kind:40} {kinds[kind]}")
    print(f"{'total files (before the seals)':40} {len(output.written)}")
    for name in sorted(counts):
        print(f"{name:40} {counts[name]}")
