"""``kaoping codeowners``: write or check .github/CODEOWNERS from org.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from scoring.cli.common import cli, load_or_exit, records_option, refuse_on_errors
from scoring.codeowners import codeowners as make_codeowners


@cli.command()
@records_option
@click.option("--check", is_flag=True, help="Only check that the committed file is current.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The CODEOWNERS file (default: .github/CODEOWNERS beside the records folder).",
)
def codeowners(records: Path, check: bool, output: Path | None) -> None:
    """Generate .github/CODEOWNERS from the people and departments in org.yaml."""
    validation = load_or_exit(records)
    refuse_on_errors(validation)
    target = output or records.resolve().parent / ".github" / "CODEOWNERS"
    ownership = make_codeowners(validation.records, records.resolve().name)
    for person in ownership.skipped:
        click.echo(f"warning: {person} has no github handle and owns nothing", err=True)
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != ownership.text:
            click.echo(f"{target} is not current: run `kaoping codeowners`", err=True)
            raise SystemExit(1)
        click.echo(f"{target} is current")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(ownership.text, encoding="utf-8")
    click.echo(f"wrote {target}")
