"""Reading a records folder: every file loaded, parsed into the model, problems collected.

``read_records`` walks ``records/`` once, recognises each file's kind by its path
(``formats.kind_of``), loads it (``loading``), reads it into the model (``formats``)
and files it into a ``model.Records``. Files in unexpected places, bad file names and
unreadable files are problems, never exceptions.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from scoring import model, suggestions
from scoring.formats import KINDS, kind_of
from scoring.loading import MAX_FILE_BYTES, load_bytes
from scoring.messages import visible
from scoring.problems import Pos, Problem, error
from scoring.schema import FILE_ID, INVALID, Reader
from scoring.sources import FILE, LINK, Entry, FolderSource, Listing, Source, SourceError
from scoring.suggestions import Choices

_INSPECTION_STEM = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-[a-z0-9][a-z0-9-]*$")
_SHEETS = {"targets", "assessments", "ratings", "bonuses", "services"}
# What a file's name should be (terms of the message catalogues).
_PRINTABLE_NAME = "printable-name"
_ID_NAME = "id-file-name"
_INSPECTION_NAME = "inspection-file-name"
NOT_REGULAR = "not a regular file"
# The problems reading raises (the loader, the formats, this reader): ``codes`` lists
# them with the rules' own.
CODES = frozenset(
    (
        "bad-choice",
        "bad-file-name",
        "bad-handle",
        "bad-id",
        "bad-range",
        "byte-order-mark",
        "chinese-quotes",
        "comment-in-text",
        "control-character",
        "crlf",
        "date-format",
        "duplicate-item",
        "duplicate-key",
        "empty-file",
        "empty-text",
        "expected-boolean",
        "expected-date",
        "expected-id",
        "expected-integer",
        "expected-list",
        "expected-mapping",
        "expected-month",
        "expected-number",
        "expected-scalar",
        "expected-text",
        "file-too-large",
        "full-width-bracket",
        "full-width-characters",
        "full-width-colon",
        "full-width-comma",
        "full-width-space",
        "invalid-date",
        "key-not-text",
        "missing-key",
        "month-format",
        "name-not-id",
        "no-records",
        "not-utf8",
        "out-of-range",
        "repository-url",
        "repository-userinfo",
        "symlink-record",
        "tab",
        "too-deep",
        "too-few-items",
        "too-many-decimals",
        "too-many-values",
        "unexpected-file",
        "unknown-key",
        "unreadable",
        "versions-order",
        "yaml-alias",
        "yaml-anchor",
        "yaml-bad-character",
        "yaml-bad-escape",
        "yaml-expected-colon",
        "yaml-indentation",
        "yaml-merge",
        "yaml-several-documents",
        "yaml-surprise",
        "yaml-syntax",
        "yaml-tag",
        "yaml-unclosed-bracket",
        "yaml-unclosed-quote",
        "yaml-unexpected-colon",
        "yaml-unexpected-dash",
    )
)


@dataclass
class Loaded:
    """The parsed records and the problems of reading them."""

    records: model.Records
    problems: list[Problem] = field(default_factory=list)


def _walk(root: Path) -> tuple[list[str], list[str]]:
    """Files and symbolically linked folders under ``root``, as sorted relative POSIX paths.

    Linked folders are not entered (``os.walk`` never follows them): what they hold is
    not part of the records, and reading it could reach anywhere.
    """
    found: list[str] = []
    linked: list[str] = []
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        relative = os.path.relpath(directory, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in files if not name.startswith("."))
        linked.extend(
            prefix + name for name in folders if os.path.islink(os.path.join(directory, name))
        )
    return sorted(found), sorted(linked)


def list_files(root: Path) -> list[str]:
    """Every file under ``root`` as a sorted POSIX path relative to it; dotfiles skipped."""
    return _walk(root)[0]


def printable(path: str) -> str:
    """A path as it can be shown on one line: undecodable bytes and hidden characters escaped."""
    if path.isascii() and path.isprintable():  # nearly every path: nothing to escape
        return path
    return visible(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


_SIGNATURES = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
)


EVIDENCE_MAX_BYTES = 5 * 1024 * 1024  # a photo above this is refused, its header never read
EVIDENCE_MAX_PIXELS = 24_000_000  # a photo declaring more is refused before it is decoded (§6)
EVIDENCE_READ_LIMIT = 1 << 40  # evidence is opened to read its header only, never held whole
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}


def declared_size(handle: BinaryIO, kind: str) -> tuple[int, int] | None:
    """The width and height a photo's header declares, read without decoding a pixel
    (Pillow reads the size lazily); None for a PDF or a header Pillow cannot read.

    Pillow's own guard (``Image.MAX_IMAGE_PIXELS``) refuses to open a header declaring
    far more than our limit; the size is then read by the format's own reader, which
    decodes nothing either, so such a photo is reported with its size like any other.
    """
    image_format = _PILLOW_FORMATS.get(kind)
    if image_format is None:
        return None
    from PIL import Image  # only when a month holds photos: validate starts without it

    handle.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(handle, formats=[image_format]) as image:
                return image.size
    except Image.DecompressionBombError:
        handle.seek(0)
        try:
            with Image.OPEN[image_format][0](handle, "") as image:  # the header, read as open does
                return image.size
        except Exception:  # noqa: BLE001 - whatever a hostile header raises
            return (2**31, 2**31)  # refused all the same: Pillow says it is a bomb
    except Exception:  # noqa: BLE001 - a header Pillow cannot read: the site shows a placeholder
        return None


def sniff(head: bytes) -> str | None:
    """The file format its first bytes show (None when it is none we accept)."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _evidence(source: Source, path: str, name: str, entry: Entry) -> model.EvidenceFile:
    """An evidence file's size, the format its first bytes show and the size in pixels its
    header declares (read no further)."""
    unreadable = model.EvidenceFile(name=name, size=0, outside=False)
    if entry.kind == LINK:
        if not isinstance(source, FolderSource):
            return model.EvidenceFile(name=name, size=0, outside=True)
        full = source.root / path
        try:
            target = full.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            return unreadable
        if not target.is_relative_to(source.root.resolve()):  # never read what lies outside
            return model.EvidenceFile(name=name, size=0, outside=True)
        try:
            status = target.stat()
            if not stat.S_ISREG(status.st_mode):
                return unreadable
            with target.open("rb") as handle:
                return _evidence_file(name, status.st_size, handle)
        except OSError:
            return unreadable
    if entry.kind != FILE:  # a pipe or device would block or never end
        return unreadable
    try:
        with source.open(path, EVIDENCE_READ_LIMIT) as handle:
            size = entry.size  # not listed when git vouched for the file: its status says
            if size is None:
                size = os.fstat(handle.fileno()).st_size
            return _evidence_file(name, size, handle)
    except (SourceError, OSError):
        return unreadable


