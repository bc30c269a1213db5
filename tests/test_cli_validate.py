"""``kaoping validate`` as users run it: formats, exit codes, messages as shown."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

KAOPING = [sys.executable, "-m", "scoring"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KAOPING, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def broken(make_records: Callable[..., Path]) -> Path:
    return make_records(
        {
            "2026-11/ratings/chen.yaml": "scores:\n  admin: 92\n  securty: 88\n",
            "2026-11/targets/security.yaml": "items:\n  - {id: K1, kind: key, title: 消防检查, standard: 全覆盖,"
            " deadline: 2026-11-20, owner: qian, wieght: 80}\n",
        }
    )


def test_clean_tree_exits_zero(make_records: Callable[..., Path]) -> None:
    result = run("validate", "--records", str(make_records()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_text_format_lines(make_records: Callable[..., Path]) -> None:
    result = run("validate", "--records", str(broken(make_records)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "records/2026-11/ratings/chen.yaml:2:3: error: 部门 `security` 未被评价 [unrated-department]",
        "records/2026-11/ratings/chen.yaml:3:12: error: `securty` 不是(2026-11)存在的部门"
        "（是否应为 `security`？） [unknown-department]",
        "records/2026-11/targets/security.yaml:2:5: error: 缺少必填键 `weight` [missing-key]",
        "records/2026-11/targets/security.yaml:2:88: error: 未知的键 `wieght`（是否应为 `weight`？）"
        " [unknown-key]",
    ]
    assert result.stderr == "10 个文件：4 个错误，0 个警告\n"


def test_json_format(make_records: Callable[..., Path]) -> None:
    result = run("validate", "--format", "json", "--records", str(broken(make_records)))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["errors"] == len([p for p in data["problems"] if p["severity"] == "error"])
    first = data["problems"][0]
    assert set(first) == {"path", "line", "column", "severity", "code", "message"}
    missing = [p for p in data["problems"] if p["code"] == "unrated-department"]
    assert missing and missing[0]["path"] == "records/2026-11/ratings/chen.yaml"


def test_github_format(make_records: Callable[..., Path]) -> None:
    result = run("validate", "--format", "github", "--records", str(broken(make_records)))
    assert result.returncode == 1
    assert (
        "::error file=records/2026-11/targets/security.yaml,line=2,col=88,title=unknown-key::"
        in result.stdout
    )


def test_missing_file_has_no_position(make_records: Callable[..., Path]) -> None:
    root = make_records({"2026-11/ratings/liu.yaml": None})
    result = run("validate", "--records", str(root))
    assert "records/2026-11/ratings/liu.yaml: error: " in result.stdout
    assert "[missing-record]" in result.stdout


def test_strict_turns_warnings_into_failure(make_records: Callable[..., Path]) -> None:
    root = make_records(
        {
            "2026-11/month.yaml": "status: open\n",
            "2026-11/targets/admin.yaml": "items:\n  - {id: K1, kind: key, title: 方案, standard: 通过,"
            " deadline: 2026-11-25, owner: zhao, weight: 10}\n",
            "2026-11/assessments/admin.yaml": None,
        }
    )
    assert run("validate", "--records", str(root)).returncode == 0
    assert run("validate", "--strict", "--records", str(root)).returncode == 1


def test_no_records_folder_is_usage_error(tmp_path: Path) -> None:
    result = run("validate", "--records", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_validation_is_deterministic(make_records: Callable[..., Path]) -> None:
    root = broken(make_records)
    first = run("validate", "--format", "json", "--records", str(root)).stdout
    assert first == run("validate", "--format", "json", "--records", str(root)).stdout


def test_records_found_from_a_subfolder_of_the_work_tree(make_records: Callable[..., Path]) -> None:
    root = make_records({"2026-11/ratings/chen.yaml": "scores:\n  admin: 92\n  securty: 88\n"})
    subprocess.run(["git", "init", "-q", str(root.parent)], check=True)
    subprocess.run(["git", "-C", str(root.parent), "add", "-A"], check=True)
    result = run("validate", cwd=root / "2026-11" / "ratings")
    assert result.returncode == 1, result.stdout + result.stderr
    assert [line.split(": error: ")[0] for line in result.stdout.splitlines()] == [
        "records/2026-11/ratings/chen.yaml:2:3",
        "records/2026-11/ratings/chen.yaml:3:12",
    ]


def test_table_refused_where_it_would_be_ignored(make_records: Callable[..., Path]) -> None:
    for output_format in ("json", "xlsx"):
        result = run(
            "score",
            "--records",
            str(make_records()),
            "--format",
            output_format,
            "--table",
            "years",
            "--output",
            "/dev/null",
        )
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            "用法：kaoping score [选项]",
            "运行“kaoping score --help”查看帮助。",
            f"错误：--table 只适用于 --format table 或 csv，不适用于 {output_format}",
        ]
