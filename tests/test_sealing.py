"""Seals: an independent recomputation, figures that move, inputs that change, the chain."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

OCTOBER = {
    "2026-10/month.yaml": "status: closed\nmeeting: 2026-11-03\npublished: 2026-11-05\nclosed: 2026-11-20\n",
    "2026-10/targets/admin.yaml": "items:\n  - {id: K1, kind: key, title: 方案, standard: 通过, deadline: 2026-10-25, owner: zhao, weight: 80}\n",
    "2026-10/targets/security.yaml": "items:\n  - {id: K1, kind: key, title: 消防, standard: 全覆盖, deadline: 2026-10-20, owner: qian, weight: 80}\n",
    "2026-10/assessments/admin.yaml": "assessor: wang\nitems: {K1: {score: 80}}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n",
    "2026-10/assessments/security.yaml": "assessor: wang\nitems: {K1: {score: 79, reason: 迟报}}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n",
    "2026-10/ratings/chen.yaml": "scores: {admin: 90, security: 89.5}\n",
    "2026-10/ratings/liu.yaml": "scores: {admin: 91, security: 90}\n",
}


def kaoping(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def sealed(make_records: Callable[..., Path]) -> Path:
    root = make_records(OCTOBER)
    for month in ("2026-10", "2026-11"):
        result = kaoping("seal", month, "--write", "--records", str(root))
        assert result.returncode == 0, result.stderr
    return root


def independent_seal(root: Path, month: str, previous: str | None) -> str:
    """The seal of DESIGN §4 computed from scratch: sha256sum listing and canonical JSON."""
    paths = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and (
            p.relative_to(root).as_posix() in ("org.yaml", "indicators.yaml", "bonus-rules.yaml")
            or p.relative_to(root).as_posix().startswith(("services/", f"{month}/"))
        )
        and p.name != "seal.yaml"
    )
    listing = "".join(
        f"{hashlib.sha256((root / p).read_bytes()).hexdigest()}  {p}\n" for p in paths
    )
    inputs = hashlib.sha256(listing.encode()).hexdigest()
    results = json.loads(kaoping("score", "--format", "json", "--records", str(root)).stdout)
    month_result = next(m for m in results["months"] if m["month"] == month)
    keys = [
        "department",
        "complete",
        "business",
        "public",
        "indicator",
        "leader",
        "deductions",
        "bonus",
        "total",
        "grade",
        "rank",
    ]
    figures = {
        "month": month,
        "departments": [{k: d[k] for k in keys} for d in month_result["departments"]],
    }
    text = json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    figures_hash = hashlib.sha256(text.encode()).hexdigest()
    return hashlib.sha256(f"{previous or 'null'}\n{inputs}\n{figures_hash}\n".encode()).hexdigest()


def stored(root: Path, month: str, key: str) -> str:
    for line in (root / month / "seal.yaml").read_text().splitlines():
        if line.startswith(f"{key}: "):
            return line.split(": ", 1)[1]
    raise AssertionError(key)


def test_seal_matches_an_independent_recomputation(sealed: Path) -> None:
    october = independent_seal(sealed, "2026-10", None)
    assert stored(sealed, "2026-10", "seal") == october
    assert stored(sealed, "2026-11", "previous") == october
    assert stored(sealed, "2026-11", "seal") == independent_seal(sealed, "2026-11", october)
    assert kaoping("validate", "--records", str(sealed)).returncode == 0


def test_moved_figures_fail_validation(sealed: Path) -> None:
    (sealed / "2026-10/ratings/chen.yaml").write_text("scores: {admin: 80, security: 89.5}\n")
    result = kaoping("validate", "--records", str(sealed))
    assert result.returncode == 1
    assert "records/2026-10/seal.yaml:4:10: error:" in result.stdout
    assert "admin.total" in result.stdout and "[seal-figures]" in result.stdout
    assert kaoping("seal", "2026-10", "--records", str(sealed)).returncode == 1


def test_changed_inputs_with_same_figures_are_fine(sealed: Path) -> None:
    org = (sealed / "org.yaml").read_text()
    (sealed / "org.yaml").write_text(
        org.replace("people:\n", "people:\n- {id: xu, name: 徐静, roles: [office]}\n", 1)
    )
    assert kaoping("validate", "--records", str(sealed)).returncode == 0
    result = kaoping("seal", "2026-10", "--records", str(sealed))
    assert result.returncode == 0
    assert "inputs changed, figures unchanged" in result.stdout


def test_reseal_breaks_the_chain_until_the_next_month_is_resealed(sealed: Path) -> None:
    seal = (sealed / "2026-10/seal.yaml").read_text()
    (sealed / "2026-10/seal.yaml").write_text(
        seal.replace(stored(sealed, "2026-10", "inputs"), "a" * 64).replace(
            stored(sealed, "2026-10", "seal"), "f" * 64
        )
    )
    result = kaoping("validate", "--records", str(sealed))
    assert "[seal-chain]" in result.stdout  # November's previous no longer matches
    assert "[seal-hash]" in result.stdout  # October's seal is not its own hash


def test_the_checked_seal_equals_the_written_one(sealed: Path) -> None:
    """What validation compares (figures, chain) is what ``kaoping seal --write`` wrote."""
    from conftest import engine_of

    from scoring.sealing import input_listing, input_paths, month_seal, month_seal_of

    engine = engine_of(sealed)
    full = month_seal_of(engine, "2026-10")
    assert full.seal == stored(sealed, "2026-10", "seal")
    evaluation = engine.evaluation()
    paths = input_paths(evaluation.present, evaluation.shared.appeals, "2026-10")
    assert all(path in evaluation.present for path in paths)
    listing = input_listing(engine.source, paths)
    assert listing == full.listing
    for line in listing.splitlines():
        digest, path = line.split("  ", 1)
        assert digest == hashlib.sha256((sealed / path).read_bytes()).hexdigest()
    checked = month_seal(engine.month_figures("2026-10"), full.previous)
    assert (checked.previous, checked.figures, checked.departments, checked.services) == (
        full.previous, full.figures, full.departments, full.services,
    )  # fmt: skip
    assert (checked.inputs, checked.seal, checked.listing) == ("", "", "")
