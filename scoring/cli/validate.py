"""``kaoping validate``: every file and every cross-record rule."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import FORMATS, cli, engine_or_exit, no_cache_option, records_option
from scoring.messages import ui_text


@cli.command()
@records_option
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text")
@click.option("--strict", is_flag=True)
@no_cache_option
def validate(records: Path, output_format: str, strict: bool, no_cache: bool) -> None:
    """Check every record and every rule between records.

    Unless --no-cache, month folders whose files are unchanged since the last run are
    not read again: what they gave is kept in .cache/kaoping/ beside the records
    folder, keyed by content hashes; the problems are the same either way.
    """
    evaluation = engine_or_exit(records, no_cache).evaluation()
    problems = list(evaluation.problems)
    text = FORMATS[output_format](evaluation, problems)
    if text:
        click.echo(text)
    if output_format == "text":
        summary = ui_text("validate-summary", evaluation.language).format(
            errors=evaluation.errors,
            warnings=evaluation.warnings,
            files=len(evaluation.present),
        )
        click.echo(summary, err=True)
    failed = evaluation.errors > 0 or (strict and evaluation.warnings > 0)
    raise SystemExit(1 if failed else 0)
