"""History from a real git repository: one pass, renames followed, pull requests recognised."""

from __future__ import annotations

import os
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


ODD_NAMES = [
    "2026-11/evidence/单车棚 照片.jpg",  # Chinese and a space
    '2026-11/evidence/"quoted" it\'s.jpg',  # quotes
    "2026-11/evidence/tab\there.jpg",  # a tab
    "2026-11/evidence/new\nline.jpg",  # a newline
    "2026-11/evidence/back\\slash.jpg",  # a backslash
    "2026-11/evidence/\x1e\x1fmarks.jpg",  # the characters a log format might split on
    "2026-11/evidence/" + os.fsdecode(b"\xff\xfe.jpg"),  # bytes that are not UTF-8
]


def test_odd_file_names_are_neither_dropped_nor_garbled(
    tmp_path: Path, make_records: Callable[..., Path]
) -> None:
    """Names git quotes without -z (non-ASCII, quotes, tab, newline) keep their history."""
    root = make_records()
    init(tmp_path)
    commit_all(tmp_path, "Records")
    (root / "2026-11/evidence").mkdir()
    for number, name in enumerate(ODD_NAMES):
        (root / name).write_bytes(bytes([number]))
    commit_all(tmp_path, "Photos with odd names")
    renamed = '2026-11/evidence/改名 "后"\t.jpg'
    git(tmp_path, "mv", f"records/{ODD_NAMES[0]}", f"records/{renamed}")
    (root / ODD_NAMES[3]).write_bytes(b"changed")
    commit_all(tmp_path, 'Rename; a subject with \x1e and "quotes"')
    history = read_history(root)
    assert history.available
    for name in ODD_NAMES[1:]:
        assert history.of(name), name
        assert history.of(name)[-1].status == "A" and history.of(name)[-1].path == name
    assert [c.status for c in history.of(ODD_NAMES[3])] == ["M", "A"]
    followed = history.of(renamed)
    assert [(c.status, c.path, c.old_path) for c in followed] == [
        ("R", renamed, ODD_NAMES[0]),
        ("A", ODD_NAMES[0], None),
    ]
    assert ODD_NAMES[0] not in history.changes
    assert history.commits[0].subject == 'Rename; a subject with \x1e and "quotes"'
    assert len(history.commits) == 3
    on_disk = {p.relative_to(root).as_posix() for p in (root / "2026-11/evidence").iterdir()}
    assert on_disk <= set(history.changes)  # the names as Python lists them, exactly
