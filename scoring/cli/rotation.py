"""``kaoping rotation YEAR [--write]``: the year's overseer schedule; fills open months."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, display_path, engine_or_exit, no_cache_option, records_option
from scoring.exports import LABELS, align
from scoring.rotation import Rotation, plan_rotation, write_rotation


def schedule_table(rotation: Rotation, names: dict[str, str], language: str) -> str:
    """The schedule as an aligned table, then each person's count."""
    labels = LABELS.get(language, LABELS["en"])
    rows = [
        [
            month.month,
            labels.get(month.status or "", month.status or ""),
            ", ".join(names.get(p, p) for p in month.overseers),
        ]
        for month in rotation.months
    ]
    schedule = align([labels["month"], labels["status"], labels["overseers"]], rows, [False] * 3)
    served = rotation.counts()
    counts = [[names.get(p, p), str(served.get(p, 0))] for p in rotation.pool]
    tally = align([labels["person"], labels["months"]], counts, [False, True])
    return f"{schedule}\n\n{tally}"


@cli.command()
@records_option
@click.argument("year", type=click.IntRange(1, 9999), metavar="YEAR")
@click.option("--write", is_flag=True, help="Fill `overseers` of the year's open months.")
@no_cache_option
def rotation(records: Path, year: int, write: bool, no_cache: bool) -> None:
    """Print a fair overseer schedule for YEAR."""
    engine = engine_or_exit(records, no_cache)
    org = engine.evaluation().org
    if org is None:
        raise click.UsageError(f"cannot read {display_path(records, 'org.yaml')}")
    plan = plan_rotation(engine.records(), year)
    names = {person.id: person.name for person in org.people}
    click.echo(schedule_table(plan, names, org.language))
    if write:
        for path in write_rotation(records, plan):
            click.echo(display_path(records, path))
