"""``kaoping evidence add YYYY-MM PHOTO... [--name NAME]``: photos into a month's evidence/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scoring.cli.common import cli, display_path, engine_or_exit, no_cache_option, records_option
from scoring.messages import ui_text

if TYPE_CHECKING:
    from scoring.evidence import AddedPhoto, PhotoRefused

_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


@cli.group()
def evidence() -> None:
    """Evidence photos of a month (the photos findings, checks and claims name)."""


@evidence.command("add")
@records_option
@click.argument("month", metavar="YYYY-MM")
@click.argument(
    "photos",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="PHOTO...",
)
@click.option(
    "--name",
    help="Name the photo NAME.jpg (several photos: NAME-1.jpg, NAME-2.jpg…) "
    "[default: the photo's own file name].",
)
@no_cache_option
def add(
    records: Path, month: str, photos: tuple[Path, ...], name: str | None, no_cache: bool
) -> None:
    """Add PHOTO (JPEG, PNG, WebP or HEIC) to the month's evidence/ as JPEG.

    Each photo is turned upright, scaled to at most 4096 pixels on its long side and
    24 megapixels, saved as JPEG of at most 5 MiB with no metadata but its capture
    time, under a name of its own (an existing file is never replaced). A closed month
    is refused (exit 1), as is a photo that cannot be read (the others are added).
    """
    evaluation = engine_or_exit(records, no_cache).evaluation()
    language = evaluation.language
    if not _MONTH.match(month):
        raise click.BadParameter(ui_text("month-format", language), param_hint="YYYY-MM")
    summary = evaluation.summaries.get(month)
    where = display_path(records, month)
    if summary is None or summary.status is None:
        click.echo(ui_text("evidence-no-month", language).format(month=where), err=True)
        raise SystemExit(1)
    if summary.status == "closed":
        click.echo(ui_text("evidence-month-closed", language).format(month=where), err=True)
        raise SystemExit(1)
    from scoring.evidence import AddedPhoto, add_photos  # Pillow only for this command

    added: list[str] = []
    refused = 0
    for outcome in add_photos(records, month, photos, name):
        if isinstance(outcome, AddedPhoto):
            click.echo(_added_line(records, outcome, language))
            added.append(outcome.name)
        else:
            source, reason = outcome
            click.echo(f"{source}: {_refusal(reason, language)}", err=True)
            refused += 1
    if added:
        record_line = "evidence: [" + ", ".join(added) + "]"
        click.echo(ui_text("evidence-record-hint", language).format(line=record_line))
    if refused:
        raise SystemExit(1)


def _added_line(records: Path, photo: AddedPhoto, language: str) -> str:
    width, height = photo.size
    text = ui_text("evidence-added", language).format(
        path=display_path(records, photo.path),
        source=photo.source.name,
        size=f"{width}×{height}",
        filesize=_file_size(photo.bytes),
    )
    if photo.taken is None:
        return text + ui_text("evidence-no-time", language)
    day, _, time = photo.taken.partition(" ")
    return text + ui_text("evidence-taken", language).format(
        taken=f"{day.replace(':', '-')} {time}".strip()
    )


def _file_size(size: int) -> str:
    """840 KB, 3.2 MB (units of 1,024: as a file manager shows them)."""
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _refusal(reason: PhotoRefused, language: str) -> str:
    return ui_text(reason.code, language).format(**reason.params)
