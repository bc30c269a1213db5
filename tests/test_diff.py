"""``kaoping diff`` between real git revisions and against the working tree."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE
from gitrepo import commit_all, init

from scoring.diffing import markdown_code, markdown_text


def diff(records: Path, *revisions: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", "diff", *revisions, "--records", str(records)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_score_change_between_revisions(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    root = make_records()
    init(tmp_path)
    base = commit_all(tmp_path, "Publish November")
    # chen: admin 92 -> 99. leader = (99 + 90) / 2 = 94.5; before (92 + 90) / 2 = 91
    # admin before: 0.7 × 98 + 0.3 × 91 = 68.6 + 27.3 = 95.9; after: 68.6 + 28.35 = 96.95
    # security: 0.7 × 99 + 0.3 × (88 + 91) / 2 = 69.3 + 26.85 = 96.15
    # before: security rank 1 (excellent, quota floor(0.5 × 2) = 1), admin rank 2 (good)
    # after: admin rank 1 (excellent), security rank 2 (good)
    (root / "2026-11/ratings/chen.yaml").write_text("scores: {admin: 99, security: 88}\n")
    head = commit_all(tmp_path, "Correct rating (#3)")
    result = diff(root, base, head)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| 月份 | 部门或合同 | 项目 | 修改前 | 修改后 | 变化 |"
    assert lines[2:] == [
        "| 2026-11 | 行政科 (`admin`) | 领导评价 | 91 | 94.5 | +3.5 |",
        "| 2026-11 | 行政科 (`admin`) | 总分 | 95.9 | 96.95 | +1.05 |",
        "| 2026-11 | 行政科 (`admin`) | 等次 | 良好 | 优秀 |  |",
        "| 2026-11 | 行政科 (`admin`) | 名次 | 2 | 1 | 上升1位 |",
        "| 2026-11 | 保卫处 (`security`) | 等次 | 优秀 | 良好 |  |",
        "| 2026-11 | 保卫处 (`security`) | 名次 | 1 | 2 | 下降1位 |",
    ]


def test_in_english_ranks_move_by_places(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    root = make_records({"org.yaml": dict(BASE["org.yaml"], language="en")})
    init(tmp_path)
    base = commit_all(tmp_path, "Publish November")
    (root / "2026-11/ratings/chen.yaml").write_text("scores: {admin: 99, security: 88}\n")
    result = diff(root, base)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| Month | Department or contract | Figure | Before | After | Change |"
    assert "| 2026-11 | 行政科 (`admin`) | grade | 良好 | 优秀 |  |" in lines
    assert "| 2026-11 | 行政科 (`admin`) | rank | 2 | 1 | up 1 |" in lines
    assert "| 2026-11 | 保卫处 (`security`) | rank | 1 | 2 | down 1 |" in lines


def test_a_month_being_published_shows_its_status_by_name(
    tmp_path: Path, make_records: Callable[..., Path]
) -> None:
    assessing = {"status": "assessing", "meeting": "2026-12-03", "overseers": ["chen", "zhao"]}
    root = make_records({"2026-11/month.yaml": assessing})
    init(tmp_path)
    base = commit_all(tmp_path, "Assessing")
    (root / "2026-11/month.yaml").write_text(
        "status: published\nmeeting: 2026-12-03\noverseers: [chen, zhao]\npublished: 2026-12-05\n"
    )
    result = diff(root, base)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == "| 2026-11 | （整月） | 状态 | 考核中 | 已公布 |  |"
    assert "| 2026-11 | 保卫处 (`security`) | 名次 | – | 1 |  |" in lines
    assert "| 2026-11 | 行政科 (`admin`) | 等次 | – | 良好 |  |" in lines


def test_no_change_and_working_tree(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    root = make_records()
    init(tmp_path)
    commit_all(tmp_path, "Publish")
    (root / "2026-11/targets/admin.yaml").write_text(
        (root / "2026-11/targets/admin.yaml").read_text().replace("方案通过", "方案经局务会通过")
    )
    result = diff(root, "HEAD")
    assert result.returncode == 0
    assert result.stdout == "已公布和已关闭月份的结果均无变化。\n"


def test_open_months_are_left_out(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    root = make_records({"2026-11/month.yaml": "status: assessing\nmeeting: 2026-12-03\n"})
    init(tmp_path)
    commit_all(tmp_path, "Assessing")
    (root / "2026-11/ratings/chen.yaml").write_text("scores: {admin: 80, security: 88}\n")
    assert "均无变化" in diff(root, "HEAD").stdout


def test_invalid_side_exits_one(tmp_path: Path, make_records: Callable[..., Path]) -> None:
    root = make_records()
    init(tmp_path)
    commit_all(tmp_path, "Publish")
    (root / "2026-11/ratings/chen.yaml").write_text("scores: {admin: 180, security: 88}\n")
    result = diff(root, "HEAD")
    assert result.returncode == 1
    assert "out-of-range" in result.stderr
    assert diff(root, "nope").returncode == 2


HOSTILE_NAMES = {
    "admin": "<img src=x onerror=alert(1)>",
    "security": "[x](http://evil.example) a|b `c` **d** mail@evil.example",
}


def test_record_text_is_literal_in_the_job_summary(
    tmp_path: Path, make_records: Callable[..., Path]
) -> None:
    """Names from org.yaml reach the Markdown table escaped: no HTML, link, cell or code."""
    org = copy.deepcopy(BASE["org.yaml"])
    for department in org["departments"]:
        department["name"] = HOSTILE_NAMES[department["id"]]
    org["grades"][1]["name"] = "_良好_"
    root = make_records({"org.yaml": org})
    init(tmp_path)
    base = commit_all(tmp_path, "Publish November")
    (root / "2026-11/ratings/chen.yaml").write_text("scores: {admin: 99, security: 88}\n")
    head = commit_all(tmp_path, "Correct rating")
    result = diff(root, base, head)
    assert result.returncode == 0, result.stderr
    admin = r"\<img src\=x onerror\=alert\(1\)\> (`admin`)"
    security = (
        r"\[x\]\(http\:\/\/evil\.example\) a\|b \`c\` \*\*d\*\* mail"
        "\u2060"
        r"\@evil\.example (`security`)"
    )
    assert result.stdout.splitlines()[2:] == [
        f"| 2026-11 | {admin} | 领导评价 | 91 | 94.5 | +3.5 |",
        f"| 2026-11 | {admin} | 总分 | 95.9 | 96.95 | +1.05 |",
        f"| 2026-11 | {admin} | 等次 | \\_良好\\_ | 优秀 |  |",
        f"| 2026-11 | {admin} | 名次 | 2 | 1 | 上升1位 |",
        f"| 2026-11 | {security} | 等次 | 优秀 | \\_良好\\_ |  |",
        f"| 2026-11 | {security} | 名次 | 1 | 2 | 下降1位 |",
    ]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("行政科", "行政科"),
        ("2026-11", "2026-11"),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        ("[x](http://evil)", r"\[x\]\(http\:\/\/evil\)"),
        ("a|b", r"a\|b"),
        ("`code`", r"\`code\`"),
        ("&lt;", r"\&lt\;"),
        ("www.evil.example", r"www\.evil\.example"),
        ("a@b.co", "a\u2060\\@b\\.co"),
        ("$x$", r"\$x\$"),
        ("a\\", "a\\\\"),
        ("one\ntwo", "one two"),
    ],
)
def test_markdown_text(text: str, escaped: str) -> None:
    assert markdown_text(text) == escaped


@pytest.mark.parametrize(
    ("text", "span"),
    [("admin", "`admin`"), ("a`b", "``a`b``"), ("`a``", "``` `a`` ```"), ("a|b", r"`a\|b`")],
)
def test_markdown_code(text: str, span: str) -> None:
    assert markdown_code(text) == span
