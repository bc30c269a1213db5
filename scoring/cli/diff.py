"""``kaoping diff BASE [HEAD]``: what a change does to published and closed figures."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, format_text, no_cache_option, records_option, say, usage_error
from scoring.diffing import figure_changes, markdown
from scoring.engine import Engine, engine_at
from scoring.messages import ui_text
from scoring.revisions import RevisionError


def _refuse(engine: Engine, side: str) -> bool:
    """Print a side's errors under its name; whether it had any."""
    evaluation = engine.evaluation()
    if evaluation.errors:
        click.echo(f"{side}:", err=True)
        errors = [p for p in evaluation.problems if p.severity == "error"]
        click.echo(format_text(evaluation, errors), err=True)
    return evaluation.errors > 0


@cli.command()
@click.argument("base")
@click.argument("head", required=False)
@records_option
@no_cache_option
def diff(base: str, head: str | None, records: Path, no_cache: bool) -> None:
    """Markdown table of the figures a change moves (HEAD defaults to the working tree)."""
    try:
        with (
            engine_at(records, base, not no_cache) as before,
            engine_at(records, head, not no_cache) as after,
        ):
            failed = _refuse(before, base)
            failed = _refuse(after, head or say("cli.working-tree")) or failed
            if failed:
                raise SystemExit(1)
            changes = figure_changes(before.figures(), after.figures())
            language = after.evaluation().language
    except RevisionError as exc:
        raise usage_error(exc.key, **exc.params) from None
    click.echo(markdown(changes, language, ui_text("no-change", language)), nl=False)
