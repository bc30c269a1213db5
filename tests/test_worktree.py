"""A records folder in a git work tree, listed from git's word (``tracking.work_tree``).

Git has compared every tracked file's status with its index already; the engine takes
the index id of each file git vouches for and looks at the rest as the walk does. These
tests hold that listing to the walk's, path for path, on every case of the hostile
corpus committed to a repository and then disturbed (edits git has not staged, files
deleted, replaced by links or folders, added untracked, a nested repository); they
hold the engine's answers in a work tree to its answers when the folder is walked; and
they show that what git does not vouch for is read (an assume-unchanged edit) and that
a checkout git converts (line ends) is walked from then on.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Collection
from pathlib import Path

import hostile
import pytest
from conftest import REPO
from gitrepo import ENV, commit_all, git, init
from test_engine import CountingSource, edit, engine, shown

from scoring.engine import CONVERTED, Engine, Evaluation, store
from scoring.engine.store import open_store
from scoring.sources import FILE, OTHER, FolderSource, blob_id
from scoring.tracking import work_tree


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test signs its cache with its own key, in its own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def disturb(root: Path) -> list[str]:
    """What a working tree holds besides its last commit: an unstaged edit, a deletion,
    a file become a link and one become a folder, untracked files and folders (one a
    dot-folder), an untracked link to a folder, a repository inside. Returns the paths
    of the four tracked files disturbed."""
    files = sorted(p for p in root.rglob("*.yaml") if p.is_file() and not p.is_symlink())
    edited, deleted, linked, folded = files[0], files[1], files[2], files[3]
    edited.write_bytes(edited.read_bytes() + "# 改\n".encode())
    deleted.unlink()
    linked.unlink()
    linked.symlink_to(files[4].name)
    folded.unlink()
    (folded / "inside").mkdir(parents=True)
    (folded / "inside" / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "草稿.yaml").write_text("title: 草稿\n", encoding="utf-8")
    (root / "drafts" / "deep").mkdir(parents=True, exist_ok=True)
    (root / "drafts" / "deep" / "b.yaml").write_text("b: 2\n", encoding="utf-8")
    (root / ".drafts").mkdir()
    (root / ".drafts" / "c.yaml").write_text("c: 3\n", encoding="utf-8")
    (root / "elsewhere").symlink_to(root / "drafts", target_is_directory=True)
    inner = root / "inner"
    init(inner)
    (inner / "d.yaml").write_text("d: 4\n", encoding="utf-8")
    return [p.relative_to(root).as_posix() for p in (edited, deleted, linked, folded)]


def committed(case: hostile.Case, tmp_path: Path) -> Path:
    """The case's records committed to a new repository (what git can add)."""
    repo = tmp_path / "repo"
    root = hostile.build(case, repo)
    init(repo)
    subprocess.run(  # a name or a kind of file git cannot hold stays untracked
        ["git", "-C", str(repo), "add", "-A", "--ignore-errors"], env=ENV, capture_output=True
    )
    git(repo, "commit", "-q", "--allow-empty", "-m", "记录")
    return root


