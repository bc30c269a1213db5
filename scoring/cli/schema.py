"""``kaoping schema``: JSON Schemas of every record kind, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from scoring.cli.common import cli, records_option
from scoring.jsonschemas import all_schemas, schema_text


@cli.command()
@records_option
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one KIND.schema.json a kind into this folder instead of printing.",
)
def schema(records: Path, output: Path | None) -> None:
    """Print (or write) the JSON Schemas of every record kind."""
    del records  # the schemas do not depend on the records
    schemas = all_schemas()
    if output is None:
        click.echo(json.dumps(schemas, ensure_ascii=False, indent=2, sort_keys=True))
        return
    output.mkdir(parents=True, exist_ok=True)
    for kind in schemas:
        (output / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
    click.echo(f"{len(schemas)} schemas written to {output}")
