"""Real git repositories for tests: commit, branch, merge and squash like GitHub does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "王芳",
    "GIT_AUTHOR_EMAIL": "wang@example.org",
    "GIT_COMMITTER_NAME": "王芳",
    "GIT_COMMITTER_EMAIL": "wang@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, author: str | None = None, date: str | None = None) -> str:
    env = dict(ENV)
    if author:
        env["GIT_AUTHOR_NAME"] = author
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


def init(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")


def commit_all(repo: Path, message: str, **kwargs: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, **kwargs)
    return git(repo, "rev-parse", "HEAD")
