"""Seals (DESIGN.md §4): a month's fingerprint of inputs and figures, chained month to month.

``compute_seal`` hashes the month's input listing (``sha256sum`` style) and the
canonical JSON of its figures, and chains them to the seal of the month before.
``check_seals`` recomputes every stored seal's figures: figures that moved are an
error naming the month and what moved; a broken chain is a warning; inputs that
changed while the figures stayed are fine (``kaoping seal`` reports them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import model
from scoring.exports import dumps, month_data
from scoring.model import add_months
from scoring.problems import Problem, error, warning
from scoring.results import MonthResult, Results

ALGORITHM = "sha256"
DEPARTMENT_FIGURES = (
    "department", "complete", "business", "public", "indicator", "leader",
    "deductions", "bonus", "total", "grade", "rank",
)  # fmt: skip
SERVICE_FIGURES = (
    "contract", "complete", "deductions", "score", "share", "fee", "payable", "withheld",
    "notice",
)  # fmt: skip


@dataclass(frozen=True)
class MonthSeal:
    month: str
    previous: str | None
    inputs: str
    figures: str
    seal: str
    departments: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]
    listing: str  # the input listing that `inputs` hashes

    def yaml_text(self) -> str:
        """seal.yaml as written by ``kaoping seal --write``."""
        lines = [
            f"algorithm: {ALGORITHM}",
            f"previous: {self.previous or 'null'}",
            f"inputs: {self.inputs}",
            f"figures: {self.figures}",
            f"seal: {self.seal}",
        ]
        lines.append("departments:" + ("" if self.departments else " {}"))
        for key, values in self.departments.items():
            lines.append(f"  {key}: {_flow(values)}")
        if self.services:
            lines.append("services:")
            for key, values in self.services.items():
                lines.append(f"  {key}: {_flow(values)}")
        return "\n".join(lines) + "\n"


def _flow(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {dumps(v)}" for k, v in values.items()) + "}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_listing(root: Path, records: model.Records, month: str) -> str:
    """``HEX  PATH`` lines, sorted by path, of every file the month's figures rest on.

    The files come from the reader's listing (``records.present``): one walk of the
    tree serves every sealed month. Record files are hashed as the reader read them
    (``records.digests``), so shared files are hashed once, not once per month; other
    files (evidence) are read here.
    """
    appeals = {f"appeals/{stem}.yaml" for stem, a in records.appeals.items() if a.month == month}
    folder, seal = f"{month}/", f"{month}/seal.yaml"
    paths = [
        path
        for path in records.present
        if path in ("org.yaml", "indicators.yaml", "bonus-rules.yaml")
        or path.startswith("services/")
        or (path.startswith(folder) and path != seal)
        or path in appeals
    ]
    digests = records.digests
    return "".join(
        f"{digests.get(p) or sha256_hex((root / p).read_bytes())}  {p}\n" for p in sorted(paths)
    )


def month_figures(month: MonthResult) -> dict[str, Any]:
    """The figures a seal covers, in ``score``'s order (§4)."""
    return figures_of_data(month_data(month))


def figures_of_data(data: dict[str, Any]) -> dict[str, Any]:
    """The figures a seal covers, from one month of ``score --format json``."""
    figures: dict[str, Any] = {
        "month": data["month"],
        "departments": [{k: d[k] for k in DEPARTMENT_FIGURES} for d in data["departments"]],
    }
    if data.get("services"):
        figures["services"] = [{k: s[k] for k in SERVICE_FIGURES} for s in data["services"]]
    return figures


def figures_hash(month: MonthResult) -> str:
    return sha256_hex(dumps(month_figures(month), canonical=True).encode("utf-8"))


def compute_seal(root: Path, records: model.Records, results: Results, month: str) -> MonthSeal:
    listing = input_listing(root, records, month)
    return _month_seal(records, results, month, listing)


def recompute_figures(records: model.Records, results: Results, month: str) -> MonthSeal:
    """``compute_seal`` without the inputs (empty ``inputs``, ``seal`` and ``listing``):
    all that ``seal_problems`` compares, with no file read or hashed."""
    return _month_seal(records, results, month, None)


def _month_seal(
    records: model.Records, results: Results, month: str, listing: str | None
) -> MonthSeal:
    result = results.month(month)
    assert result is not None
    before = records.months.get(add_months(month, -1))
    previous = before.seal.seal if before and before.seal else None
    figures = figures_hash(result)
    departments, services = readable_figures(result)
    if listing is None:
        return MonthSeal(month, previous, "", figures, "", departments, services, "")
    inputs = sha256_hex(listing.encode("utf-8"))
    seal = sha256_hex(f"{previous or 'null'}\n{inputs}\n{figures}\n".encode())
    return MonthSeal(month, previous, inputs, figures, seal, departments, services, listing)


def readable_figures(result: MonthResult) -> tuple[dict[str, Any], dict[str, Any]]:
    """The readable copy of the figures seal.yaml keeps: departments, services."""
    departments = {
        d.department: {"total": d.total, "grade": d.grade, "rank": d.rank}
        for d in result.departments
    }
    services = {s.contract: {"score": s.score, "payable": s.payable} for s in result.services}
    return departments, services


def _moved(stored: model.Seal, fresh: MonthSeal) -> str:
    """Which figures moved, as ``id.figure old→new`` (from the readable copy in seal.yaml)."""
    moved = []
    for group_stored, group_fresh in (
        (stored.departments, fresh.departments),
        (stored.services, fresh.services),
    ):
        for key in sorted(set(group_stored) | set(group_fresh)):
            old, new = group_stored.get(key, {}), group_fresh.get(key, {})
            for figure in sorted(set(old) | set(new)):
                before, after = old.get(figure), new.get(figure)
                if dumps(before) != dumps(after):
                    moved.append(f"{key}.{figure} {dumps(before)}→{dumps(after)}")
    return ", ".join(moved) or "-"


def check_seals(root: Path, records: model.Records, results: Results) -> Iterator[Problem]:
    """Stored seals against a recomputation: figures that moved, broken chains, bad hashes."""
    for month, month_records in records.months.items():
        stored = month_records.seal
        if stored is None:
            continue
        yield from seal_problems(month, stored, recompute_figures(records, results, month))


def seal_problems(month: str, stored: model.Seal, fresh: MonthSeal) -> Iterator[Problem]:
    """A stored seal against the fresh one (its inputs digest and listing are not compared)."""
    own = sha256_hex(f"{stored.previous or 'null'}\n{stored.inputs}\n{stored.figures}\n".encode())
    if own != stored.seal:
        yield error(stored.pos("seal"), "seal-hash", month=month)
    if stored.figures != fresh.figures:
        yield error(stored.pos("figures"), "seal-figures", month=month, moved=_moved(stored, fresh))
    if stored.previous != fresh.previous:
        yield warning(stored.pos("previous"), "seal-chain", month=month)


@dataclass(frozen=True)
class SealReport:
    """What ``kaoping seal`` prints about a month."""

    fresh: MonthSeal
    stored: model.Seal | None

    @property
    def state(self) -> str:
        if self.stored is None:
            return "unsealed"
        if self.stored.figures != self.fresh.figures:
            return "figures-changed"
        if self.stored.inputs != self.fresh.inputs:
            return "inputs-changed"
        if self.stored.previous != self.fresh.previous or self.stored.seal != self.fresh.seal:
            return "chain-changed"
        return "matches"