def _evidence_file(name: str, size: int, handle: BinaryIO) -> model.EvidenceFile:
    content = sniff(handle.read(16))
    pixels = None
    if content is not None and size <= EVIDENCE_MAX_BYTES:
        pixels = declared_size(handle, content)
    return model.EvidenceFile(name=name, size=size, outside=False, content=content, pixels=pixels)


def read_file(source: Source | Path, path: str) -> tuple[object, list[Problem]]:
    """Load and parse one record file; the model object or INVALID, with its problems."""
    if isinstance(source, Path):
        source = FolderSource(source)
    found = kind_of(path)
    assert found is not None
    kind = found[0]
    try:
        data = source.read(path, MAX_FILE_BYTES)
    except SourceError as exc:
        return INVALID, [error(Pos(path), exc.code, **exc.params)]
    document = load_bytes(path, data)
    if document.value is None and document.problems:
        return INVALID, document.problems
    reader = Reader(document.text)  # a document that is only null: "expected a mapping"
    value = KINDS[kind].read(document.value, Pos(path, 1, 1), reader)
    if value is not INVALID and not hasattr(value, "at"):
        value = INVALID
    return value, document.problems + reader.problems


def _stem_problem(kind: str, path: str, stem: str) -> Problem | None:
    if kind == "inspections":
        if not _INSPECTION_STEM.match(stem):
            return error(Pos(path), "bad-file-name", expected=_INSPECTION_NAME)
    elif kind in _SHEETS or kind in ("routine", "contract"):
        if not FILE_ID.match(stem):
            return error(Pos(path), "bad-file-name", expected=_ID_NAME)
    return None


