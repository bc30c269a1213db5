"""The hostile lock corpus (``lock_attacks``) on real git repositories, as CI runs it.

Every attack is built as a base on main, earlier merged steps, and a pull request on a
branch; ``kaoping check-lock main --format github`` must refuse it with exactly the
listed (path, code) errors. Allowed changes pass with none. Then the cases that need the
scorer's code in the repository, the command's formats, and the example's own appeals.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lock_attacks
import pytest
from gitrepo import commit_all, git, init
from lock_attacks import ALLOWED, ATTACKS, Attack, M

from scoring.messages import problem_text

REPO = Path(__file__).resolve().parent.parent
_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,]*)(?:,line=\d+,col=\d+)?,title=([^:]+)::"
)


def check_lock(repo: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``kaoping check-lock main`` run in the repository, as the workflow step runs it."""
    return subprocess.run(
        [sys.executable, "-m", "scoring", "check-lock", "main", *options],
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=300,
    )


def annotations(output: str, severity: str = "error") -> list[tuple[str, str]]:
    """(path under records/, code) of each annotation of ``severity``, in printed order."""
    found = []
    for line in output.splitlines():
        match = _ANNOTATION.match(line)
        if match and match.group(1) == severity:
            path = match.group(2).replace("%2C", ",").replace("%3A", ":").replace("%25", "%")
            found.append(
                (path.removeprefix("records/") if path != "records" else ".", match.group(3))
            )
    return found


def refusals(repo: Path) -> list[tuple[str, str]]:
    result = check_lock(repo, "--format", "github")
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    errors = annotations(result.stdout)
    assert result.returncode == (1 if errors else 0), result.stdout + result.stderr
    return errors


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack_is_refused(attack: Attack, tmp_path: Path) -> None:
    lock_attacks.build(attack, tmp_path)
    assert refusals(tmp_path) == list(attack.expected)


@pytest.mark.parametrize("attack", ALLOWED, ids=[a.name for a in ALLOWED])
def test_allowed_change_passes(attack: Attack, tmp_path: Path) -> None:
    lock_attacks.build(attack, tmp_path)
    assert refusals(tmp_path) == []


ONLY_THE_LOCK_SEES = [
    "comment-on-decided-appeal",
    "flip-rejected-to-upheld",
    "one-appeal-unlocks-the-month",
    "retroactive-appeal-window",
    "delete-decided-appeal",
]


@pytest.mark.parametrize("name", ["comment-on-decided-appeal", "symlink-into-dot-folder"])
def test_sha256_repository(name: str, tmp_path: Path) -> None:
    """Object ids of either length: a SHA-256 repository is compared alike."""
    attack = next(a for a in ATTACKS if a.name == name)
    lock_attacks.build(attack, tmp_path, object_format="sha256")
    assert refusals(tmp_path) == list(attack.expected)
    lock_attacks.build(ALLOWED[1], tmp_path / "allowed", object_format="sha256")
    assert refusals(tmp_path / "allowed") == []


@pytest.mark.parametrize("name", ONLY_THE_LOCK_SEES)
def test_attack_passes_validation_alone(name: str, tmp_path: Path) -> None:
    """These attacks are sound records on their own: only the lock, which sees the base,
    can refuse them."""
    attack = next(a for a in ATTACKS if a.name == name)
    root = lock_attacks.build(attack, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "validate", "--records", str(root)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- the scorer's own code


def _patched(repo: Path, path: str, old: str, new: str) -> None:
    target = repo / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new), encoding="utf-8")


CODE_CHANGE = (
    "scoring/results/departments.py",
    "round2(mean(counted))",
    "round2(mean(counted) + 1)",
)


def test_code_change_moving_a_closed_month_is_refused(tmp_path: Path) -> None:
    """The base is scored with the base's code: a scorer change that moves a closed month
    without seal.yaml is refused, and the change to scoring/ is said."""
    lock_attacks.build(Attack("code", "", {}), tmp_path, code=True)
    _patched(tmp_path, *CODE_CHANGE)
    commit_all(tmp_path, "Faster leader score")
    result = check_lock(tmp_path, "--format", "github")
    assert annotations(result.stdout) == [(f"{M}/month.yaml", "closed-figures-moved")]
    assert annotations(result.stdout, "notice") == [(".", "maintainer-review")]
    assert result.returncode == 1


