"""``kaoping validate``: every file and every cross-record rule."""

from __future__ import annotations

from pathlib import Path

import click

from scoring import cache
from scoring.cli.common import FORMATS, cli, load_or_exit, records_option
from scoring.messages import ui_text


@cli.command()
@records_option
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read every file; neither use nor write .cache/kaoping/ beside the records folder.",
)
def validate(records: Path, output_format: str, strict: bool, no_cache: bool) -> None:
    """Check every record and every rule between records.

    Unless --no-cache, month folders whose files are unchanged since the last run are
    not read again: what they gave is kept in .cache/kaoping/ beside the records
    folder, keyed by content hashes; the problems are the same either way.
    """
    validation = load_or_exit(records, None if no_cache else cache.validate)
    text = FORMATS[output_format](validation, validation.problems)
    if text:
        click.echo(text)
    if output_format == "text":
        summary = ui_text("validate-summary", validation.language).format(
            errors=validation.errors,
            warnings=validation.warnings,
            files=len(validation.records.present),
        )
        click.echo(summary, err=True)
    failed = validation.errors > 0 or (strict and validation.warnings > 0)
    raise SystemExit(1 if failed else 0)
