"""CODEOWNERS generated from org.yaml, and the check that the committed file is current."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import BASE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], capture_output=True, text=True, timeout=60
    )


def test_codeowners_written_and_checked(make_records: Callable[..., Path]) -> None:
    org = yaml.safe_load(yaml.safe_dump(BASE["org.yaml"]))
    handles = {"chen": "chen-ming", "liu": "liu-jh", "wang": "wang-fang", "zhao": "zhao-q"}
    for person in org["people"]:
        if person["id"] in handles:
            person["github"] = handles[person["id"]]
    root = make_records({"org.yaml": org})
    assert run("codeowners", "--check", "--records", str(root)).returncode == 1
    result = run("codeowners", "--records", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "警告：李娜（li）没有 GitHub 用户名，不负责任何文件",
        "警告：钱伟（qian）没有 GitHub 用户名，不负责任何文件",
    ]
    text = (root.parent / ".github/CODEOWNERS").read_text()
    assert "\n* @chen-ming @liu-jh\n" in text  # the catch-all comes first: later lines win
    assert text.index("\n* ") < text.index("/records/org.yaml")
    assert "/records/org.yaml @chen-ming @liu-jh\n" in text
    assert "/records/*/assessments/ @wang-fang\n" in text
    assert "/records/*/targets/admin.yaml @zhao-q\n" in text
    assert "/records/*/bonuses/admin.yaml @zhao-q @wang-fang\n" in text
    assert "/records/*/ratings/chen.yaml @chen-ming\n" in text
    assert run("codeowners", "--check", "--records", str(root)).returncode == 0


def test_committed_codeowners_is_current() -> None:
    repo = Path(__file__).resolve().parent.parent
    result = run("codeowners", "--check", "--records", str(repo / "records"))
    assert result.returncode == 0, result.stderr


def test_codeowners_follow_the_staff_of_the_latest_month(make_records: Callable[..., Path]) -> None:
    """Dated heads and members (DESIGN.md §3): the head and members of 2026-11 own admin's
    targets; a member who left before it, or a person not yet there, owns nothing."""
    org = yaml.safe_load(yaml.safe_dump(BASE["org.yaml"]))
    org["people"] += [
        {"id": "sun", "name": "孙丽", "roles": ["head"], "github": "sun-li"},
        {"id": "zhou", "name": "周敏", "roles": [], "github": "zhou-min"},
        {"id": "wu", "name": "吴刚", "roles": [], "github": "wu-gang", "from": "2026-12"},
        {"id": "he", "name": "何静", "roles": [], "github": "he-jing"},
    ]
    for person in org["people"]:
        if person["id"] == "zhao":
            person["github"] = "zhao-q"
    org["departments"][0]["head"] = [
        {"from": "2026-01", "value": "zhao"},
        {"from": "2026-11", "value": "sun"},
    ]
    org["departments"][0]["members"] = [{"id": "zhou", "to": "2026-10"}, "wu", "he"]
    root = make_records({"org.yaml": org})
    assert run("codeowners", "--records", str(root)).returncode == 0
    text = (root.parent / ".github/CODEOWNERS").read_text()
    assert "/records/*/targets/admin.yaml @sun-li @he-jing\n" in text
