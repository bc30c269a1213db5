"""Seals (DESIGN.md §4): a month's fingerprint of inputs and figures, chained month to month.

``month_seal`` hashes the month's input listing (``sha256sum`` style) and the canonical
JSON of its figures (``published.sealed_figures``), and chains them to the seal of the
month before. ``seal_problems`` compares a stored seal with today's figures: figures
that moved are an error naming the month and what moved; a broken chain is a warning;
inputs that changed while the figures stayed are fine (``kaoping seal`` reports them).
The engine checks every stored seal this way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scoring import model
from scoring.model import add_months
from scoring.problems import Problem, error, warning
from scoring.published import (
    SEALED_DEPARTMENT_KEYS,
    SEALED_SERVICE_KEYS,
    MonthRows,
    dumps,
    sealed_figures,
)
from scoring.sources import Source

if TYPE_CHECKING:
    from scoring.engine import Engine

ALGORITHM = "sha256"
DEPARTMENT_FIGURES = SEALED_DEPARTMENT_KEYS
SERVICE_FIGURES = SEALED_SERVICE_KEYS
CODES = frozenset(("seal-chain", "seal-figures", "seal-hash"))  # what ``seal_problems`` raises


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


def input_paths(
    present: Iterable[str], appeals: Mapping[str, model.Appeal], month: str
) -> list[str]:
    """Every file the month's figures rest on (§4), sorted: the rules, the contracts, the
    month's folder but seal.yaml, and the appeals about the month."""
    about = {f"appeals/{stem}.yaml" for stem, appeal in appeals.items() if appeal.month == month}
    folder, seal = f"{month}/", f"{month}/seal.yaml"
    return sorted(
        path
        for path in present
        if path in ("org.yaml", "indicators.yaml", "bonus-rules.yaml")
        or path.startswith("services/")
        or (path.startswith(folder) and path != seal)
        or path in about
    )


def file_sha256(source: Source, path: str) -> str:
    """The SHA-256 of a file's bytes as the source holds them (empty when unreadable)."""
    return source.sha256(path) or sha256_hex(b"")


def input_listing(source: Source, paths: Iterable[str]) -> str:
    """``HEX  PATH`` lines, as ``sha256sum`` prints them, of ``paths`` (sorted)."""
    return "".join(f"{file_sha256(source, path)}  {path}\n" for path in sorted(paths))


def figures_hash(month: MonthRows) -> str:
    return sha256_hex(dumps(sealed_figures(month), canonical=True).encode("utf-8"))


def month_seal(month: MonthRows, previous: str | None, listing: str | None = None) -> MonthSeal:
    """A month's seal from its figures and the seal before; without ``listing``, only what
    ``seal_problems`` compares (empty ``inputs``, ``seal`` and ``listing``)."""
    figures = figures_hash(month)
    departments, services = readable_figures(month)
    if listing is None:
        return MonthSeal(month.month, previous, "", figures, "", departments, services, "")
    inputs = sha256_hex(listing.encode("utf-8"))
    seal = sha256_hex(f"{previous or 'null'}\n{inputs}\n{figures}\n".encode())
    return MonthSeal(month.month, previous, inputs, figures, seal, departments, services, listing)


def readable_figures(month: MonthRows) -> tuple[dict[str, Any], dict[str, Any]]:
    """The readable copy of the figures seal.yaml keeps: departments, services."""
    departments = {
        d["department"]: {"total": d["total"], "grade": d["grade"], "rank": d["rank"]}
        for d in month.departments
    }
    services = {
        s["contract"]: {"score": s["score"], "payable": s["payable"]} for s in month.services
    }
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


def seal_problems(month: str, stored: model.Seal, fresh: MonthSeal) -> Iterator[Problem]:
    """A stored seal against the fresh one (its inputs digest and listing are not compared)."""
    own = sha256_hex(f"{stored.previous or 'null'}\n{stored.inputs}\n{stored.figures}\n".encode())
    if own != stored.seal:
        yield error(stored.pos("seal"), "seal-hash", month=month)
    if stored.figures != fresh.figures:
        yield error(stored.pos("figures"), "seal-figures", month=month, moved=_moved(stored, fresh))
    if stored.previous != fresh.previous:
        yield warning(stored.pos("previous"), "seal-chain", month=month)


def month_seal_of(engine: Engine, month: str) -> MonthSeal:
    """The month's seal as ``kaoping seal`` prints and writes it: its input listing read
    from the engine's source, its figures from the engine, chained to the month before."""
    evaluation = engine.evaluation()
    paths = input_paths(evaluation.present, evaluation.shared.appeals, month)
    before = evaluation.summaries.get(add_months(month, -1))
    previous = before.seal.seal if before is not None and before.seal is not None else None
    return month_seal(engine.month_figures(month), previous, input_listing(engine.source, paths))


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
