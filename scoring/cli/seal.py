"""``kaoping seal YYYY-MM [--write]``: a month's seal, and whether the stored one matches."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, load_or_exit, records_option, refuse_on_errors
from scoring.messages import ui_text
from scoring.sealing import SealReport, compute_seal


@cli.command()
@click.argument("month")
@records_option
@click.option("--write", is_flag=True, help="Write the month's seal.yaml.")
def seal(month: str, records: Path, write: bool) -> None:
    """Print the seal of MONTH (inputs, figures, chain) and compare it with seal.yaml."""
    validation = load_or_exit(records)
    language = validation.language
    if month not in validation.records.months:
        raise click.UsageError(f"no month folder {month}")
    if write:
        # A stale seal must not stop its own renewal; every other error does.
        blocking = [p for p in validation.problems if not p.code.startswith("seal-")]
        validation.problems = blocking
    refuse_on_errors(validation)
    fresh = compute_seal(records, validation.records, validation.scored(), month)
    report = SealReport(fresh, validation.records.months[month].seal)
    click.echo(f"month: {month}")
    click.echo(f"previous: {fresh.previous or 'null'}")
    click.echo(f"inputs: {fresh.inputs}")
    click.echo(f"figures: {fresh.figures}")
    click.echo(f"seal: {fresh.seal}")
    click.echo(ui_text(f"seal-{report.state}", language))
    if write:
        (records / month / "seal.yaml").write_text(fresh.yaml_text(), encoding="utf-8")
        click.echo(ui_text("seal-written", language).format(path=f"{month}/seal.yaml"))
        return
    if report.state == "figures-changed":
        raise SystemExit(1)
