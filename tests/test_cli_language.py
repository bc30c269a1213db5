"""The command line in the organisation's language: help, usage errors, its own lines."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import BASE, write_tree

from scoring.cli import cli
from scoring.cli.language import _width, detect_language, wrap
from scoring.messages import UI

KAOPING = [sys.executable, "-m", "scoring"]


def organisation(folder: Path, language: str) -> Path:
    """A valid records folder under ``folder`` whose org.yaml says ``language``."""
    tree = copy.deepcopy(BASE)
    tree["org.yaml"]["language"] = language
    write_tree(folder / "records", tree)
    return folder / "records"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [*KAOPING, *args], capture_output=True, text=True, cwd=cwd, env=environment, timeout=120
    )


def test_every_command_and_option_has_help_in_both_languages() -> None:
    for name, command in cli.commands.items():
        for language in ("en", "zh"):
            assert f"help.{name}" in UI[language], (language, name)
            for param in command.params:
                if isinstance(param, click.Option):
                    keys = (f"help.{name}.{param.name}", f"help.option.{param.name}")
                    assert any(key in UI[language] for key in keys), (language, name, param.name)
    assert "help.kaoping" in UI["en"] and "help.kaoping" in UI["zh"]


def test_catalogues_have_the_same_command_line_keys() -> None:
    assert set(UI["en"]) == set(UI["zh"])


def test_help_speaks_the_records_language(tmp_path: Path) -> None:
    organisation(tmp_path, "zh")
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "用法：kaoping [选项] 命令 [参数]..."
    assert "  validate    检查每一份记录，以及记录之间的每一条规则。" in lines
    assert "  -h, --help  显示本帮助并退出。" in lines
    assert "选项：" in lines and "命令：" in lines
    validate = run("validate", "--help", cwd=tmp_path).stdout.splitlines()
    assert validate[0] == "用法：kaoping validate [选项]"
    assert "  --strict                     把警告也当作错误（退出状态 1）。" in validate


def test_help_in_english(tmp_path: Path) -> None:
    organisation(tmp_path, "en")
    lines = run("seal", "--help", cwd=tmp_path).stdout.splitlines()
    assert lines[:3] == [
        "Usage: kaoping seal [OPTIONS] YYYY-MM",
        "",
        "  A month's seal, and whether the stored seal.yaml matches.",
    ]
    assert "  --write         Write the month's seal.yaml." in lines


def test_records_named_on_the_command_line_decide(tmp_path: Path) -> None:
    english = organisation(tmp_path / "a", "en")
    chinese = organisation(tmp_path / "b", "zh")
    assert detect_language(["validate", "--records", str(chinese)]) == "zh"
    assert detect_language(["validate", f"--records={english}"]) == "en"


@pytest.mark.parametrize(
    ("language", "args", "expected"),
    [
        (
            "zh",
            ["validate", "--format", "xml"],
            [
                "用法：kaoping validate [选项]",
                "运行“kaoping validate --help”查看帮助。",
                "错误：“--format”的值无效：“xml”不是可选值之一：text, github, json。",
            ],
        ),
        (
            "en",
            ["validate", "--format", "xml"],
            [
                "Usage: kaoping validate [OPTIONS]",
                "Try 'kaoping validate --help' for help.",
                "Error: Invalid value for '--format': 'xml' is not one of text, github, json.",
            ],
        ),
        (
            "zh",
            ["seal"],
            [
                "用法：kaoping seal [选项] YYYY-MM",
                "运行“kaoping seal --help”查看帮助。",
                "错误：缺少参数 YYYY-MM。",
            ],
        ),
        (
            "zh",
            ["valdate"],
            [
                "用法：kaoping [选项] 命令 [参数]...",
                "运行“kaoping --help”查看帮助。",
                "错误：没有命令“valdate”。",
            ],
        ),
        (
            "zh",
            ["score", "--month", "2026/11"],
            [
                "用法：kaoping score [选项]",
                "运行“kaoping score --help”查看帮助。",
                "错误：“--month”的值无效：应为 YYYY-MM 格式的月份",
            ],
        ),
        (
            "zh",
            ["validate", "--stict"],
            [
                "用法：kaoping validate [选项]",
                "运行“kaoping validate --help”查看帮助。",
                "错误：没有选项 --stict（是否应为 --strict？）",
            ],
        ),
        (
            "zh",
            ["score", "--month", "2026-10"],
            [
                "用法：kaoping score [选项]",
                "运行“kaoping score --help”查看帮助。",
                "错误：没有 2026-10 月份目录",
            ],
        ),
    ],
)
def test_usage_errors_speak_the_records_language(
    tmp_path: Path, language: str, args: list[str], expected: list[str]
) -> None:
    organisation(tmp_path, language)
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == expected


def test_no_records_folder_from_a_subfolder_finds_the_repository(tmp_path: Path) -> None:
    organisation(tmp_path, "zh")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    inside = run("validate", cwd=tmp_path / "records" / "2026-11")
    assert inside.returncode == 0
    assert inside.stderr == "10 个文件：0 个错误，0 个警告\n"
    elsewhere = tmp_path / "nowhere"
    elsewhere.mkdir()
    result = run("validate", "--records", str(elsewhere / "records"), cwd=elsewhere)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"Error: no records folder at {elsewhere}/records"


def test_a_zh_locale_speaks_chinese_without_records(tmp_path: Path) -> None:
    environment = {"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8"}
    result = subprocess.run(
        [*KAOPING, "validate", "--records", str(tmp_path / "records")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"错误：{tmp_path}/records 处没有记录目录"


def test_lines_the_commands_say(tmp_path: Path) -> None:
    records = organisation(tmp_path, "zh")
    result = run("check-lock", "HEAD", "--records", str(records), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"错误：{records} 不在 git 仓库中"
    schemas = run("schema", "--output", str(tmp_path / "schemas"), cwd=tmp_path)
    assert schemas.stdout == f"已把 14 个 Schema 写入 {tmp_path / 'schemas'}\n"


def test_chinese_help_wraps_by_the_columns_it_takes() -> None:
    text = "每个问题一行：文件:行:列、error（错误）或 warning（警告）、说明，方括号中为问题代码。"
    lines = wrap(text, 30, "  ").splitlines()
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert _width(line) <= 30, line
        assert line.strip()[0] not in "，。、；：）", line
    assert wrap("use --no-cache here", 12) == "use\n--no-cache\nhere"
