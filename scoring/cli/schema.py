"""``kaoping schema``: JSON Schemas of every record kind, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from scoring.cli.common import cli
from scoring.jsonschemas import all_schemas, organisation_ids, schema_text
from scoring.records import read_records


@cli.command()
@click.option(
    "--records",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="List this organisation's ids (people, departments, public indicators, bonus "
    "rules) in the schemas, so that editors complete them; without it the schemas are "
    "the same for every organisation.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one KIND.schema.json a kind into this folder instead of printing.",
)
def schema(records: Path | None, output: Path | None) -> None:
    """Print (or write) the JSON Schemas of every record kind."""
    ids = None
    if records is not None:
        if not (records / "org.yaml").is_file():
            raise click.UsageError(f"no org.yaml in {records}")
        ids = organisation_ids(read_records(records).records)
    schemas = all_schemas(ids)
    if output is None:
        click.echo(json.dumps(schemas, ensure_ascii=False, indent=2, sort_keys=True))
        return
    output.mkdir(parents=True, exist_ok=True)
    for kind, value in schemas.items():
        (output / f"{kind}.schema.json").write_text(schema_text(kind, value), encoding="utf-8")
    click.echo(f"{len(schemas)} schemas written to {output}")
