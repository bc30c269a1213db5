"""``kaoping diff BASE [HEAD]``: what a change does to published and closed figures."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, format_text, records_option
from scoring.diffing import figure_changes, markdown
from scoring.messages import ui_text
from scoring.revisions import RevisionError, records_at
from scoring.validation import Validation, validate


def _scored(validation: Validation, side: str) -> None:
    if validation.errors:
        click.echo(f"{side}:", err=True)
        errors = [p for p in validation.problems if p.severity == "error"]
        click.echo(format_text(validation, errors), err=True)


@cli.command()
@click.argument("base")
@click.argument("head", required=False)
@records_option
def diff(base: str, head: str | None, records: Path) -> None:
    """Markdown table of the figures a change moves (HEAD defaults to the working tree)."""
    try:
        with records_at(records, base) as base_root, records_at(records, head) as head_root:
            before, after = validate(base_root), validate(head_root)
            failed = before.errors or after.errors
            _scored(before, base)
            _scored(after, head or "working tree")
            if failed:
                raise SystemExit(1)
            changes = figure_changes(before.scored(), after.scored())
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from None
    language = after.language
    click.echo(markdown(changes, language, ui_text("no-change", language)), nl=False)
