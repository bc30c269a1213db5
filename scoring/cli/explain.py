"""``kaoping explain ID YYYY-MM``: one department's total or one contract's payment, derived."""

from __future__ import annotations

from pathlib import Path

import click

from scoring import i18n
from scoring.cli.common import (
    check_month,
    cli,
    display_path,
    engine_or_exit,
    no_cache_option,
    records_option,
    refuse_on_errors,
)
from scoring.explain import Explanation, Line, explain, line_text


def _where(records: Path, line: Line) -> str:
    if line.at is None or not line.at.path:
        return ""
    where = display_path(records, line.at.path)
    if line.at.line is not None:
        where += f":{line.at.line}"
    return f"  [{where}]"


def format_explanation(records: Path, explanation: Explanation, language: str) -> str:
    """The title, then one line per step, indented, each with the record it comes from."""
    lines = [line_text(explanation.title, language)]
    for line in explanation.lines:
        indent = "  " * (line.indent + 1)
        lines.append(f"{indent}{line_text(line, language)}{_where(records, line)}")
    return "\n".join(lines)


@cli.command("explain")
@records_option
@click.argument("subject", metavar="ID")
@click.argument("month", metavar="YYYY-MM", callback=check_month)
@no_cache_option
def explain_command(records: Path, subject: str, month: str, no_cache: bool) -> None:
    """The derivation of a department's total or a contract's score and payment."""
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    refuse_on_errors(evaluation)
    language = i18n.language_of(evaluation.language)
    shared = evaluation.shared
    known = {d.id for d in shared.org.departments} if shared.org else set()
    known |= set(shared.contracts)
    problem = None
    if subject not in known:
        problem = i18n.text("cli.unknown-id", language, id=subject)
    elif month not in evaluation.months:
        problem = i18n.text("cli.unknown-month", language, month=month)
    explanation = None
    if problem is None:
        assert shared.org is not None
        found = engine.month_result(month)
        explanation = explain(shared.org, engine.month_records(month), found, subject)
        if explanation is None:
            problem = i18n.text("cli.not-in-month", language, id=subject, month=month)
    if problem is not None or explanation is None:
        click.echo(problem, err=True)
        raise SystemExit(1)
    click.echo(format_explanation(records, explanation, language))
