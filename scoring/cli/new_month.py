"""``kaoping new-month YYYY-MM``: scaffold a month's files; never overwrites."""

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
from scoring.scaffold import create_missing, plan_month

_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
# the files new-month reads: an error in one of them would be copied into the new month
_SOURCES = re.compile(r"^(org\.yaml|routine/[^/]+|services/[^/]+)$")


@cli.command("new-month")
@records_option
@click.argument("month", metavar="YYYY-MM")
@no_cache_option
def new_month(records: Path, month: str, no_cache: bool) -> None:
    """Create the month's month.yaml, targets with routine items and service checks files.

    Only missing files are created; existing ones are never touched. A closed month is
    refused (exit 1), as is a month whose sources (org.yaml, routine/, services/) have
    errors.
    """
    if not _MONTH.match(month):
        raise click.BadParameter("expected a month as YYYY-MM", param_hint="YYYY-MM")
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    blocking = [p for p in evaluation.problems if p.severity == "error" and _SOURCES.match(p.path)]
    if blocking or evaluation.org is None:
        if blocking:
            click.echo(format_text(evaluation, blocking), err=True)
        raise SystemExit(1)
    existing = evaluation.summaries.get(month)
    if existing is not None and existing.status == "closed":
        # a new file in a closed month would break the closed-month lock (§4)
        click.echo(f"{display_path(records, month)}: the month is closed", err=True)
        raise SystemExit(1)
    created = create_missing(records, plan_month(engine.records(), month))
    for path in created:
        click.echo(display_path(records, path))
