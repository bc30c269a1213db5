"""History from a real git repository: one pass, renames followed, pull requests recognised."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from gitrepo import commit_all, git, init

from scoring.history import read_history


def test_no_repository(make_records: Callable[..., Path]) -> None:
    history = read_history(make_records())
    assert not history.available
    assert history.reason == "no-repository"


def test_changes_merges_squashes_and_renames(
    tmp_path: Path, make_records: Callable[..., Path]
) -> None:
    root = make_records()
    repo = tmp_path
    init(repo)
    commit_all(repo, "Initial records", date="2026-12-01T09:00:00+08:00")
    assessment = root / "2026-11/assessments/admin.yaml"

    # A pull request merged with a merge commit.
    git(repo, "checkout", "-q", "-b", "appeal")
    assessment.write_text(
        assessment.read_text(encoding="utf-8").replace("延期2天", "延期2天(已核实)"),
        encoding="utf-8",
    )
    commit_all(repo, "Amend reason", author="李娜")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "appeal", "-m", "Merge pull request #7 from example/appeal")

    # A squashed pull request.
    (root / "2026-11/targets/security.yaml").write_text(
        (root / "2026-11/targets/security.yaml")
        .read_text(encoding="utf-8")
        .replace("全覆盖", "全覆盖无遗漏"),
        encoding="utf-8",
    )
    commit_all(repo, "Clarify standard (#9)")

    # A rename.
    git(repo, "mv", "records/2026-11/ratings/liu.yaml", "records/2026-11/ratings/liu2.yaml")
    commit_all(repo, "Rename ratings file")

    history = read_history(root)
    assert history.available and not history.shallow

    changes = history.of("2026-11/assessments/admin.yaml")
    assert [c.commit.pull_request for c in changes] == [7, None]
    assert changes[0].commit.subject.startswith("Merge pull request #7")
    assert changes[1].status == "A"

    squash = history.of("2026-11/targets/security.yaml")
    assert squash[0].commit.pull_request == 9

    renamed = history.of("2026-11/ratings/liu2.yaml")
    assert [c.status for c in renamed] == ["R", "A"]
    assert renamed[0].old_path == "2026-11/ratings/liu.yaml"
    assert renamed[1].path == "2026-11/ratings/liu.yaml"
    assert "2026-11/ratings/liu.yaml" not in history.changes


def test_shallow_clone_is_reported(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    make_records()
    init(tmp_path)
    commit_all(tmp_path, "one")
    (tmp_path / "records/2026-11/ratings/chen.yaml").write_text(
        "scores: {admin: 91, security: 88}\n"
    )
    commit_all(tmp_path, "two")
    clone = tmp_path.parent / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{tmp_path}", str(clone)], check=True
    )
    history = read_history(clone / "records")
    assert history.available and history.shallow
