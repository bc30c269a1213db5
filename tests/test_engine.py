"""The engine (``scoring.engine``): the same answer with or without its cache.

Every case of the check tables and of the hostile corpus is evaluated three ways: with
no cache, with the cache cold and with it warm, with the same problems (and, where
there are no errors, the same figures) expected. Edits to the example bureau then show
what is read again: only the changed month, also when its change reaches other months
(error-free streaks, sealed figures); the figures of a warm run equal those of the one
scoring path over every file (``results.score``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import hostile
import pytest
import test_checks
from conftest import BASE, write_tree
from gitrepo import commit_all, git, init

from scoring import cachefiles
from scoring.engine import Engine, Evaluation, store
from scoring.engine.store import open_store
from scoring.problems import Problem
from scoring.published import figures_of
from scoring.records import _walk, read_records
from scoring.results import score
from scoring.sources import FolderSource

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test signs its cache with its own key, in its own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def shown(problems: list[Problem]) -> list[tuple[object, ...]]:
    return [(p.path, p.line, p.column, p.severity, p.code, p.message("en")) for p in problems]


def engine(root: Path, cache: bool = True) -> Engine:
    """A fresh engine of ``root`` (as a new process would make), with or without a store."""
    store._STORES.clear()
    return Engine(FolderSource(root), open_store(root) if cache else None)


def run(root: Path) -> tuple[Evaluation, list[str]]:
    """An evaluation with the cache, and the month folders it read."""
    evaluation = engine(root).evaluation()
    return evaluation, sorted(evaluation.read)


def validate(root: Path) -> Evaluation:
    """Without a cache: every file read."""
    return engine(root, cache=False).evaluation()


def same_three_ways(root: Path) -> list[Problem]:
    """No cache, cold and warm give the same problems (and figures); returns them."""
    listing = FolderSource(root).listing()
    assert (list(listing.entries), listing.linked_folders) == tuple(map(list, _walk(root)))
    plain = engine(root, cache=False)
    problems = list(plain.evaluation().problems)
    cold = engine(root)
    warm = engine(root)
    assert shown(list(cold.evaluation().problems)) == shown(problems)
    assert shown(list(warm.evaluation().problems)) == shown(problems)
    # a month holding a link, a pipe or an unreadable name is read every time
    uncacheable = {
        path.split("/")[0]
        for path, entry in listing.entries.items()
        if entry.kind != "file" or not path.isprintable()
    } | {path.split("/")[0] for path in listing.linked_folders}
    assert warm.evaluation().read == frozenset(uncacheable) & cold.evaluation().read
    if not plain.evaluation().errors and plain.evaluation().org is not None:
        full = score(read_records(root).records)  # the one scoring path, every file read
        assert plain.results() == full and warm.results() == full
        expected = figures_of(full).json()
        assert plain.figures().json() == expected
        assert cold.figures().json() == expected
        assert warm.figures().json() == expected
    return problems


@pytest.mark.parametrize(
    "files",
    [c[1] for c in test_checks.CASES + test_checks.ORG_CASES],
    ids=[c[0] for c in test_checks.CASES + test_checks.ORG_CASES],
)
def test_check_cases_same_with_cache(files: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path / "records"
    write_tree(root, {**BASE, **files})
    assert same_three_ways(root)


@pytest.mark.parametrize("case", hostile.cases(), ids=lambda case: case.name)
def test_corpus_cases_same_with_cache(case: hostile.Case, tmp_path: Path) -> None:
    root = hostile.build(case, tmp_path)
    assert same_three_ways(root)


@pytest.fixture
def bureau(tmp_path: Path) -> Path:
    """A copy of the example bureau's records, validated once (the cache filled)."""
    root = tmp_path / "records"
    shutil.copytree(REPO / "records", root)
    old = 1_700_000_000_000_000_000  # files older than the cache: their stat is trusted
    for path in root.rglob("*"):
        os.utime(path, ns=(old, old), follow_symlinks=False)
    assert run(root)[0].problems == ()
    return root


def edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


