"""``kaoping score``: the results of every month and year, as a table, JSON, CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

import click

from scoring import exports
from scoring.cli.common import (
    check_month,
    cli,
    engine_or_exit,
    no_cache_option,
    records_option,
    refuse_on_errors,
    say,
    usage_error,
)
from scoring.published import Figures

FORMATS = ("table", "json", "csv", "xlsx")


def select(results: Figures, month: str | None, year: int | None) -> Figures:
    """Keep what ``--month`` or ``--year`` asks for; a usage error when it names nothing."""
    if month is not None:
        if results.month(month) is None:
            raise usage_error("cli.no-month", month=month)
        return results.only_month(month)
    if year is not None:
        if results.year(year) is None:
            raise usage_error("cli.no-month-in-year", year=year)
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
@click.option("--month", callback=check_month, metavar="YYYY-MM")
@click.option("--year", type=click.IntRange(1, 9999), metavar="YYYY")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True
)
@click.option("--table", type=click.Choice(exports.TABLES))
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path))
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
        raise usage_error("cli.month-or-year")
    if output_format == "xlsx" and output is None:
        raise usage_error("cli.xlsx-needs-output")
    if table is not None and output_format not in ("table", "csv"):
        # json and xlsx always hold every table: an ignored --table would mislead
        raise usage_error("cli.table-not-applicable", format=output_format)
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
        click.echo(say("cli.cannot-write", path=output, reason=exc.strerror or exc), err=True)
        raise SystemExit(2) from None
