"""What every command shares: the group, the ``--records`` option, problem reporting.

Every text a command shows comes from the catalogues in the organisation's language:
``language`` describes the mechanism (``say``, ``usage_error``, help keys).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Protocol

import click

from scoring.cli.language import (
    Group,
    default_records,
    language,
    say,
    usage_error,
)
from scoring.engine import Engine, Evaluation, folder_engine
from scoring.problems import Problem

__all__ = ["cli", "default_records", "language", "say", "usage_error"]

MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def _records(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    if value is None:
        return default_records()
    if value.exists() and not value.is_dir():
        raise usage_error("cli.is-a-file", path=value)
    return value


records_option = click.option(
    "--records", "records", type=click.Path(path_type=Path), default=None, callback=_records
)

no_cache_option = click.option("--no-cache", is_flag=True)


def check_month(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A YYYY-MM argument or option, or a usage error saying so."""
    if value is not None and not MONTH.match(value):
        raise click.BadParameter(say("cli.expected-month"), ctx=ctx, param=param)
    return value


@click.group(name="kaoping", cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """kaoping: performance evaluation kept as records in git."""


class Report(Protocol):
    """What the formatters need of a report: its records folder's name and its language."""

    @property
    def name(self) -> str: ...

    @property
    def language(self) -> str: ...


def display_path(root: Path, path: str) -> str:
    """A records-relative path shown relative to the records folder's parent."""
    name = root.resolve().name if root.name in ("", ".", "..") else root.name
    return f"{name}/{path}" if path not in ("", ".") else name


def format_text(validation: Report, problems: list[Problem]) -> str:
    lines = []
    for problem in problems:
        path = display_path(Path(validation.name), problem.path)
        where = path if problem.line is None else f"{path}:{problem.line}:{problem.column}"
        message = problem.message(validation.language)
        lines.append(f"{where}: {problem.severity}: {message} [{problem.code}]")
    return "\n".join(lines)


def _escape_annotation(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(validation: Report, problems: list[Problem]) -> str:
    lines = []
    for problem in problems:
        props = [
            f"file={_escape_annotation(display_path(Path(validation.name), problem.path), True)}"
        ]
        if problem.line is not None:
            props.append(f"line={problem.line}")
            props.append(f"col={problem.column}")
        props.append(f"title={_escape_annotation(problem.code, True)}")
        message = _escape_annotation(problem.message(validation.language))
        lines.append(f"::{problem.severity} {','.join(props)}::{message}")
    return "\n".join(lines)


def format_json(validation: Report, problems: list[Problem]) -> str:
    data: dict[str, Any] = {
        "problems": [
            {
                "path": display_path(Path(validation.name), problem.path),
                "line": problem.line,
                "column": problem.column,
                "severity": problem.severity,
                "code": problem.code,
                "message": problem.message(validation.language),
            }
            for problem in problems
        ],
        "errors": sum(1 for p in problems if p.severity == "error"),
        "warnings": sum(1 for p in problems if p.severity == "warning"),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


FORMATS = {"text": format_text, "github": format_github, "json": format_json}


def engine_or_exit(records: Path, no_cache: bool = False) -> Engine:
    """The engine of the records folder; exit 2 when there is no such folder."""
    if not records.is_dir():
        raise usage_error("cli.no-records", path=records) from None
    return folder_engine(records, cache=not no_cache)


def refuse_on_errors(evaluation: Evaluation) -> None:
    """Commands that compute results refuse (exit 1, with the messages) while errors exist."""
    if evaluation.errors:
        errors = [p for p in evaluation.problems if p.severity == "error"]
        click.echo(format_text(evaluation, errors), err=True)
        raise SystemExit(1)
