"""``kaoping schema``: JSON Schemas of every record kind, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from scoring.cli.common import cli, say, usage_error
from scoring.jsonschemas import all_schemas, organisation_ids, schema_text
from scoring.records import read_records


@cli.command()
@click.option("--records", type=click.Path(path_type=Path), default=None)
@click.option("--output", type=click.Path(path_type=Path))
def schema(records: Path | None, output: Path | None) -> None:
    """Print (or write) the JSON Schemas of every record kind."""
    ids = None
    if records is not None:
        if not (records / "org.yaml").is_file():
            raise usage_error("cli.no-org", path=records)
        ids = organisation_ids(read_records(records).records)
    schemas = all_schemas(ids)
    if output is None:
        click.echo(json.dumps(schemas, ensure_ascii=False, indent=2, sort_keys=True))
        return
    if output.exists() and not output.is_dir():
        raise usage_error("cli.is-a-file", path=output)
    output.mkdir(parents=True, exist_ok=True)
    for kind, value in schemas.items():
        (output / f"{kind}.schema.json").write_text(schema_text(kind, value), encoding="utf-8")
    click.echo(say("cli.schemas-written", count=len(schemas), path=output))