Parsed = dict[str, tuple[object, list[Problem]]]  # path -> value (or INVALID), its problems
SHARED_KINDS = ("org", "indicators", "bonus-rules", "routine", "appeals", "contract")


def read_records(
    source: Source | Path,
    select: Callable[[str], bool] | None = None,
    listing: Listing | None = None,
    known: Parsed | None = None,
    names: Mapping[str, Choices] | None = None,
) -> Loaded:
    """Read the records of ``source`` (a folder, or a ``sources`` source): every file, or
    those ``select`` accepts (the others are only listed in ``records.present``);
    ``listing`` is ``source.listing()`` when already made. ``known`` gives files already
    parsed (an evidence file: as described); the ones this run reads are added to it. ``names``
    (``suggestions.directory``) is what the organisation's ids name, when the files
    naming them are not among those read: a name typed for an id gets its id suggested.
    """
    if isinstance(source, Path):
        if not source.is_dir():
            return Loaded(model.Records(), [error(Pos("."), "no-records", path=str(source))])
        source = FolderSource(source)
    if listing is None:
        listing = source.listing()
    records = model.Records()
    problems: list[Problem] = []
    for path in listing.linked_folders:
        problems.append(error(Pos(printable(path)), "symlink-record"))
    for path, entry in listing.entries.items():
        if select is not None and not select(path):
            records.present.add(path)
            continue
        shown = printable(path)
        if shown != path:  # a name no one could read back or type: report it, read nothing
            problems.append(error(Pos(shown), "bad-file-name", expected=_PRINTABLE_NAME))
            continue
        records.present.add(path)
        found = kind_of(path)
        if found is None:
            problems.append(error(Pos(path), "unexpected-file"))
            continue
        kind, parts = found
        month = (
            records.months.setdefault(parts[0], model.MonthRecords(parts[0]))
            if kind not in SHARED_KINDS
            else None
        )
        if kind == "evidence":
            assert month is not None
            if known is None:
                month.evidence[parts[1]] = _evidence(source, path, parts[1], entry)
                continue
            if path not in known:
                known[path] = (_evidence(source, path, parts[1], entry), [])
            month.evidence[parts[1]] = known[path][0]  # type: ignore[assignment]
            continue
        stem = parts[-1] if parts else ""
        bad_name = _stem_problem(kind, path, stem)
        if bad_name:
            problems.append(bad_name)
            continue
        value: object
        if entry.kind == LINK:
            value, file_problems = INVALID, [error(Pos(path), "symlink-record")]
        elif entry.kind != FILE:
            value, file_problems = INVALID, [error(Pos(path), "unreadable", detail=NOT_REGULAR)]
        elif known is not None:
            if path not in known:
                known[path] = read_file(source, path)
            value, file_problems = known[path]
        else:
            value, file_problems = read_file(source, path)
        problems.extend(file_problems)
        if any(p.severity == "error" for p in file_problems):
            records.damaged.add(path)
        if value is INVALID:
            continue
        _file(records, kind, month, stem, value)
    records.months = dict(sorted(records.months.items()))
    if any(problem.code == "bad-id" for problem in problems):
        known_names = suggestions.directory(records) if names is None else names
        problems = suggestions.suggest_ids(problems, known_names)
    return Loaded(records, problems)


def _file(
    records: model.Records, kind: str, month: model.MonthRecords | None, stem: str, value: object
) -> None:
    if kind == "org":
        records.org = value  # type: ignore[assignment]
    elif kind == "indicators":
        records.indicators = value  # type: ignore[assignment]
    elif kind == "bonus-rules":
        records.bonus_rules = value  # type: ignore[assignment]
    elif kind == "routine":
        records.routine[stem] = value  # type: ignore[assignment]
    elif kind == "appeals":
        records.appeals[stem] = value  # type: ignore[assignment]
    elif kind == "contract":
        records.contracts[stem] = value  # type: ignore[assignment]
    else:
        assert month is not None
        if kind == "month":
            month.info = value  # type: ignore[assignment]
        elif kind == "seal":
            month.seal = value  # type: ignore[assignment]
        else:
            getattr(month, kind)[stem] = value
