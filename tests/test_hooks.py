"""The pre-commit hooks, from a plain ``git commit`` with no virtual environment active.

Both ways an organisation uses them: this repository's own ``.pre-commit-config.yaml``
(a clone of kaoping with its example records), and a records-only repository that
names kaoping's ``.pre-commit-hooks.yaml``. pre-commit builds each hook's environment
from the registry the first time (constrained to constraints.txt), as on a department's
PC; the commits run with a PATH that holds no kaoping, ruff or virtual environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gitrepo import ENV, commit_all, git, init

REPO = Path(__file__).resolve().parent.parent
BAD_WEIGHT = ("  R4: {score: 10}", "  R4: {score: 99}")  # above the item's weight


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's own cache, shared by the tests of this module (environments built once)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _plain_env(hook_home: Path) -> dict[str, str]:
    """A shell as a department's PC has it: no kaoping, ruff or venv on the PATH."""
    env = {k: v for k, v in ENV.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = "/usr/bin:/bin"
    env["PRE_COMMIT_HOME"] = str(hook_home)
    env["PIP_CONSTRAINT"] = str(REPO / "constraints.txt")  # the versions CI tests
    return env


def _tracked_copy(target: Path, paths: list[str]) -> None:
    """The working tree's files under ``paths`` (as git would see them) copied to ``target``."""
    for name in paths:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".*")
            )
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)


def _install_hooks(repo: Path, hook_home: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        env={**_plain_env(hook_home), "PATH": os.environ["PATH"]},
        check=True,
        capture_output=True,
        timeout=120,
    )


def _commit(repo: Path, hook_home: Path, message: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-u")
    return subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo,
        env=_plain_env(hook_home),
        capture_output=True,
        text=True,
        timeout=900,  # the first commit builds the hooks' environments
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _assert_hooks_guard(repo: Path, hook_home: Path) -> None:
    """A good record commits; a bad one is refused with its located message."""
    assessment = repo / "records/2026-10/assessments/admin.yaml"
    _edit(assessment, "# ", "# 复核: ")
    good = _commit(repo, hook_home, "Reword a comment")
    assert good.returncode == 0, good.stdout + good.stderr
    draft = repo / "records/2026-11/targets/draft.yaml"  # broken, and not added to git
    draft.write_text("items:\n  - {id: K1, title：未完成\n", encoding="utf-8")
    _edit(assessment, "# 复核: ", "# 复核(二): ")
    unrelated = _commit(repo, hook_home, "Another comment, a draft lying beside")
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    assert "[untracked-file]" in unrelated.stdout + unrelated.stderr
    draft.unlink()
    _edit(assessment, *BAD_WEIGHT)
    bad = _commit(repo, hook_home, "A score above its weight")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    output = bad.stdout + bad.stderr  # git passes on what the hook printed
    assert "records/2026-10/assessments/admin.yaml:8:" in output
    assert "[score-above-weight]" in output


def test_own_hooks_from_a_plain_git_commit(tmp_path: Path, hook_home: Path) -> None:
    repo = tmp_path / "kaoping"
    repo.mkdir()
    _tracked_copy(
        repo,
        [".pre-commit-config.yaml", ".gitattributes", "pyproject.toml", "scoring", "records"],
    )
    shutil.copytree(REPO / ".github", repo / ".github")
    init(repo)
    commit_all(repo, "kaoping and the example records")
    _install_hooks(repo, hook_home)
    _assert_hooks_guard(repo, hook_home)


def test_records_only_repository_uses_the_published_hook(tmp_path: Path, hook_home: Path) -> None:
    source = tmp_path / "kaoping"  # kaoping as a hook repository (what `repo:` names)
    source.mkdir()
    _tracked_copy(
        source, [".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "LICENSE", "scoring"]
    )
    init(source)
    revision = commit_all(source, "kaoping")
    bureau = tmp_path / "bureau"
    bureau.mkdir()
    shutil.copytree(REPO / "records", bureau / "records")
    (bureau / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {revision}\n    hooks: [{{id: kaoping-validate}}]\n",
        encoding="utf-8",
    )
    init(bureau)
    commit_all(bureau, "The bureau's records")
    _install_hooks(bureau, hook_home)
    _assert_hooks_guard(bureau, hook_home)
