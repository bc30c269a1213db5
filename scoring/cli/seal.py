"""``kaoping seal YYYY-MM [--write]``: a month's seal, and whether the stored one matches."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import (
    check_month,
    cli,
    engine_or_exit,
    format_text,
    no_cache_option,
    records_option,
    usage_error,
)
from scoring.messages import ui_text
from scoring.sealing import SealReport, month_seal_of


@cli.command()
@click.argument("month", metavar="YYYY-MM", callback=check_month)
@records_option
@click.option("--write", is_flag=True)
@no_cache_option
def seal(month: str, records: Path, write: bool, no_cache: bool) -> None:
    """Print the seal of MONTH (inputs, figures, chain) and compare it with seal.yaml."""
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    language = evaluation.language
    if month not in evaluation.months:
        raise usage_error("cli.no-month", month=month)
    # a stale seal must not stop its own renewal; every other error does
    blocking = [
        p for p in evaluation.problems if p.severity == "error" and not p.code.startswith("seal-")
    ]
    if blocking:
        click.echo(format_text(evaluation, blocking), err=True)
        raise SystemExit(1)
    fresh = month_seal_of(engine, month)
    report = SealReport(fresh, evaluation.summaries[month].seal)
    click.echo(f"month: {month}")  # the keys of seal.yaml, as its lines read
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
