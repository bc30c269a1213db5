"""``kaoping check-lock BASE``: the closed-month lock between BASE and the working tree."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import FORMATS, cli, no_cache_option, records_option, usage_error
from scoring.lock import check_lock as run_check_lock
from scoring.messages import ui_text
from scoring.revisions import RevisionError


@cli.command("check-lock")
@click.argument("base")
@records_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
)
@no_cache_option
def check_lock(base: str, records: Path, output_format: str, no_cache: bool) -> None:
    """Refuse changes to closed months and appeals that the closed-month lock forbids.

    Errors are refusals (exit 1); warnings and notices (a change to the code or the
    workflows, which needs a maintainer's review) are said and pass.
    """
    try:
        report = run_check_lock(records, base, cache=not no_cache)
    except RevisionError as exc:
        raise usage_error(exc.key, **exc.params) from None
    text = FORMATS[output_format](report, report.problems)
    if text:
        click.echo(text)
    if report.errors:
        raise SystemExit(1)
    click.echo(ui_text("lock-ok", report.language))
