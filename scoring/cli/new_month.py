"""``kaoping new-month YYYY-MM``: scaffold a month's files and folders; never overwrites."""

from __future__ import annotations

import re
from pathlib import Path

import click

from scoring.cli.common import (
    cli,
    display_path,
    engine_or_exit,
    format_text,
    no_cache_option,
    records_option,
)
from scoring.messages import ui_text
from scoring.scaffold import create_missing, plan_month, skipped_months

_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
# the files new-month reads: an error in one of them would be copied into the new month
_SOURCES = re.compile(r"^(org\.yaml|routine/[^/]+|services/[^/]+)$")


@cli.command("new-month")
@records_option
@click.argument("month", metavar="YYYY-MM")
@no_cache_option
def new_month(records: Path, month: str, no_cache: bool) -> None:
    """Create the month's month.yaml, targets with routine items, service checks files,
    and its folders (assessments, inspections, evidence, ratings, bonuses).

    Only missing files are created; existing ones are never touched, and each is named.
    A closed month is refused (exit 1), as is a month whose sources (org.yaml, routine/,
    services/) have errors. Months left behind without a folder are named.
    """
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    language = evaluation.language
    if not _MONTH.match(month):
        raise click.BadParameter(ui_text("month-format", language), param_hint="YYYY-MM")
    blocking = [p for p in evaluation.problems if p.severity == "error" and _SOURCES.match(p.path)]
    if blocking or evaluation.org is None:
        click.echo(ui_text("new-month-blocked", language), err=True)
        if blocking:
            click.echo(format_text(evaluation, blocking), err=True)
        raise SystemExit(1)
    existing = evaluation.summaries.get(month)
    if existing is not None and existing.status == "closed":
        # a new file in a closed month would break the closed-month lock (§4)
        where = display_path(records, month)
        click.echo(ui_text("new-month-closed", language).format(month=where), err=True)
        raise SystemExit(1)
    done = create_missing(records, plan_month(engine.records(), month))
    for path in done.created:
        click.echo(ui_text("new-month-created", language).format(path=display_path(records, path)))
    for path in done.skipped:
        click.echo(ui_text("new-month-skipped", language).format(path=display_path(records, path)))
    missing = skipped_months(evaluation.months, month)
    if missing:
        latest = max(m for m in evaluation.months if m < month)
        note = ui_text("new-month-gap", language).format(
            missing=ui_text("list-separator", language).join(missing),
            latest=latest,
            first=missing[0],
        )
        click.echo(note, err=True)