class CountingSource(FolderSource):
    """The records folder, counting how often each file's bytes are read."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.reads: dict[str, int] = {}

    def read(self, path: str, limit: int) -> bytes:
        self.reads[path] = self.reads.get(path, 0) + 1
        return super().read(path, limit)


@pytest.mark.parametrize("cache", [True, False], ids=["cold", "no-cache"])
def test_a_first_evaluation_reads_each_record_once(cache: bool, tmp_path: Path) -> None:
    root = tmp_path / "records"
    shutil.copytree(REPO / "records", root)
    store._STORES.clear()
    source = CountingSource(root)
    assert Engine(source, open_store(root) if cache else None).evaluation().problems == ()
    records = {str(p.relative_to(root)) for p in root.rglob("*.yaml")}
    assert {p: n for p, n in source.reads.items() if p.endswith(".yaml")} == dict.fromkeys(
        sorted(records), 1
    )


def test_unchanged_archive_reads_no_month(bureau: Path) -> None:
    validation, read = run(bureau)
    assert read == [] and validation.problems == ()
    assert len(list((bureau.parent / ".cache/kaoping/months").glob("2026-11.*"))) == 1


def test_one_changed_month_is_read_alone(bureau: Path) -> None:
    edit(bureau, "2026-11/targets/admin.yaml", "title: ", "title: 改")
    validation, read = run(bureau)
    assert read == ["2026-11"]
    assert shown(list(validation.problems)) == shown(list(validate(bureau).problems))


def test_a_streak_broken_in_an_earlier_month_reaches_the_later_claim(bureau: Path) -> None:
    """Office claims error-free-3 in October for Aug–Oct; a lost point in August voids it."""
    edit(bureau, "2026-08/assessments/office.yaml", "K1: {score: 25}", "K1: {score: 24}")
    validation, read = run(bureau)
    assert read == ["2026-08"]
    codes = {(p.path, p.code) for p in validation.problems}
    assert ("2026-10/bonuses/office.yaml", "invalid-claim") in codes
    assert shown(list(validation.problems)) == shown(list(validate(bureau).problems))


def test_a_moved_figure_in_a_sealed_month_is_found(bureau: Path) -> None:
    edit(
        bureau, "2026-09/assessments/admin.yaml", "R1: {score: 15}", "R1: {score: 14, reason: 迟报}"
    )
    validation, _ = run(bureau)
    assert [(p.path, p.code) for p in validation.problems] == [
        ("2026-09/seal.yaml", "seal-figures")
    ]
    assert shown(list(validation.problems)) == shown(list(validate(bureau).problems))


def test_a_shared_file_reads_every_month_again(bureau: Path) -> None:
    edit(bureau, "org.yaml", "#", "# 改\n#")
    validation, read = run(bureau)
    assert len(read) == len([p for p in bureau.iterdir() if p.name[:2] == "20"])
    assert validation.problems == ()


def test_an_appeal_is_checked_against_the_cached_month(bureau: Path) -> None:
    edit(bureau, "appeals/2026-001.yaml", "property.yaml#K1", "property.yaml#K9")
    validation, read = run(bureau)
    assert read == []
    assert [(p.path, p.code) for p in validation.problems] == [
        ("appeals/2026-001.yaml", "unknown-subject-item")
    ]


def test_same_size_same_mtime_edit_is_still_seen(bureau: Path) -> None:
    """A rewrite keeping size and modification time changes the inode's ctime."""
    target = bureau / "2026-11/targets/admin.yaml"
    status = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("weight: ", "weight:\t", 1), encoding="utf-8")
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    validation, read = run(bureau)
    assert read == ["2026-11"] and validation.problems
    assert shown(list(validation.problems)) == shown(list(validate(bureau).problems))


