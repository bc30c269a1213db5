"""``kaoping check-lock BASE``: the closed-month lock between BASE and the working tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from scoring import model
from scoring.cli.common import cli, display_path, records_option
from scoring.engine import Engine
from scoring.lock import check_lock as run_check_lock
from scoring.messages import ui_text
from scoring.problems import sorted_problems
from scoring.published import sealed_figures
from scoring.records import read_records
from scoring.revisions import RevisionError, records_at
from scoring.sources import FolderSource


@cli.command("check-lock")
@click.argument("base")
@records_option
def check_lock(base: str, records: Path) -> None:
    """Refuse changes to closed months that come without an upheld appeal."""
    try:
        with records_at(records, base) as base_root:
            base_records = read_records(base_root).records
            head_records = read_records(records).records
            engines = {
                id(base_records): Engine(FolderSource(base_root)),
                id(head_records): Engine(FolderSource(records)),
            }
            problems = run_check_lock(
                base_root, records, base_records, head_records, figures_of(engines)
            )
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from None
    language = head_records.org.language if head_records.org else "en"
    for problem in sorted_problems(problems):
        where = display_path(records, problem.path)
        click.echo(f"{where}: error: {problem.message(language)} [{problem.code}]")
    if problems:
        raise SystemExit(1)
    click.echo(ui_text("lock-ok", language))


def figures_of(engines: dict[int, Engine]) -> Callable[[model.Records, str], object]:
    """``figures_of`` through each side's engine (its figures settled once a month)."""

    def figures(records: model.Records, month: str) -> object:
        engine = engines[id(records)]
        if engine.evaluation().errors or month not in engine.evaluation().months:
            return None
        return sealed_figures(engine.month_figures(month))

    return figures
