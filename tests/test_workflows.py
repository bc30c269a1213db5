"""The GitHub workflows, checked statically (actionlint and our rules) and run as plain commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitrepo import commit_all, init

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def test_actionlint() -> None:
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_is_safe(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert workflow["permissions"] == {"contents": "read"}
    for use in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use
    for job in workflow["jobs"].values():
        permissions = job.get("permissions", {})
        if isinstance(permissions, str):  # read-all, write-all
            permissions = {"all": permissions.removesuffix("-all")}
        if "pull_request" in triggers:
            assert all(v in ("read", "none") for v in permissions.values())
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
                assert step["with"]["fetch-depth"] == 0
            assert "${{" not in step.get("run", ""), "pass event data through env, not into scripts"


def test_pages_deploy_only_from_main() -> None:
    """Only a push to main may deploy the site: no pull request, no dispatch from a branch."""
    deploying = []
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        jobs = workflow["jobs"].values()
        if "deploy-pages@" in text or any(
            isinstance(job.get("permissions"), dict) and job["permissions"].get("pages") == "write"
            for job in jobs
        ):
            deploying.append(path.name)
            assert workflow[True] == {"push": {"branches": ["main"]}}, path.name
    assert deploying == ["publish.yml"]


def test_pre_commit_hook_for_other_repositories() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "kaoping-validate")
    assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_check_workflow_steps_as_commands(tmp_path: Path) -> None:
    """The check workflow's kaoping steps, run on a copy of the example as a pull request would."""
    shutil.copytree(REPO / "records", tmp_path / "records")
    init(tmp_path)
    base = commit_all(tmp_path, "Base")
    october = tmp_path / "records/2026-10/ratings/chen.yaml"
    october.write_text(
        re.sub(r"admin: [0-9.]+", "admin: 80", october.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    commit_all(tmp_path, "Amend a rating of a published month (#12)")

    def kaoping(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "scoring", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert kaoping("validate", "--format", "github").returncode == 0
    assert kaoping("check-lock", base).returncode == 0  # October is published, not closed
    summary = kaoping("diff", base)
    assert summary.returncode == 0 and "| 2026-10 | 行政科 (`admin`) | 领导评价 |" in summary.stdout
