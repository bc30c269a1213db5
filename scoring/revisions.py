"""Records at a git revision, read from git's object database; git's view of the work tree.

``diff`` and ``check-lock`` compare two states of the records. The working tree is read
in place; a named revision is read from the object database of its commit: one
``git ls-tree -r -z`` lists the tree, one ``git cat-file --batch`` streams its blobs into
a temporary folder. Nothing goes through ``git archive`` or a checkout, so
``.gitattributes`` (export-ignore, filters, line ends) cannot hide or change a file of
the revision, and a symbolic link is kept as git holds it (its target text, listed in
``entries``) and never followed or written out. Every path the tree holds under the
records folder is listed, dot-files included, so the lock compares all of them.

For the working tree, ``tracked_entries`` gives what git's index holds (``git ls-files
-s -z``; ``tracking.work_tree`` says which files git vouches for), and ``work_entry``
describes a working file the way the object database would (mode and object id), so
both sides compare alike.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

LINK = "120000"
SUBMODULE = "160000"
_CHUNK = 1 << 20


class RevisionError(Exception):
    """The revision or the repository cannot be read (a usage error, exit 2).

    ``key`` names its text in the command line's catalogue (``UI``), ``params`` fill it.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(f"{key}: {self.params}")


class Entry(NamedTuple):
    """One path as git holds it: its mode and object id (a blob, or a submodule's commit);
    a named tuple: one is made for every path of a listing."""

    mode: str
    oid: str

    @property
    def kind(self) -> str:
        """``link``, ``submodule`` or ``file`` (the executable bit is not a difference)."""
        if self.mode == LINK:
            return "link"
        if self.mode == SUBMODULE:
            return "submodule"
        return "file"

    @property
    def same(self) -> tuple[str, str]:
        """What two entries must share to be the same content."""
        return (self.kind, self.oid)


@dataclass
class Revision:
    """A commit's records folder, written out (regular files only), and its listings."""

    sha: str
    top: Path
    prefix: str  # the records folder's path inside the repository ("" at the top)
    records: Path  # the written-out records folder
    entries: dict[str, Entry]  # every path under the records folder, relative to it
    others: dict[str, Entry] = field(default_factory=dict)  # asked-for paths outside it
    folder: Path = Path()  # the temporary folder holding ``records`` (and code, when asked)

    def extract(self, prefix: str, destination: Path) -> Path:
        """Write the regular files of ``prefix`` (a folder outside records/, listed in
        ``others``) under ``destination``; returns the folder written."""
        wanted = {
            path[len(prefix) + 1 :]: entry
            for path, entry in self.others.items()
            if path.startswith(prefix + "/") and entry.kind == "file"
        }
        target = destination / Path(prefix).name
        target.mkdir(parents=True, exist_ok=True)
        _write_blobs(self.top, wanted, target)
        return target


def _git(
    cwd: Path, *args: str, stdin: IO[bytes] | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, check=False, stdin=stdin
        )
    except OSError as exc:  # no git at all
        raise RevisionError("cli.no-git", detail=exc.strerror or exc) from None


def repository_of(records: Path) -> tuple[Path, str]:
    """The repository's top folder and the records folder's path inside it."""
    if not records.is_dir():
        raise RevisionError("cli.no-records", path=records)
    found = _git(records, "rev-parse", "--show-toplevel", "--show-prefix")
    if found.returncode != 0:
        raise RevisionError("cli.not-in-git", path=records)
    lines = found.stdout.decode("utf-8", "surrogateescape").split("\n")
    return Path(lines[0]), lines[1].strip().rstrip("/") if len(lines) > 1 else ""


