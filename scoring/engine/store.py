"""The engine's cache: signed entries in ``.cache/kaoping/`` beside the records folder.

Each entry is one file holding a pickle, signed with HMAC-SHA256 under the user's own
key (``cachefiles.signing_key``, kept outside the repository). An entry that arrives any
other way (committed into the repository, copied from another machine) fails the
signature and is ignored, never unpickled. Folders and files are opened as
``cachefiles`` does: never through a link, files only as regular files and up to a
size limit, writes through a temporary file renamed over the name; the cache folder
ignores itself for git. Anything unreadable, unsigned or damaged is a miss: the engine
then computes what it needs, and the answer is the same.

Entries: ``index`` (a folder's stat index: path -> status and content id), ``shared``
(the parsed files outside month folders, by content id), ``months/YYYY-MM`` (a month's
summary), ``standings/YYYY-MM`` (what settling it needs), ``figures/YYYY-MM`` (its
settled figures), ``digests`` (every month's figures' fingerprint, for the seal check),
``trees/ID`` (a commit's records tree evaluated whole), ``converted`` (git converts the
working tree's bytes: it is walked). Each is written only when it changed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from scoring.cachefiles import opened_folder, read_regular, signing_key, write_replacing

FORMAT = b"kaoping-engine 1\n"
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # a bigger entry is not read (no archive comes near)


class Store:
    """Named entries in one cache folder, each signed with the user's key."""

    def __init__(self, root: Path, key: bytes, code: str) -> None:
        self.root = root  # the records folder
        self.key = key
        self.code = code  # kaoping's own version: another version's entries are misses
        self.written = 0
        self._folders: dict[str, int | None] = {}
        self._read: dict[str, tuple[bytes, Any]] = {}  # name -> (signature, value) as read

    def _folder(self, part: str, create: bool) -> int | None:
        """A descriptor of the entry folder ``part`` ("" for the top), opened once."""
        found = self._folders.get(part)
        if found is None and (create or part not in self._folders):
            parts = (part,) if part else ()
            with opened_folder(self.root, *parts, create=create) as descriptor:
                found = os.dup(descriptor) if descriptor is not None else None
            self._folders[part] = found
        return found

    def get(self, name: str) -> Any:
        """The entry's value, or None when it is missing, unsigned or damaged."""
        part, _, file = name.rpartition("/")
        folder = self._folder(part, create=False)
        data = read_regular(folder, file, MAX_ENTRY_BYTES) if folder is not None else None
        if data is None or not data.startswith(FORMAT):
            return None
        mac, body = data[len(FORMAT) : len(FORMAT) + 32], data[len(FORMAT) + 32 :]
        if not hmac.compare_digest(mac, hmac.digest(self.key, body, "sha256")):
            return None
        kept = self._read.get(name)
        if kept is not None and kept[0] == mac:  # read before in this process: the same value
            return kept[1]
        try:
            code, value = pickle.loads(body)  # noqa: S301 - signed with the user's own key
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None
        if code != self.code:
            return None
        self._read[name] = (mac, value)
        return value

    def put(self, name: str, value: Any) -> None:
        """Write the entry; a read-only folder leaves the cache as it was."""
        body = pickle.dumps((self.code, value), protocol=pickle.HIGHEST_PROTOCOL)
        data = FORMAT + hmac.digest(self.key, body, "sha256") + body
        if len(data) > MAX_ENTRY_BYTES:
            return
        part, _, file = name.rpartition("/")
        folder = self._folder(part, create=True)
        if folder is not None and write_replacing(folder, file, data, 0o600):
            self.written += 1
            self._read[name] = (data[len(FORMAT) : len(FORMAT) + 32], value)

    def versions(self, part: str, prefix: str) -> list[str]:
        """Names in the entry folder ``part`` that start with ``prefix``, oldest first."""
        folder = self._folder(part, create=False)
        if folder is None:
            return []
        try:
            found = [
                (entry.stat(follow_symlinks=False).st_mtime_ns, entry.name)
                for entry in os.scandir(folder)
                if entry.name.startswith(prefix)
            ]
        except OSError:
            return []
        return [name for _, name in sorted(found)]

    def names(self, part: str) -> set[str]:
        """Every entry name in the entry folder ``part`` (none when it does not exist)."""
        folder = self._folder(part, create=False)
        if folder is None:
            return set()
        try:
            return set(os.listdir(folder))
        except OSError:
            return set()

    def put_version(self, part: str, month: str, key: str, value: Any) -> None:
        """Write ``part/MONTH.KEY`` and keep at most ``VERSIONS`` versions of the month:
        the base of a pull request and its change each find their own."""
        self.put(f"{part}/{month}.{key[:KEY_CHARS]}", value)
        self.prune(part, VERSIONS, f"{month}.")

    def prune(self, part: str, keep: int, prefix: str = "") -> None:
        """Remove all but the ``keep`` newest entries of ``part`` named ``prefix``…."""
        folder = self._folder(part, create=False)
        for name in self.versions(part, prefix)[:-keep]:
            try:
                os.unlink(name, dir_fd=folder)
            except OSError:
                pass

    def get_version(self, part: str, month: str, key: str) -> Any:
        return self.get(f"{part}/{month}.{key[:KEY_CHARS]}")


VERSIONS = 4  # per month and kind of entry
KEY_CHARS = 24  # of a key in an entry's name (the whole key is checked inside)


def code_digest() -> str:
    """kaoping's own source and the interpreter: a new version reads no old entry."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


_STORES: dict[Path, Store] = {}  # one per records folder and process (``mkdocs serve``)


def open_store(root: Path) -> Store | None:
    """The store beside ``root``; None when no key can be had (then nothing is cached)."""
    resolved = root.resolve()
    if resolved not in _STORES:
        key = signing_key()
        if key is None:
            return None
        _STORES[resolved] = Store(resolved, key, code_digest())
    return _STORES[resolved]
