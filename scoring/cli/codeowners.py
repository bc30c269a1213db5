"""``kaoping codeowners``: write or check .github/CODEOWNERS from org.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import (
    cli,
    engine_or_exit,
    no_cache_option,
    records_option,
    refuse_on_errors,
    say,
)
from scoring.codeowners import codeowners as make_codeowners


@cli.command()
@records_option
@click.option("--check", is_flag=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path))
@no_cache_option
def codeowners(records: Path, check: bool, output: Path | None, no_cache: bool) -> None:
    """Generate .github/CODEOWNERS from the people and departments in org.yaml."""
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    refuse_on_errors(evaluation)
    target = output or records.resolve().parent / ".github" / "CODEOWNERS"
    latest = evaluation.months[-1] if evaluation.months else None
    ownership = make_codeowners(evaluation.shared, records.resolve().name, latest)
    names = {person.id: person.name for person in evaluation.org.people} if evaluation.org else {}
    for person in ownership.skipped:
        click.echo(say("cli.no-handle", person=person, name=names.get(person, person)), err=True)
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != ownership.text:
            click.echo(say("cli.codeowners-stale", path=target), err=True)
            raise SystemExit(1)
        click.echo(say("cli.codeowners-current", path=target))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(ownership.text, encoding="utf-8")
    click.echo(say("cli.wrote", path=target))
