"""``kaoping check-lock BASE``: the closed-month lock between BASE and the working tree."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, display_path, records_option
from scoring.lock import check_lock as run_check_lock
from scoring.messages import ui_text
from scoring.problems import sorted_problems
from scoring.records import read_records
from scoring.revisions import RevisionError, records_at


@cli.command("check-lock")
@click.argument("base")
@records_option
def check_lock(base: str, records: Path) -> None:
    """Refuse changes to closed months that come without an upheld appeal."""
    try:
        with records_at(records, base) as base_root:
            base_records = read_records(base_root).records
            head_records = read_records(records).records
            figures_of = _figures_function()
            problems = run_check_lock(base_root, records, base_records, head_records, figures_of)
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from None
    language = head_records.org.language if head_records.org else "en"
    for problem in sorted_problems(problems):
        where = display_path(records, problem.path)
        click.echo(f"{where}: error: {problem.message(language)} [{problem.code}]")
    if problems:
        raise SystemExit(1)
    click.echo(ui_text("lock-ok", language))


def _figures_function():  # type: ignore[no-untyped-def]
    try:
        from scoring.sealing import month_figures
    except ImportError:  # the scorer is not part of this build yet
        return None
    return month_figures
