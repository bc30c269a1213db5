"""``kaoping score``: the results of every month and year, as a table, JSON, CSV or XLSX."""

from __future__ import annotations

import re
from pathlib import Path

import click

from scoring import exports
from scoring.cli.common import (
    cli,
    engine_or_exit,
    no_cache_option,
    records_option,
    refuse_on_errors,
)
from scoring.published import Figures

_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
FORMATS = ("table", "json", "csv", "xlsx")


def _check_month(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _MONTH.match(value):
        raise click.BadParameter("expected a month as YYYY-MM")
    return value


def select(results: Figures, month: str | None, year: int | None) -> Figures:
    """Keep what ``--month`` or ``--year`` asks for; a usage error when it names nothing."""
    if month is not None:
        if results.month(month) is None:
            raise click.UsageError(f"no month folder {month}")
        return results.only_month(month)
    if year is not None:
        if results.year(year) is None:
            raise click.UsageError(f"no month folder in {year}")
        return results.only_year(year)
    return results


def render(results: Figures, output_format: str, table: str | None) -> bytes:
    if output_format == "json":
        return exports.to_json(results).encode("utf-8")
    if output_format == "csv":
        return exports.to_csv(results, table or "months").encode("utf-8")
    if output_format == "xlsx":
        return exports.to_xlsx(results)
    return exports.to_table(results, table).encode("utf-8")


@cli.command()
@records_option
@click.option("--month", callback=_check_month, metavar="YYYY-MM", help="Only this month.")
@click.option("--year", type=click.IntRange(1, 9999), metavar="YYYY", help="Only this year.")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True
)
@click.option(
    "--table",
    type=click.Choice(exports.TABLES),
    help="The table to print (csv: default months; table: one section only).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (required for xlsx).",
)
@no_cache_option
def score(
    records: Path,
    month: str | None,
    year: int | None,
    output_format: str,
    table: str | None,
    output: Path | None,
    no_cache: bool,
) -> None:
    """Compute the results; refuses while the records have validation errors."""
    if month is not None and year is not None:
        raise click.UsageError("give --month or --year, not both")
    if output_format == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE")
    if table is not None and output_format not in ("table", "csv"):
        # json and xlsx always hold every table: an ignored --table would mislead
        raise click.UsageError(f"--table applies to --format table or csv, not {output_format}")
    engine = engine_or_exit(records, no_cache)
    refuse_on_errors(engine.evaluation())
    results = select(engine.figures(), month, year)
    data = render(results, output_format, table)
    if output is None:
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        click.echo(f"cannot write {output}: {exc.strerror}", err=True)
        raise SystemExit(2) from None
