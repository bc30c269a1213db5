"""``kaoping rewards YEAR``: a year's reward allocation per person and department (§11)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from scoring import exports_rewards, i18n
from scoring.cli.common import (
    cli,
    engine_or_exit,
    no_cache_option,
    records_option,
    refuse_on_errors,
    say,
    usage_error,
)
from scoring.cli.explain import format_explanation
from scoring.explain import explain_reward
from scoring.results.rewards import Allocation, allocate, unavailable

FORMATS = ("table", "json", "csv", "xlsx")


def render(allocation: Allocation, output_format: str, unit: str, language: str) -> bytes:
    if output_format == "json":
        return exports_rewards.to_json(allocation).encode("utf-8")
    if output_format == "csv":
        return exports_rewards.to_csv(allocation).encode("utf-8")
    if output_format == "xlsx":
        return exports_rewards.to_xlsx(allocation, language)
    return exports_rewards.to_table(allocation, unit, language).encode("utf-8")


def _refuse(message: str) -> NoReturn:
    click.echo(f"kaoping rewards: {message}", err=True)
    raise SystemExit(1)


@cli.command("rewards")
@records_option
@click.argument("year", type=click.IntRange(1, 9999), metavar="YEAR")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--explain", "person", metavar="PERSON")
@no_cache_option
def rewards_command(
    records: Path,
    year: int,
    output_format: str,
    output: Path | None,
    person: str | None,
    no_cache: bool,
) -> None:
    """The reward allocation of YEAR: per person and department, the months served, the
    department's yearly results, the coefficient and the reward (DESIGN.md §11)."""
    if output_format == "xlsx" and output is None and person is None:
        raise usage_error("cli.xlsx-needs-output")
    engine = engine_or_exit(records, no_cache)
    evaluation = engine.evaluation()
    refuse_on_errors(evaluation)
    org = evaluation.org
    assert org is not None
    language = i18n.language_of(org.language)
    found = next((y for y in engine.years() if y.year == year), None)
    reason = unavailable(org, found)
    if reason is not None or found is None:
        key, params = reason or ("rewards.no-counted-month", {})
        _refuse(i18n.text(key, language, year=year, **params))
    allocation = allocate(org, found)
    if person is not None:
        if org.person(person) is None:
            _refuse(i18n.text("rewards.unknown-person", language, person=person))
        explanation = explain_reward(org, allocation, person)
        if explanation is None:
            _refuse(i18n.text("rewards.no-row", language, person=person, year=year))
        click.echo(format_explanation(records, explanation, language))
        return
    data = render(allocation, output_format, org.unit, language)
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
