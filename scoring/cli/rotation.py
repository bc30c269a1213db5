"""``kaoping rotation YEAR [--write]``: the year's overseer schedule; fills open months."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, display_path, engine_or_exit, no_cache_option, records_option
from scoring.exports import LABELS, align
from scoring.messages import ui_text
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
@click.option(
    "--write",
    is_flag=True,
    help="Fill `overseers` of the year's open months that have none (filled ones are kept).",
)
@no_cache_option
def rotation(records: Path, year: int, write: bool, no_cache: bool) -> None:
    """Print a fair overseer schedule for YEAR.

    Months under way and open months whose overseers are filled keep them; the rest of
    the year is scheduled around them. With --write, the open months without overseers
    get the schedule's; each file written and each month kept is named.
    """
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    org = evaluation.org
    if org is None:
        path = display_path(records, "org.yaml")
        raise click.UsageError(ui_text("rotation-no-org", evaluation.language).format(path=path))
    plan = plan_rotation(engine.records(), year)
    names = {person.id: person.name for person in org.people}
    language = org.language
    click.echo(schedule_table(plan, names, language))
    if not write:
        return
    done = write_rotation(records, plan)
    click.echo()
    separator = ui_text("list-separator", language)

    def people(overseers: tuple[str, ...]) -> str:
        return separator.join(names.get(p, p) for p in overseers) or "[]"

    for path, overseers in done.written:
        line = ui_text("rotation-written", language)
        click.echo(line.format(path=display_path(records, path), overseers=people(overseers)))
    for path, overseers in done.kept:
        line = ui_text("rotation-kept", language)
        click.echo(line.format(path=display_path(records, path), overseers=people(overseers)))
    if not done.written:
        click.echo(ui_text("rotation-unchanged", language))
