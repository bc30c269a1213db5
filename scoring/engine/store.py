"""The engine's cache: signed files in ``.cache/kaoping/`` beside the records folder.

Each entry is one file holding a pickle, signed with HMAC-SHA256 under a key kept in
the user's own cache folder (``~/.cache/kaoping/cache-key``, created once, readable by
the user only). An entry that arrives any other way (committed into the repository,
copied from another machine) fails the signature and is ignored, never unpickled. An
entry is opened only as a regular file, never through a symbolic link (``O_NOFOLLOW``,
then ``fstat``), and only up to a size limit, so a link to ``/dev/zero`` or a huge file
costs nothing. The folder carries its own ``.gitignore`` (``*``) so that ``git add -A``
never picks it up. Anything unreadable, unsigned or damaged is a miss: the engine then
computes what it needs, and the answer is the same.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
from pathlib import Path
from typing import Any

FORMAT = b"kaoping-cache 2\n"
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # a bigger entry is not read (no archive comes near)
KEY_FILE = "cache-key"


def cache_folder(root: Path) -> Path:
    """``.cache/kaoping`` beside the records folder."""
    return root.resolve().parent / ".cache" / "kaoping"


def _key_folder() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "kaoping"


def signing_key() -> bytes | None:
    """The user's own key (created once); None when it can be neither read nor made."""
    path = _key_folder() / KEY_FILE
    found = read_regular(path, 4096)
    if found:
        return found
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    except OSError:
        pass
    return read_regular(path, 4096) or None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, never through a link and never above ``limit``; else None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        found = os.fstat(handle.fileno())
        if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
            return None
        try:
            data = handle.read(limit + 1)
        except OSError:
            return None
    return data if len(data) <= limit else None


class Store:
    """Named entries in one cache folder, each signed with the user's key."""

    def __init__(self, folder: Path, key: bytes, code: str) -> None:
        self.folder = folder
        self.key = key
        self.code = code  # kaoping's own version: another version's entries are misses
        self.written = 0

    def _path(self, name: str) -> Path:
        return self.folder / name

    def get(self, name: str) -> Any:
        """The entry's value, or None when it is missing, unsigned or damaged."""
        data = read_regular(self._path(name), MAX_ENTRY_BYTES)
        if data is None or not data.startswith(FORMAT):
            return None
        mac, body = data[len(FORMAT) : len(FORMAT) + 32], data[len(FORMAT) + 32 :]
        if not hmac.compare_digest(mac, hmac.digest(self.key, body, "sha256")):
            return None
        try:
            code, value = pickle.loads(body)  # noqa: S301 - signed with the user's own key
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None
        return value if code == self.code else None

    def put(self, name: str, value: Any) -> None:
        """Write the entry (atomically); a read-only folder leaves the cache as it was."""
        body = pickle.dumps((self.code, value), protocol=pickle.HIGHEST_PROTOCOL)
        data = FORMAT + hmac.digest(self.key, body, "sha256") + body
        path = self._path(name)
        try:
            self._prepare(path.parent)
            temporary = path.with_name(f".{path.name}.{os.getpid()}")
            descriptor = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o600
            )
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
            self.written += 1
        except OSError:
            pass

    def _prepare(self, folder: Path) -> None:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"  # git never adds what lies here
        if not os.path.lexists(ignore):
            ignore.write_text("# kaoping's cache: never committed\n*\n", encoding="utf-8")


def code_digest() -> str:
    """kaoping's own source and the interpreter: a new version reads no old entry."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def open_store(root: Path) -> Store | None:
    """The store beside ``root``; None when no key can be had (then nothing is cached)."""
    key = signing_key()
    if key is None:
        return None
    return Store(cache_folder(root), key, code_digest())