def test_code_change_keeping_the_figures_passes_with_a_notice(tmp_path: Path) -> None:
    lock_attacks.build(Attack("code", "", {}), tmp_path, code=True)
    _patched(
        tmp_path, "scoring/results/departments.py", "\ndef routes(", "\n# Reviewed.\ndef routes("
    )
    commit_all(tmp_path, "Docstring")
    result = check_lock(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[maintainer-review]" in result.stdout and "scoring/" in result.stdout


def test_code_edits_git_has_not_staged_are_said(tmp_path: Path) -> None:
    """What git does not vouch for in the maintained paths is read: an edit not staged,
    a file not added (bytecode python writes is not a change)."""
    lock_attacks.build(Attack("code", "", {}), tmp_path, code=True)
    (tmp_path / "scoring/__pycache__").mkdir(exist_ok=True)
    (tmp_path / "scoring/__pycache__/extra.cpython-311.pyc").write_bytes(b"\0")
    assert "maintainer-review" not in check_lock(tmp_path).stdout
    _patched(tmp_path, "scoring/results/departments.py", "\ndef routes(", "\n# 改\ndef routes(")
    result = check_lock(tmp_path, "--format", "github")
    assert result.returncode == 0, result.stdout
    assert annotations(result.stdout, "notice") == [(".", "maintainer-review")]
    assert "scoring/" in result.stdout
    git(tmp_path, "checkout", "-q", "--", "scoring")
    (tmp_path / ".github").mkdir(exist_ok=True)
    (tmp_path / ".github/new.yml").write_text("on: push\n", encoding="utf-8")
    result = check_lock(tmp_path, "--format", "github")
    assert annotations(result.stdout, "notice") == [(".", "maintainer-review")]
    assert ".github/" in result.stdout and "scoring/" not in result.stdout


def test_base_code_that_fails_is_a_clear_error(tmp_path: Path) -> None:
    lock_attacks.build(Attack("code", "", {}), tmp_path, code=True)
    git(tmp_path, "checkout", "-q", "main")
    _patched(
        tmp_path,
        "scoring/cli/score.py",
        "\nFORMATS = ",
        '\nraise RuntimeError("broken")\nFORMATS = ',
    )
    commit_all(tmp_path, "Broken scorer")
    git(tmp_path, "checkout", "-q", "pr")
    git(tmp_path, "merge", "-q", "-m", "Merge main", "main")
    shutil.copy(REPO / "scoring/cli/score.py", tmp_path / "scoring/cli/score.py")
    commit_all(tmp_path, "Mend the scorer")
    result = check_lock(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^records: error: .*broken.* \[base-code-failed\]$", result.stdout, re.M)


def test_workflow_and_constraints_changes_are_said(tmp_path: Path) -> None:
    lock_attacks.build(ALLOWED[0], tmp_path)
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/check.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / "constraints.txt").write_text("pyyaml==6.0.2\n", encoding="utf-8")
    commit_all(tmp_path, "Skip the checks")
    result = check_lock(tmp_path, "--format", "github")
    assert result.returncode == 0, result.stdout
    notices = [line for line in result.stdout.splitlines() if line.startswith("::notice")]
    assert notices == [
        "::notice file=records,title=maintainer-review::"
        + problem_text("maintainer-review", {"paths": ".github/, constraints.txt"}, "zh")
    ]


# ---------------------------------------------------------------- the command


def test_text_format_names_the_rule_and_the_appeal_needed(tmp_path: Path) -> None:
    attack = next(a for a in ATTACKS if a.name == "one-appeal-unlocks-the-month")
    lock_attacks.build(attack, tmp_path)
    result = check_lock(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines  # one message per refusal
    assert lines[0].startswith(f"records/{M}/assessments/security.yaml: error: ")
    assert f"subject: {M}/assessments/security.yaml" in lines[0]
    assert lines[0].endswith("[closed-month-changed]")


def test_unknown_base_is_a_usage_error(tmp_path: Path) -> None:
    lock_attacks.build(ALLOWED[0], tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "check-lock", "--format", "github", "no-such-branch"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the example's own appeals


def test_the_examples_appeals_still_apply(tmp_path: Path) -> None:
    """The example's upheld appeals of closed months, replayed: a base where they are
    pending and their subjects as before, then the example as it is."""
    shutil.copytree(REPO / "records", tmp_path / "records")
    root = tmp_path / "records"
    init(tmp_path)
    for stem in ("2026-001", "2026-002"):
        path = root / f"appeals/{stem}.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"status: (partly-)?upheld\n", "status: pending\n", text)
        text = re.sub(r"decision: .*\n|decided: .*\n", "", text)
        path.write_text(text, encoding="utf-8")
    _patched(root, "2026-03/assessments/property.yaml", "K1: {score: 34,", "K1: {score: 33,")
    _patched(
        root,
        "2026-05/inspections/2026-05-14-bike-shed.yaml",
        "    evidence: [bike-shed-1.jpg]\n",
        "    evidence: [bike-shed-1.jpg]\n    deduction: 1\n",
    )
    git(tmp_path, "add", "-A")  # validation reads what git knows (a draft is left out)
    for month in ("2026-03", "2026-05"):
        subprocess.run(
            [sys.executable, "-m", "scoring", "seal", month, "--write", "--records", str(root)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    commit_all(tmp_path, "Before the appeals were decided")
    git(tmp_path, "checkout", "-q", "-b", "pr")
    shutil.rmtree(root)
    shutil.copytree(REPO / "records", root)
    commit_all(tmp_path, "Decide appeals 2026-001 and 2026-002")
    assert git(tmp_path, "diff", "--name-only", "main").splitlines() == [
        "records/2026-03/assessments/property.yaml",
        "records/2026-03/seal.yaml",
        "records/2026-05/inspections/2026-05-14-bike-shed.yaml",
        "records/2026-05/seal.yaml",
        "records/appeals/2026-001.yaml",
        "records/appeals/2026-002.yaml",
    ]
    assert refusals(tmp_path) == []