def walked(root: Path, tracked: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """The walk's listing, less what git cannot hold and does not track (a pipe, a
    socket: git lists no such file, and no commit can bring one)."""
    listing = FolderSource(root).listing()
    kinds = {p: e.kind for p, e in listing.entries.items()}
    return {p: k for p, k in kinds.items() if k != OTHER or p in tracked}, listing.linked_folders


@pytest.mark.parametrize("case", hostile.cases(), ids=lambda case: case.name)
def test_git_lists_what_the_walk_finds(case: hostile.Case, tmp_path: Path) -> None:
    root = committed(case, tmp_path)
    for stage in ("committed", "disturbed"):
        work = work_tree(root)
        assert work is not None
        source = FolderSource(root)
        listing = source.listing(work)
        assert ({p: e.kind for p, e in listing.entries.items()}, listing.linked_folders) == (
            walked(root, work.tracked)
        ), stage
        for path, file_id in source.vouched.items():  # every id git gave is the bytes' id
            assert listing.entries[path].kind == FILE
            assert file_id == blob_id((root / path).read_bytes()), path
        assert list(listing.entries) == sorted(listing.entries)
        if stage == "committed":
            disturb(root)


def test_a_disturbed_work_tree_lists_what_git_does_not_vouch_for(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    root = repo / "records"
    shutil.copytree(REPO / "records", root)
    init(repo)
    commit_all(repo, "记录")
    disturbed = disturb(root)
    work = work_tree(root)
    assert work is not None
    assert sorted(work.unsure) == sorted(disturbed)
    assert sorted(work.untracked) == sorted(
        [f"{disturbed[3]}/inside/a.yaml", "drafts/deep/b.yaml", "elsewhere", "inner/", "草稿.yaml"]
    )


def same_in_git_and_walked(root: Path) -> list[tuple[object, ...]]:
    """The engine in the work tree (no cache, cold, warm) and walked: the same problems."""
    plain = shown(list(engine(root, cache=False).evaluation().problems))
    cold = engine(root)
    assert shown(list(cold.evaluation().problems)) == plain
    assert isinstance(cold.source, FolderSource) and cold.source.vouched  # from git's word
    warm = engine(root)
    assert shown(list(warm.evaluation().problems)) == plain
    open_store(root).put(CONVERTED, True)  # type: ignore[union-attr]
    walk = engine(root)
    assert shown(list(walk.evaluation().problems)) == plain
    assert isinstance(walk.source, FolderSource)
    assert walk.source.walked and not walk.source.vouched
    if not walk.evaluation().errors and walk.evaluation().org is not None:
        assert walk.figures().json() == cold.figures().json() == warm.figures().json()
    return plain


@pytest.mark.parametrize("case", hostile.cases(), ids=lambda case: case.name)
def test_the_engine_answers_alike_in_git_and_walked(case: hostile.Case, tmp_path: Path) -> None:
    root = committed(case, tmp_path)
    disturb(root)
    assert ("草稿.yaml", "untracked-file") in {(p[0], p[4]) for p in same_in_git_and_walked(root)}


def bureau_repository(tmp_path: Path) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    root = repo / "records"
    shutil.copytree(REPO / "records", root)
    init(repo)
    commit_all(repo, "记录")
    return repo, root


def test_an_assume_unchanged_edit_is_read(tmp_path: Path) -> None:
    repo, root = bureau_repository(tmp_path)
    assert engine(root).evaluation().problems == ()
    path = "records/2026-11/targets/admin.yaml"
    git(repo, "update-index", "--assume-unchanged", path)
    target = repo / path
    target.write_text(
        target.read_text(encoding="utf-8").replace("weight: ", "weight: x", 1), encoding="utf-8"
    )
    evaluation = engine(root).evaluation()
    assert sorted(evaluation.read) == ["2026-11"]
    assert evaluation.errors
    assert shown(list(evaluation.problems)) == shown(
        list(engine(root, cache=False).evaluation().problems)
    )


def test_a_checkout_git_converts_is_walked_from_then_on(tmp_path: Path) -> None:
    repo, _ = bureau_repository(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "-c", "core.autocrlf=true", "clone", "-q", str(repo), str(clone))
    git(clone, "config", "core.autocrlf", "true")
    root = clone / "records"
    assert b"\r\n" in (root / "org.yaml").read_bytes()
    expected = shown(list(engine(root, cache=False).evaluation().problems))
    assert {p[4] for p in expected} == {"crlf"}  # the bytes read are the converted ones
    first = engine(root)
    assert shown(list(first.evaluation().problems)) == expected
    assert isinstance(first.source, FolderSource)
    assert first.source.converted and first.source.vouched
    store._STORES.clear()
    assert open_store(root).get(CONVERTED) is True  # type: ignore[union-attr]
    second = engine(root)
    assert shown(list(second.evaluation().problems)) == expected
    assert isinstance(second.source, FolderSource)
    assert second.source.walked and not second.source.vouched
    assert engine(root).evaluation().read == frozenset()  # walked, and warm


def counted(root: Path) -> tuple[Evaluation, dict[str, int]]:
    """An evaluation with the cache, and how often each file's bytes were read."""
    store._STORES.clear()
    source = CountingSource(root)
    return Engine(source, open_store(root)).evaluation(), source.reads


def test_an_edit_to_a_month_not_closed_reads_that_file_alone(tmp_path: Path) -> None:
    """The files of a month not closed are kept parsed: the edited file is read (to key
    its month, then to parse it), its month's rules run over all its files, and no other
    file is read; a closed month edited is read whole."""
    _, root = bureau_repository(tmp_path)
    assert engine(root).evaluation().problems == ()
    edit(root, "2026-11/targets/admin.yaml", "title: ", "title: 改")
    evaluation, reads = counted(root)
    assert sorted(evaluation.read) == ["2026-11"] and reads == {"2026-11/targets/admin.yaml": 2}
    assert shown(list(evaluation.problems)) == shown(
        list(engine(root, cache=False).evaluation().problems)
    )
    edit(root, "2026-11/targets/admin.yaml", "title: 改", "title: 再改")
    edit(root, "2026-10/targets/admin.yaml", "title: ", "title: 改")
    edit(root, "2026-08/targets/admin.yaml", "title: ", "title: 改")
    evaluation, reads = counted(root)
    assert sorted(evaluation.read) == ["2026-08", "2026-10", "2026-11"]
    closed = {str(p.relative_to(root)) for p in (root / "2026-08").rglob("*.yaml")}
    assert {p: n for p, n in reads.items() if p.endswith(".yaml")} == {
        "2026-10/targets/admin.yaml": 2,
        "2026-11/targets/admin.yaml": 2,
        **dict.fromkeys(closed, 1),
        "2026-08/targets/admin.yaml": 2,
    }
    assert shown(list(evaluation.problems)) == shown(
        list(engine(root, cache=False).evaluation().problems)
    )


def test_a_work_tree_git_no_longer_vouches_for_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file touched since git last looked (a copy, a restore): git's index vouches
    for none of them until git refreshes it, so the folder is walked and its stat index
    kept, and a second run reads nothing."""
    monkeypatch.setattr("scoring.engine.STALE", 16)
    _, root = bureau_repository(tmp_path)
    for path in root.rglob("*.yaml"):
        path.touch()
    cold = engine(root)
    assert cold.evaluation().problems == ()
    assert isinstance(cold.source, FolderSource) and cold.source.walked
    time.sleep(2.1)  # past the time a status may still change unseen (``sources.RACY_NS``)
    engine(root).evaluation()  # the stat index written, its files now old enough
    evaluation, reads = counted(root)
    assert evaluation.read == frozenset() and reads == {}
