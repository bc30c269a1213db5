"""Where record files come from: a folder on disk or a commit in git's object database.

A source lists every file under the records folder with what it is (a regular file, a
symbolic link, something else) and, where it can say without reading, its content id:
git's blob id of its bytes. The same bytes have the same id in a folder and in every
commit, so what the engine computed from a month folder once serves wherever those
bytes come back (the working tree, the base of a pull request). A source reads a file's
bytes only when asked, with a size limit, and never through a link.

``FolderSource`` walks a folder (``os.scandir``, dot-files and dot-folders skipped,
linked folders listed but not entered) and takes each file's id from a stat index
(size, mtime, inode, ctime -> id) when the file's status has not moved, as git's own
index does; other ids are computed from the bytes when they are read. In a git work
tree it lists the folder from git's word instead (``tracking.work_tree``): git has
already compared each tracked file's status with its index, in C, so a file git vouches
for takes its index id and is not looked at; the rest is looked at as the walk would.
Should a vouched file's bytes, once read, have another id (git converts line ends or an
encoding on checkout), the source says so (``converted``) and the engine walks that
folder from then on. ``RevisionSource``
lists a commit with one ``git ls-tree`` (ids included) and reads blobs through one
``git cat-file --batch`` process, so ``.gitattributes``, filters and the work tree play
no part in what a revision holds.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from scoring.formats import month_folder

if TYPE_CHECKING:
    from scoring.tracking import WorkTree

FILE = "file"
LINK = "link"
OTHER = "other"  # a pipe, device, socket or submodule: never read

REGULAR = ("100644", "100755")  # git's modes of a regular file
RACY_NS = 2_000_000_000  # a file changed this close to the index's writing is hashed again

Status = tuple[int, int, int, int]  # size, mtime, inode, ctime (nanoseconds)


class SourceError(Exception):
    """A file that cannot be read; ``code`` and ``detail`` say why (a problem's params)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def blob_id(data: bytes, algorithm: str = "sha1") -> str:
    """git's object id of a blob with these bytes (``sha1`` or ``sha256`` object format)."""
    digest = hashlib.new(algorithm, b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


def status_of(found: os.stat_result) -> Status:
    """What says a file is unchanged, short of reading it: size, mtime, inode, ctime."""
    return (found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns)


class Entry(NamedTuple):
    """One path under the records folder (a named tuple: one is made for every file)."""

    kind: str  # FILE, LINK or OTHER
    size: int | None = None
    id: str | None = None  # the content id when known without reading


@dataclass
class Listing:
    """Every path of a source (files sorted by path) and the folders that are links."""

    entries: dict[str, Entry]
    linked_folders: list[str] = field(default_factory=list)

    @cached_property
    def groups(self) -> dict[str | None, list[str]]:
        """Month folder (None: outside month folders) -> its paths, in order."""
        found: dict[str | None, list[str]] = {}
        folders: dict[str, str | None] = {}  # first part -> its month folder, if it is one
        for path in self.entries:
            first, slash, _ = path.partition("/")
            if slash:
                month = folders.get(first, "")
                if month == "":
                    month = folders[first] = month_folder(path)
            else:
                month = None
            if month in found:
                found[month].append(path)
            else:
                found[month] = [path]
        return found


class FolderSource:
    """The records folder in the file system (the working tree)."""

    def __init__(self, root: Path, known: Mapping[str, tuple[Status, str]] | None = None) -> None:
        self.root = root
        self.name = root.resolve().name if root.name in ("", ".", "..") else root.name
        self._known = known or {}  # path -> (status, id), trusted (not racy)
        self.ids: dict[str, str] = {}  # every id known or computed in this run
        self.statuses: dict[str, Status] = {}
        self.started = 0  # time.time_ns() before listing
        self.walked = False  # listed by walking (its stat index is then worth keeping)
        self.vouched: dict[str, str] = {}  # path -> index id of files git vouched for
        self.converted = False  # a vouched file's bytes had another id (git converts them)
        self.algorithm = "sha1"  # of the repository's object ids (``sha256`` when git says)

    def listing(self, work: WorkTree | None = None) -> Listing:
        """Every path of the folder: walked, or from git's word on it (``work``)."""
        self.started = time.time_ns()
        if work is not None:
            return self._listed_by_git(work)
        self.walked = True
        entries: dict[str, Entry] = {}
        linked: list[str] = []
        self._walk([(str(self.root), "")], entries, linked)
        return Listing(dict(sorted(entries.items())), sorted(linked))

    def _walk(
        self, folders: list[tuple[str, str]], entries: dict[str, Entry], linked: list[str]
    ) -> None:
        """Walk ``folders`` (full path, path prefix) into ``entries`` and ``linked``:
        dot-files and dot-folders skipped, linked folders listed but not entered."""
        known, statuses, ids = self._known, self.statuses, self.ids
        is_regular, is_folder, is_link = stat.S_ISREG, stat.S_ISDIR, stat.S_ISLNK
        while folders:  # this runs for every file of the archive: kept lean
            directory, prefix = folders.pop()
            try:
                found = list(os.scandir(directory))
            except OSError:
                continue
            for entry in found:
                name = entry.name
                if name[0] == ".":
                    continue
                path = prefix + name
                try:
                    status = entry.stat(follow_symlinks=False)
                except OSError:
                    entries[path] = Entry(OTHER)
                    continue
                mode = status.st_mode
                if is_regular(mode):
                    signature = (
                        status.st_size,
                        status.st_mtime_ns,
                        status.st_ino,
                        status.st_ctime_ns,
                    )
                    statuses[path] = signature
                    kept = known.get(path)
                    if kept is not None and kept[0] == signature:
                        ids[path] = kept[1]
                        entries[path] = Entry(FILE, status.st_size, kept[1])
                    else:
                        entries[path] = Entry(FILE, status.st_size, None)
                elif is_folder(mode):
                    folders.append((entry.path, path + "/"))
                elif is_link(mode) and os.path.isdir(entry.path):
                    linked.append(path)
                else:
                    entries[path] = Entry(LINK if is_link(mode) else OTHER)

    def _listed_by_git(self, work: WorkTree) -> Listing:
        """The listing the walk would give, from git's word: a tracked regular file git
        vouches for is a file with its index id, unlooked at; every other path (one git
        is unsure of, a link, a submodule, an untracked path) is looked at as the walk
        does, a folder among them walked."""
        entries: dict[str, Entry] = {}
        linked: list[str] = []
        ids = self.ids
        unsure = work.unsure
        looked = list(work.untracked)
        for path, held in work.tracked.items():
            if path[0] == "." or "/." in path:
                continue  # as the walk; the tracking rules judge tracked dot paths
            if held.mode in REGULAR and path not in unsure:
                if len(held.oid) == 64:
                    self.algorithm = "sha256"
                ids[path] = held.oid
                self.vouched[path] = held.oid
                entries[path] = Entry(FILE, None, held.oid)
            else:
                looked.append(path)
        folders = []
        for path in looked:
            path = path.rstrip("/")  # a repository inside, as git lists it
            if path[0] == "." or "/." in path:
                continue
            full = os.path.join(self.root, path)
            try:
                mode = os.lstat(full).st_mode
            except OSError:
                continue  # gone from the work tree (a deletion git has not staged)
            if stat.S_ISREG(mode):
                entries[path] = Entry(FILE, None, None)
            elif stat.S_ISDIR(mode):
                folders.append((full, path + "/"))
            elif stat.S_ISLNK(mode) and os.path.isdir(full):
                linked.append(path)
            else:
                entries[path] = Entry(LINK if stat.S_ISLNK(mode) else OTHER)
        self._walk(folders, entries, linked)
        self.statuses.clear()  # no stat index kept for a folder git vouches for
        return Listing(dict(sorted(entries.items())), sorted(set(linked)))

    def trust(self, known: Mapping[str, tuple[Status, str]]) -> None:
        """Take ids from ``known`` (path -> status, id) for files whose status matches."""
        self._known = known

    def changed_since(self, known: Mapping[str, tuple[Status, str]]) -> bool:
        """Whether the index would differ from ``known``: a file came, went or moved, or
        an id was computed this run."""
        if len(self.statuses) != len(known) or len(self.ids) != len(known):
            return True
        return any(
            (found := known.get(path)) is None or found[0] != status
            for path, status in self.statuses.items()
        )

    def index(self) -> dict[str, tuple[Status, str]]:
        """path -> (status, id) of every file whose id is known and whose status is older
        than the listing by more than ``RACY_NS`` (a later change would move it)."""
        trusted = self.started - RACY_NS
        return {
            path: (status, self.ids[path])
            for path, status in self.statuses.items()
            if path in self.ids and status[1] < trusted and status[3] < trusted
        }

    def read(self, path: str, limit: int) -> bytes:
        """The file's bytes (never through a link, never more than ``limit``)."""
        full = os.path.join(self.root, path)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(full, flags)
        except OSError as exc:
            if os.path.islink(full):
                raise SourceError("symlink-record") from None
            raise SourceError("unreadable", detail=exc.strerror or str(exc)) from None
        with os.fdopen(descriptor, "rb") as handle:
            found = os.fstat(handle.fileno())
            if not stat.S_ISREG(found.st_mode):  # a pipe would block, a device never end
                raise SourceError("unreadable", detail="not a regular file")
            if found.st_size > limit:
                raise SourceError("file-too-large", size=found.st_size, limit=limit)
            try:
                data = handle.read(found.st_size + 1)  # the file may grow while it is read
            except OSError as exc:
                raise SourceError("unreadable", detail=exc.strerror or str(exc)) from None
        if len(data) > limit:
            raise SourceError("file-too-large", size=len(data), limit=limit)
        file_id = self.ids[path] = blob_id(data, self.algorithm)
        vouched = self.vouched.get(path)
        if vouched is not None and vouched != file_id:  # line ends or an encoding git converts
            self.converted = True
        return data

    def sha256(self, path: str) -> str | None:
        """The SHA-256 of the file's bytes, read in pieces; None when it cannot be read."""
        try:
            with self.open(path, 0) as handle:
                return hashlib.file_digest(handle, "sha256").hexdigest()
        except (SourceError, OSError):
            return None

    def open(self, path: str, limit: int) -> io.BufferedReader:
        """The file opened for reading (a regular file's, never through a link)."""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(os.path.join(self.root, path), flags)
        except OSError as exc:
            raise SourceError("unreadable", detail=exc.strerror or str(exc)) from None
        handle = os.fdopen(descriptor, "rb")
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            handle.close()
            raise SourceError("unreadable", detail="not a regular file")
        return handle

    def file_id(self, path: str, limit: int) -> str | None:
        """The file's content id, read and hashed when not known; None when unreadable."""
        if path in self.ids:
            return self.ids[path]
        try:
            self.read(path, limit)
        except SourceError:
            return None
        return self.ids.get(path)


class RevisionSource:
    """The records folder of one commit, read from git's object database."""

    def __init__(self, repository: Path, commit: str, prefix: str, name: str = "records") -> None:
        self.repository = repository
        self.commit = commit
        self.prefix = prefix  # the records folder inside the repository ("" for the top)
        self.name = name
        self.ids: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self._reader: subprocess.Popen[bytes] | None = None

    def tree(self) -> str | None:
        """The object id of the records folder's tree in the commit (None: it has none).
        Two commits with the same tree hold the same records, byte for byte."""
        found = subprocess.run(
            ["git", "-C", str(self.repository), "rev-parse", "--verify", "-q",
             f"{self.commit}:{self.prefix}" if self.prefix else f"{self.commit}^{{tree}}"],
            capture_output=True, check=False,
        )  # fmt: skip
        return (found.stdout.decode().strip() or None) if found.returncode == 0 else None

    def listing(self) -> Listing:
        spec = [f"{self.commit}:{self.prefix}"] if self.prefix else [self.commit]
        found = subprocess.run(
            ["git", "-C", str(self.repository), "ls-tree", "-r", "-z", "--long", *spec],
            capture_output=True,
            check=False,
        )
        entries: dict[str, Entry] = {}
        if found.returncode != 0:  # no records folder in this commit
            return Listing(entries)
        for line in found.stdout.split(b"\0"):
            if not line:
                continue
            meta, _, raw_path = line.partition(b"\t")
            mode, kind, oid, size = meta.split()
            path = raw_path.decode("utf-8", "surrogateescape")
            if path[0] == "." or "/." in path:
                continue  # as the folder walk: dot-files and dot-folders are not records
            if mode == b"120000":
                entries[path] = Entry(LINK)
            elif kind == b"blob":
                file_id = oid.decode()
                self.ids[path] = file_id
                self.sizes[path] = int(size)
                entries[path] = Entry(FILE, int(size), file_id)
            else:
                entries[path] = Entry(OTHER)
        return Listing(dict(sorted(entries.items())))

    def read(self, path: str, limit: int) -> bytes:
        oid = self.ids.get(path)
        if oid is None:
            raise SourceError("unreadable", detail="not a file of the revision")
        size = self.sizes.get(path, 0)
        if size > limit:  # refused before a byte of it is read
            raise SourceError("file-too-large", size=size, limit=limit)
        return self.blob(oid, limit)

    def open(self, path: str, limit: int) -> BinaryIO:
        return io.BytesIO(self.read(path, limit))

    def sha256(self, path: str) -> str | None:
        try:
            return hashlib.sha256(self.read(path, self.sizes.get(path, 0))).hexdigest()
        except SourceError:
            return None

    def file_id(self, path: str, limit: int) -> str | None:
        return self.ids.get(path)

    def blob(self, oid: str, limit: int) -> bytes:
        if self._reader is None:
            self._reader = subprocess.Popen(
                ["git", "-C", str(self.repository), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        reader = self._reader
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write(oid.encode() + b"\n")
        reader.stdin.flush()
        header = reader.stdout.readline().split()
        if len(header) != 3:
            raise SourceError("unreadable", detail="missing from the repository")
        size = int(header[2])
        if size > limit:  # skipped in pieces, never held whole
            remaining = size + 1  # with the newline after the object
            while remaining > 0:
                remaining -= len(reader.stdout.read(min(1 << 20, remaining))) or remaining
            raise SourceError("file-too-large", size=size, limit=limit)
        data = reader.stdout.read(size)
        reader.stdout.read(1)  # the newline after the object
        return data

    def close(self) -> None:
        if self._reader is not None:
            if self._reader.stdin:
                self._reader.stdin.close()
            self._reader.wait()
            self._reader = None


Source = FolderSource | RevisionSource
