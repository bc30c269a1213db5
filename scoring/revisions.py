"""Records at a git revision: the records folder of a commit, extracted for reading.

``diff`` and ``check-lock`` compare two states of the records. The working tree is read
in place; a named revision is extracted with ``git archive`` into a temporary folder
(one process, no checkout, the work tree untouched).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scoring.engine import Engine
from scoring.engine.store import open_store
from scoring.sources import FolderSource, RevisionSource, Source


class RevisionError(Exception):
    """The revision or the repository cannot be read (a usage error, exit 2)."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)


def repository_of(records: Path) -> tuple[Path, str]:
    """The repository's top folder and the records folder's path inside it."""
    if not records.is_dir():
        raise RevisionError(f"no records folder at {records}")
    top = _git(records, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise RevisionError(f"{records} is not inside a git repository")
    prefix = _git(records, "rev-parse", "--show-prefix").stdout.decode().strip().rstrip("/")
    return Path(top.stdout.decode().strip()), prefix


def resolve(records: Path, revision: str) -> str:
    top, _ = repository_of(records)
    found = _git(top, "rev-parse", "--verify", "-q", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise RevisionError(f"unknown revision {revision!r}")
    return found.stdout.decode().strip()


@contextmanager
def source_at(records: Path, revision: str | None) -> Iterator[Source]:
    """The records as of ``revision`` as an engine source: the working tree's folder, or
    the commit's records read from git's object database (``sources.RevisionSource``)."""
    if revision is None:
        yield FolderSource(records)
        return
    top, prefix = repository_of(records)
    source = RevisionSource(top, resolve(records, revision), prefix, records.resolve().name)
    try:
        yield source
    finally:
        source.close()


@contextmanager
def engine_at(records: Path, revision: str | None, cache: bool = True) -> Iterator[Engine]:
    """``source_at`` as an engine, sharing the working tree's store (content ids are the
    same in both, so a month unchanged since the revision is not read twice)."""
    with source_at(records, revision) as source:
        store = open_store(records) if cache else None
        yield Engine(source, store)


@contextmanager
def records_at(records: Path, revision: str | None) -> Iterator[Path]:
    """The records folder as of ``revision`` (None: the working tree itself)."""
    if revision is None:
        yield records
        return
    top, prefix = repository_of(records)
    sha = resolve(records, revision)
    with tempfile.TemporaryDirectory(prefix="kaoping-") as folder:
        target = Path(folder) / (Path(prefix).name or "records")
        target.mkdir()
        listing = _git(top, "ls-tree", "-r", "--name-only", sha, "--", prefix or ".")
        if listing.stdout.strip():
            archive = _git(top, "archive", "--format=tar", sha, "--", prefix or ".")
            if archive.returncode != 0:
                raise RevisionError(archive.stderr.decode(errors="replace").strip())
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                for member in tar.getmembers():
                    if not (member.isfile() or member.issym()):
                        continue
                    relative = member.name[len(prefix) + 1 :] if prefix else member.name
                    if not relative or relative.startswith("/") or ".." in relative.split("/"):
                        continue
                    destination = target / relative
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    if member.issym():
                        destination.symlink_to(member.linkname)
                        continue
                    extracted = tar.extractfile(member)
                    if extracted is not None:
                        destination.write_bytes(extracted.read())
        yield target
