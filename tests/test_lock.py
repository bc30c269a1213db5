"""The closed-month lock on real git repositories."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gitrepo import commit_all, init

CLOSED = {
    "2026-11/month.yaml": "status: closed\nmeeting: 2026-12-03\noverseers: [chen, zhao]\n"
    "published: 2026-12-05\nclosed: 2026-12-20\n",
}
APPEAL = (
    "department: admin\nmonth: 2026-11\nsubject: 2026-11/assessments/admin.yaml#R1\n"
    "filed: 2026-12-06\ngrounds: 延期系外部审批所致\nstatus: {status}\ndecision: 经核实,恢复得分\n"
    "decided: 2026-12-09\n"
)
FULL_MARKS = (
    "assessor: wang\nitems: {K1: {score: 50}, R1: {score: 30}}\n"
    "public: {politics: {score: 10}, discipline: {score: 10}}\n"
)


def check_lock(records: Path, base: str = "HEAD") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", "check-lock", base, "--records", str(records)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def repo(tmp_path: Path, make_records: Callable[..., Path]) -> Path:
    root = make_records(CLOSED)
    init(tmp_path)
    commit_all(tmp_path, "Close 2026-11")
    return root


def test_unchanged_tree_passes(repo: Path) -> None:
    result = check_lock(repo)
    assert result.returncode == 0, result.stdout + result.stderr


def test_closed_month_changed_without_appeal_is_refused(repo: Path) -> None:
    (repo / "2026-11/assessments/admin.yaml").write_text(FULL_MARKS, encoding="utf-8")
    result = check_lock(repo)
    assert result.returncode == 1
    assert "records/2026-11/assessments/admin.yaml: error:" in result.stdout
    assert "[closed-month-changed]" in result.stdout
    assert "appeals/YYYY-NNN.yaml" in result.stdout


@pytest.mark.parametrize(("status", "code"), [("upheld", 0), ("partly-upheld", 0), ("rejected", 1)])
def test_appeal_in_the_same_change(repo: Path, status: str, code: int) -> None:
    (repo / "2026-11/assessments/admin.yaml").write_text(FULL_MARKS, encoding="utf-8")
    (repo / "appeals").mkdir()
    (repo / "appeals/2026-001.yaml").write_text(APPEAL.format(status=status), encoding="utf-8")
    assert check_lock(repo).returncode == code


def test_added_and_removed_files_are_refused(repo: Path) -> None:
    (repo / "2026-11/evidence").mkdir()
    (repo / "2026-11/evidence/new.jpg").write_bytes(b"\xff\xd8\xff")
    (repo / "2026-11/ratings/liu.yaml").unlink()
    result = check_lock(repo)
    assert result.returncode == 1
    assert "records/2026-11/evidence/new.jpg" in result.stdout
    assert "records/2026-11/ratings/liu.yaml" in result.stdout


def test_status_moving_backwards_is_refused(
    tmp_path: Path, make_records: Callable[..., Path]
) -> None:
    root = make_records()  # 2026-11 published
    init(tmp_path)
    commit_all(tmp_path, "Publish")
    (root / "2026-11/month.yaml").write_text(
        "status: assessing\nmeeting: 2026-12-03\n", encoding="utf-8"
    )
    result = check_lock(root)
    assert result.returncode == 1
    assert "[status-backwards]" in result.stdout


def test_open_month_may_change(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    root = make_records()
    init(tmp_path)
    commit_all(tmp_path, "Publish")
    (root / "2026-11/assessments/admin.yaml").write_text(FULL_MARKS, encoding="utf-8")
    assert check_lock(root).returncode == 0


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = check_lock(repo, "no-such-branch")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_rule_change_moving_closed_figures_is_refused(repo: Path) -> None:
    org = (repo / "org.yaml").read_text(encoding="utf-8")
    changed = org.replace("indicator: 0.7\n  leader: 0.3", "indicator: 0.6\n  leader: 0.4")
    assert changed != org
    (repo / "org.yaml").write_text(changed, encoding="utf-8")
    result = check_lock(repo)
    assert result.returncode == 1
    assert "[closed-figures-moved]" in result.stdout


def test_rule_change_from_a_later_month_is_allowed(repo: Path) -> None:
    org = (repo / "org.yaml").read_text(encoding="utf-8")
    versioned = org.replace(
        "weights:\n  business: 80\n  public: 20\n  indicator: 0.7\n  leader: 0.3\n",
        "weights:\n- from: 2026-11\n  value: {business: 80, public: 20, indicator: 0.7, leader: 0.3}\n"
        "- from: 2026-12\n  value: {business: 80, public: 20, indicator: 0.6, leader: 0.4}\n",
    )
    assert versioned != org
    (repo / "org.yaml").write_text(versioned, encoding="utf-8")
    result = check_lock(repo)
    assert result.returncode == 0, result.stdout
