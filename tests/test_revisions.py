"""A revision's records read from git's object database: attributes and links change nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gitrepo import commit_all, git, init

from scoring.revisions import LINK, RevisionError, blob_id, records_at, revision_at, work_entry


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    (root / "2026-11").mkdir(parents=True)
    (root / "org.yaml").write_text("unit: 测试局\n", encoding="utf-8")
    (root / "2026-11/month.yaml").write_text("status: closed\n", encoding="utf-8")
    (root / ".gitattributes").write_text(
        "2026-11/** export-ignore\norg.yaml filter=rewrite\n", encoding="utf-8"
    )
    (root / ".hidden").mkdir()
    (root / ".hidden/photo.jpg").write_bytes(b"\xff\xd8\xff")
    os.symlink("../.hidden/photo.jpg", root / "2026-11/photo.jpg")
    init(tmp_path)
    git(tmp_path, "config", "filter.rewrite.smudge", "sed s/测试局/别的局/")
    git(tmp_path, "config", "filter.rewrite.clean", "cat")
    commit_all(tmp_path, "Base")
    return root


def test_attributes_neither_hide_nor_change_a_file(repo: Path) -> None:
    with records_at(repo, "HEAD") as base:
        assert (base / "2026-11/month.yaml").read_text(encoding="utf-8") == "status: closed\n"
        assert (base / "org.yaml").read_text(encoding="utf-8") == "unit: 测试局\n"


def test_links_are_listed_by_their_target_never_followed(repo: Path) -> None:
    with revision_at(repo, "HEAD") as base:
        link = base.entries["2026-11/photo.jpg"]
        assert (link.mode, link.oid) == (LINK, blob_id(b"../.hidden/photo.jpg"))
        assert not (base.records / "2026-11/photo.jpg").exists()  # never written out
        assert ".hidden/photo.jpg" in base.entries and ".gitattributes" in base.entries
        assert work_entry(repo / "2026-11/photo.jpg") == link


def test_unknown_revision(repo: Path) -> None:
    for revision in ("no-such-branch", "--output=/tmp/x"):
        with pytest.raises(RevisionError), records_at(repo, revision):
            pass
