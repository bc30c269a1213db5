"""Files under ``.cache/kaoping/`` beside ``records/``: opened as regular files only.

The cache folder sits in the records' repository, where anyone who can push could
commit into it (``git add -f``): a link to ``/dev/zero`` as an engine entry or to
``/etc/passwd`` as a cached photo. So every folder on the way (``.cache``, ``kaoping``
and below) is opened with ``O_NOFOLLOW | O_DIRECTORY`` relative to the one before, and
every file with ``O_NOFOLLOW | O_NONBLOCK``, then ``fstat``: a link, a pipe, a device
or a file above its size limit is never read; writes go to a fresh temporary file
renamed over the name, so they never follow a link either. What a cache holds is
trusted only when signed with ``signing_key``, the user's own key outside the
repository (``scoring/engine/store.py`` signs the engine's entries, ``scoring/site/photos.py``
names cleaned photos by it). The folder ``kaoping`` gets a ``.gitignore`` of ``*``
when it is created, so ``git add -A`` never adds the cache.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FOLDER = (".cache", "kaoping")
GITIGNORE = b"*\n"
KEY_BYTES = 32
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def cache_folder(root: Path) -> Path:
    """``.cache/kaoping`` beside the records folder ``root``."""
    return root.resolve().parent.joinpath(*FOLDER)


@contextmanager
def opened_folder(root: Path, *parts: str, create: bool = False) -> Iterator[int | None]:
    """A descriptor of ``.cache/kaoping/PARTS…`` beside ``root``, each folder on the way
    opened without following a link (created when ``create``); None when that cannot be."""
    descriptor: int | None
    try:
        descriptor = os.open(root.resolve().parent, _FOLDER_FLAGS)
    except OSError:
        descriptor = None
    try:
        for name in (*FOLDER, *parts):
            if descriptor is None:
                break
            inner = _enter(descriptor, name, create)
            os.close(descriptor)
            descriptor = inner
            if descriptor is not None and create and name == FOLDER[-1]:
                _ignore_everything(descriptor)
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _enter(parent: int, name: str, create: bool) -> int | None:
    if create:
        try:
            os.mkdir(name, 0o700, dir_fd=parent)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        return os.open(name, _FOLDER_FLAGS, dir_fd=parent)
    except OSError:  # missing, a link (ELOOP) or not a folder (ENOTDIR)
        return None


def _ignore_everything(folder: int) -> None:
    """``.gitignore`` of ``*`` in the cache folder, unless one is there already."""
    try:
        descriptor = os.open(".gitignore", _CREATE_FLAGS, 0o644, dir_fd=folder)
    except OSError:  # there already (whatever it is, it is never read) or read-only
        return
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(GITIGNORE)


def regular_status(folder: int, name: str) -> os.stat_result | None:
    """The status of ``name`` in ``folder`` when it is a regular file (not a link)."""
    try:
        status = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def read_regular(folder: int, name: str, limit: int) -> bytes | None:
    """The bytes of ``name`` in ``folder``: None unless it is a regular file (opened
    without following a link) of at most ``limit`` bytes."""
    try:
        descriptor = os.open(name, _READ_FLAGS, dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def write_replacing(folder: int, name: str, data: bytes, mode: int = 0o644) -> bool:
    """Write ``name`` in ``folder`` through a new temporary file renamed over it (a link
    at ``name`` is replaced, never followed). False when it cannot be written."""
    temporary = f".{name}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        descriptor = os.open(temporary, _CREATE_FLAGS, mode, dir_fd=folder)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        try:
            os.unlink(temporary, dir_fd=folder)
        except OSError:
            pass
        return False
    return True


def signing_key() -> bytes | None:
    """The user's own cache key (created once, mode 0600); None when there is none to trust.

    It lives in ``$XDG_CACHE_HOME/kaoping/cache-key`` or ``~/.cache/kaoping/cache-key``:
    outside any repository in the usual case, and when ``XDG_CACHE_HOME`` points into
    one, a key that git checked out (a committed file is never mode 0600) or that
    belongs to another user is not used.
    """
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(home) / "kaoping"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder, _FOLDER_FLAGS)
    except OSError:
        return None
    try:
        key = _own_key(descriptor)
        if key is None and regular_status(descriptor, "cache-key") is None:
            key = _new_key(descriptor)
        return key
    finally:
        os.close(descriptor)


def _own_key(folder: int) -> bytes | None:
    try:
        descriptor = os.open("cache-key", _READ_FLAGS, dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if (
            not stat.S_ISREG(status.st_mode)
            or status.st_uid != os.geteuid()
            or status.st_mode & 0o077
            or status.st_size != KEY_BYTES
        ):
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _new_key(folder: int) -> bytes | None:
    key = secrets.token_bytes(KEY_BYTES)
    try:
        descriptor = os.open("cache-key", _CREATE_FLAGS, 0o600, dir_fd=folder)
    except FileExistsError:  # another process made it first: use theirs
        return _own_key(folder)
    except OSError:
        return None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key
