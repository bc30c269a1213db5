"""Reading a records folder: every file loaded, parsed into the model, problems collected.

``read_records`` walks ``records/`` once, recognises each file's kind by its path
(``formats.kind_of``), loads it (``loading``), reads it into the model (``formats``)
and files it into a ``model.Records``. Files in unexpected places, bad file names and
unreadable files are problems, never exceptions.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from scoring import model
from scoring.formats import KINDS, kind_of
from scoring.loading import MAX_FILE_BYTES, load_bytes, paused_collector
from scoring.messages import visible
from scoring.problems import Pos, Problem, error
from scoring.schema import FILE_ID, INVALID, Reader

_INSPECTION_STEM = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-[a-z0-9][a-z0-9-]*$")
_SHEETS = {"targets", "assessments", "ratings", "bonuses", "services"}
_PRINTABLE_NAME = "a name of visible UTF-8 characters"


@dataclass
class Loaded:
    """The parsed records and the problems of reading them."""

    records: model.Records
    problems: list[Problem] = field(default_factory=list)
    root: Path = Path("records")


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


def _evidence(root: Path, path: str, name: str) -> model.EvidenceFile:
    full = root / path
    unreadable = model.EvidenceFile(name=name, size=0, outside=False)
    if full.is_symlink():
        try:
            target = full.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            return unreadable
        if not target.is_relative_to(root.resolve()):  # never read what lies outside
            return model.EvidenceFile(name=name, size=0, outside=True)
    try:
        status = full.stat()
        if not stat.S_ISREG(status.st_mode):  # a pipe or device would block or never end
            return unreadable
        with full.open("rb") as handle:
            head = handle.read(16)
            content = sniff(head)
            size = None
            if content is not None and status.st_size <= EVIDENCE_MAX_BYTES:
                size = declared_size(handle, content)
    except OSError:
        return unreadable
    return model.EvidenceFile(
        name=name,
        size=status.st_size,
        outside=False,
        content=content,
        pixels=size,
    )


_GONE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # what Path.is_symlink ignores


def _lstat(full: str) -> os.stat_result | None:
    """The file's own status (a link not followed); None where ``Path.is_symlink`` says no."""
    try:
        return os.lstat(full)
    except OSError as exc:
        if exc.errno not in _GONE:
            raise
        return None


def read_file(
    root: Path, path: str, digests: dict[str, str] | None = None
) -> tuple[object, list[Problem]]:
    """Load and parse one record file; the model object or INVALID, with its problems.

    ``digests``, when given, receives the SHA-256 of the bytes read (seals list them).
    """
    found = kind_of(path)
    assert found is not None
    kind = found[0]
    full = os.path.join(root, path)  # strings, not Path objects: this runs for every file
    status = _lstat(full)
    if status is not None and stat.S_ISLNK(status.st_mode):
        return INVALID, [error(Pos(path), "symlink-record")]
    try:
        if status is None:
            status = os.stat(full)  # it has gone or cannot be reached: say why
        if not stat.S_ISREG(status.st_mode):  # a pipe would block, a device never end
            return INVALID, [error(Pos(path), "unreadable", detail="not a regular file")]
        if status.st_size > MAX_FILE_BYTES:  # refused before reading a byte of it
            size = status.st_size
            return INVALID, [error(Pos(path), "file-too-large", size=size, limit=MAX_FILE_BYTES)]
        with open(full, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may grow while we read
    except OSError as exc:
        return INVALID, [error(Pos(path), "unreadable", detail=exc.strerror or str(exc))]
    if digests is not None and len(data) <= MAX_FILE_BYTES:  # all of the file, as read
        digests[path] = hashlib.sha256(data).hexdigest()
    document = load_bytes(path, data)
    if document.value is None and document.problems:
        return INVALID, document.problems
    reader = Reader()  # a document that is only null is read as such: "expected a mapping"
    value = KINDS[kind].read(document.value, Pos(path, 1, 1), reader)
    if value is not INVALID and not hasattr(value, "at"):
        value = INVALID
    return value, document.problems + reader.problems


def _stem_problem(kind: str, path: str, stem: str) -> Problem | None:
    if kind == "inspections":
        if not _INSPECTION_STEM.match(stem):
            return error(Pos(path), "bad-file-name", expected="YYYY-MM-DD-slug.yaml")
    elif kind in _SHEETS or kind in ("routine", "contract"):
        if not FILE_ID.match(stem):
            return error(Pos(path), "bad-file-name", expected="an id such as admin.yaml")
    return None


Parsed = dict[str, tuple[object, list[Problem]]]  # path -> value (or INVALID), its problems


def read_records(
    root: Path,
    select: Callable[[str], bool] | None = None,
    listing: tuple[list[str], list[str]] | None = None,
    known: Parsed | None = None,
) -> Loaded:
    """Read the records folder: every file, or those ``select`` accepts (the others are
    only listed in ``records.present``); ``listing`` is ``_walk(root)`` when already done.
    ``known`` gives files outside month folders already parsed (the validation cache);
    the files outside month folders this run parses are added to it.

    The collector is paused while reading and what was read is frozen after
    (``loading.paused_collector``): the records are millions of objects without cycles.
    """
    with paused_collector():
        return _read_records(root, select, listing, known)


def _read_records(
    root: Path,
    select: Callable[[str], bool] | None,
    listing: tuple[list[str], list[str]] | None,
    known: Parsed | None,
) -> Loaded:
    records = model.Records()
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(error(Pos("."), "no-records", path=str(root)))
        return Loaded(records, problems, root)
    files, linked = listing if listing is not None else _walk(root)
    for path in linked:
        problems.append(error(Pos(printable(path)), "symlink-record"))
    for path in files:
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
            if (kind not in ("org", "indicators", "bonus-rules", "routine", "appeals", "contract"))
            else None
        )
        if kind == "evidence":
            assert month is not None
            month.evidence[parts[1]] = _evidence(root, path, parts[1])
            continue
        stem = parts[-1] if parts else ""
        bad_name = _stem_problem(kind, path, stem)
        if bad_name:
            problems.append(bad_name)
            continue
        if month is None and known is not None:
            if path not in known:
                known[path] = read_file(root, path, records.digests)
            value, file_problems = known[path]
        else:
            value, file_problems = read_file(root, path, records.digests)
        problems.extend(file_problems)
        if any(p.severity == "error" for p in file_problems):
            records.damaged.add(path)
        if value is INVALID:
            continue
        _file(records, kind, month, stem, value)
    records.months = dict(sorted(records.months.items()))
    return Loaded(records, problems, root)


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