def test_a_cache_signed_by_someone_else_is_not_loaded(
    bureau: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    validation, read = run(bureau)
    assert len(read) > 10 and validation.problems == ()


def test_a_damaged_cache_is_no_cache(bureau: Path) -> None:
    for stored in (bureau.parent / ".cache/kaoping/months").iterdir():
        data = bytearray(stored.read_bytes())
        data[-10] ^= 0xFF
        stored.write_bytes(bytes(data))
    validation, read = run(bureau)
    assert len(read) > 10 and validation.problems == ()
    assert run(bureau)[1] == []  # written again


def test_an_unwritable_cache_folder_still_validates(bureau: Path) -> None:
    shutil.rmtree(bureau.parent / ".cache")
    (bureau.parent / ".cache").write_text("not a folder", encoding="utf-8")
    edit(bureau, "2026-11/targets/admin.yaml", "title: ", "title: 改")
    for _ in range(2):
        validation, read = run(bureau)
        assert len(read) > 10
        assert shown(list(validation.problems)) == shown(list(validate(bureau).problems))


# ---------------------------------------------------------------- the cache as an attack


def _committed_link(project: Path, path: str, target: str) -> None:
    """``path`` in ``project`` a symbolic link to ``target``, force-added and committed."""
    link = project / path
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    git(project, "add", "-f", path)
    git(project, "commit", "-q", "-m", f"Add {path}")


def _validate_guarded(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """``kaoping validate`` as CI and the pre-commit hook run it, under 1 GiB and 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "scoring", "validate", "--records", str(project / "records")],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=hostile.limit_memory,
        cwd=project,
        env={**os.environ, "XDG_CACHE_HOME": str(home), "KAOPING_DEBUG": "1"},
    )


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/etc/passwd"])
def test_a_committed_link_as_the_cache_is_never_read(tmp_path: Path, target: str) -> None:
    project = tmp_path / "project"
    init(project)
    write_tree(project / "records", BASE)
    commit_all(project, "Records")
    scratch = tmp_path / "scratch"  # the same records: the entries' names a run writes
    write_tree(scratch / "records", BASE)
    engine(scratch / "records").figures()
    written = sorted(
        path.relative_to(scratch / ".cache/kaoping").as_posix()
        for path in (scratch / ".cache/kaoping").rglob("*")
        if path.is_file() and path.name != ".gitignore"
    )
    entries = (*written, "index/2026-11", "index/records")
    for entry in entries:
        _committed_link(project, f".cache/kaoping/{entry}", target)
    for _ in range(2):  # a cold run, then one that would read what the first wrote
        result = _validate_guarded(project, tmp_path / "user-cache")
        assert "Traceback" not in result.stderr
        assert result.returncode == 1  # a tracked path under .cache/ is refused (§4) ...
        assert [line.split(": ", 2)[:2] for line in result.stdout.splitlines()] == [
            ["records", "error"] for _ in entries
        ]
        assert [line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines()] == [
            "[tracked-cache]" for _ in entries
        ]
    # ... and never read: an entry written since replaced its link, never wrote through it
    month = next(name for name in written if name.startswith("months/2026-11."))
    assert not (project / ".cache/kaoping" / month).is_symlink()
    assert Path(target).is_char_device() or Path(target).read_bytes()


def test_the_cache_is_read_only_as_a_regular_file_within_its_limit(
    bureau: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (stored,) = (bureau.parent / ".cache/kaoping/months").glob("2026-10.*")
    elsewhere = bureau.parent / "signed.entry"
    shutil.move(stored, elsewhere)
    stored.symlink_to(elsewhere)  # a good signed entry, but through a link
    validation, read = run(bureau)
    assert read == ["2026-10"] and validation.problems == ()
    assert not stored.is_symlink()  # replaced by a fresh entry, the link's target untouched
    assert run(bureau)[1] == []
    largest = max(p.stat().st_size for p in stored.parent.iterdir())
    monkeypatch.setattr(store, "MAX_ENTRY_BYTES", largest - 1)
    assert len(run(bureau)[1]) >= 1  # above the limit: not read


def test_a_linked_cache_folder_is_neither_read_nor_written(bureau: Path, tmp_path: Path) -> None:
    shutil.rmtree(bureau.parent / ".cache")
    outside = tmp_path / "outside"
    outside.mkdir()
    (bureau.parent / ".cache").symlink_to(outside)
    for _ in range(2):
        validation, read = run(bureau)
        assert len(read) > 10 and validation.problems == ()
    assert list(outside.iterdir()) == []


def test_the_cache_folder_ignores_itself(tmp_path: Path) -> None:
    project = tmp_path / "project"
    init(project)
    write_tree(project / "records", BASE)
    commit_all(project, "Records")
    assert run(project / "records")[0].problems == ()
    assert (project / ".cache/kaoping/.gitignore").read_text(encoding="utf-8") == "*\n"
    git(project, "add", "-A")
    assert git(project, "status", "--porcelain") == ""  # nothing under .cache/ to add


def test_a_key_git_checked_out_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XDG_CACHE_HOME inside the repository: a committed key (never mode 0600) is no key."""
    home = tmp_path / "home"
    (home / "kaoping").mkdir(parents=True)
    key = home / "kaoping/cache-key"
    key.write_bytes(b"k" * 32)
    key.chmod(0o644)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert cachefiles.signing_key() is None
    key.chmod(0o600)
    assert cachefiles.signing_key() == b"k" * 32
    key.unlink()
    key.symlink_to(tmp_path / "elsewhere")
    assert cachefiles.signing_key() is None
    key.unlink()
    fresh = cachefiles.signing_key()
    assert fresh is not None and len(fresh) == 32 and key.stat().st_mode & 0o777 == 0o600