def resolve(records: Path, revision: str) -> str:
    top, _ = repository_of(records)
    found = _git(top, "rev-parse", "--verify", "-q", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0 or revision.startswith("-"):
        raise RevisionError("cli.unknown-revision", revision=revision)
    return found.stdout.decode().strip()


def _paths(output: bytes) -> Iterator[str]:
    for raw in output.split(b"\0"):
        if raw:
            yield raw.decode("utf-8", "surrogateescape")


# A line of ``git ls-tree -r -z`` and of ``git ls-files -s -z``: mode, object id, path.
_TREE_LINE = re.compile(r"([0-7]+) [a-z]+ ([0-9a-f]+)\t([^\0]*)\0")
_INDEX_LINE = re.compile(r"([0-7]+) ([0-9a-f]+) [0-3]\t([^\0]*)\0")


def tree_entries(top: Path, sha: str, pathspecs: Iterable[str]) -> dict[str, Entry]:
    """``git ls-tree -r -z``: repository path -> entry, for every blob and submodule."""
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", sha, "--", *pathspecs)
    if listing.returncode != 0:
        raise RevisionError(
            "cli.git-failed", detail=listing.stderr.decode(errors="replace").strip()
        )
    text = listing.stdout.decode("utf-8", "surrogateescape")
    return {path: Entry(mode, oid) for mode, oid, path in _TREE_LINE.findall(text)}


def tracked_entries(top: Path, pathspecs: Iterable[str]) -> dict[str, Entry]:
    """``git ls-files -s -z``: what the index holds (tracked or staged), by repository path."""
    listing = _git(top, "ls-files", "-s", "-z", "--full-name", "--", *pathspecs)
    if listing.returncode != 0:
        raise RevisionError(
            "cli.git-failed", detail=listing.stderr.decode(errors="replace").strip()
        )
    text = listing.stdout.decode("utf-8", "surrogateescape")
    return {path: Entry(mode, oid) for mode, oid, path in _INDEX_LINE.findall(text)}


def blob_id(data: bytes, algorithm: str = "sha1") -> str:
    """The object id git gives a blob of ``data`` (``sha1`` or ``sha256`` repositories)."""
    digest = hashlib.new(algorithm)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def algorithm_of(oid: str) -> str:
    return "sha256" if len(oid) == 64 else "sha1"


def work_entry(full: Path, algorithm: str = "sha1") -> Entry | None:
    """A working file as the object database would hold it; None when it is not there.

    A symbolic link is its target text (never followed); anything that is neither a
    regular file nor a link (a folder, a pipe) is described by its kind alone.
    """
    try:
        status = os.lstat(full)
        if stat.S_ISLNK(status.st_mode):
            target = os.fsencode(os.readlink(full))
            return Entry(LINK, blob_id(target, algorithm))
        if not stat.S_ISREG(status.st_mode):
            return Entry("040000" if stat.S_ISDIR(status.st_mode) else "0", "")
        digest = hashlib.new(algorithm)
        digest.update(b"blob %d\0" % status.st_size)
        with open(full, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        mode = "100755" if status.st_mode & stat.S_IXUSR else "100644"
        return Entry(mode, digest.hexdigest())
    except OSError:
        return None


def safe_path(path: str) -> bool:
    """A relative path that stays where it is written (no ``..``, no empty or ``.`` part)."""
    return (
        bool(path)
        and "\0" not in path
        and all(part not in ("", ".", "..") for part in path.split("/"))
    )


def _write_blobs(top: Path, files: dict[str, Entry], target: Path) -> None:
    """Stream each file's blob from ``git cat-file --batch`` to ``target / path``."""
    by_oid: dict[str, list[str]] = {}
    for path, entry in files.items():
        if safe_path(path):
            by_oid.setdefault(entry.oid, []).append(path)
    if not by_oid:
        return
    with tempfile.TemporaryFile() as request:
        request.write("".join(f"{oid}\n" for oid in by_oid).encode())
        request.seek(0)
        process = subprocess.Popen(
            ["git", "-C", str(top), "cat-file", "--batch"],
            stdin=request,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdout is not None
        try:
            for _ in by_oid:
                header = process.stdout.readline().decode("ascii", "replace").split()
                if len(header) != 3:
                    raise RevisionError("cli.git-failed", detail=" ".join(header) or "cat-file")
                oid, size = header[0], int(header[2])
                paths = by_oid.get(oid, [])
                first = target / paths[0] if paths else None
                _copy_stream(process.stdout, size, first)
                process.stdout.read(1)  # the newline after the content
                for path in paths[1:]:
                    assert first is not None
                    (target / path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(first, target / path)
        finally:
            process.stdout.close()
            process.wait()


def _copy_stream(stream: IO[bytes], size: int, destination: Path | None) -> None:
    if destination is not None:
        destination.parent.mkdir(parents=True, exist_ok=True)
    with open(destination, "wb") if destination is not None else open(os.devnull, "wb") as out:
        left = size
        while left:
            chunk = stream.read(min(left, _CHUNK))
            if not chunk:
                raise RevisionError("cli.git-failed", detail="cat-file")
            out.write(chunk)
            left -= len(chunk)


def split_listing(
    listed: dict[str, Entry], prefix: str, others: tuple[str, ...]
) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """A commit's listing split: the paths under the records folder ``prefix`` (relative
    to it) and those under ``others`` (repository paths outside it)."""
    inside = prefix + "/" if prefix else ""
    entries = {
        path[len(inside) :]: entry
        for path, entry in listed.items()
        if path.startswith(inside) and not (prefix and path == prefix)
    }
    names, folders = set(others), tuple(o + "/" for o in others)
    outside = {
        path: entry for path, entry in listed.items() if path.startswith(folders) or path in names
    }
    return entries, outside


@contextmanager
def revision_at(records: Path, revision: str, others: tuple[str, ...] = ()) -> Iterator[Revision]:
    """The records folder as of ``revision``, written into a temporary folder, with the
    listing of every path under it and of ``others`` (repository paths outside it)."""
    top, prefix = repository_of(records)
    sha = resolve(records, revision)
    listed = tree_entries(top, sha, (prefix or ".", *others))
    entries, outside = split_listing(listed, prefix, others)
    with tempfile.TemporaryDirectory(prefix="kaoping-") as folder:
        target = Path(folder) / (Path(prefix).name or "records")
        target.mkdir()
        files = {path: entry for path, entry in entries.items() if entry.kind == "file"}
        _write_blobs(top, files, target)
        yield Revision(sha, top, prefix, target, entries, outside, Path(folder))


@contextmanager
def records_at(records: Path, revision: str | None) -> Iterator[Path]:
    """The records folder as of ``revision`` (None: the working tree itself)."""
    if revision is None:
        yield records
        return
    with revision_at(records, revision) as found:
        yield found.records
