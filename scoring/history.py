"""History: each record's changes, read from git in one pass over the log.

The records' git history is the audit trail. ``read_history(root)`` runs a single
``git log`` over the records folder along the first-parent line of HEAD (the branch
as it was published: a merged pull request is one change, its merge commit; a squashed
one its squash commit), with rename detection, and files every change under the
record's current path, following renames back. Pull-request numbers are read from the
subjects GitHub writes: ``Merge pull request #12 from …`` and ``Title (#12)``. The log
is read NUL-separated (``-z``), so every file name comes through exactly, whatever
characters it holds.

Without a repository the history is simply not available; a shallow clone is
reported as such, because its history would silently be wrong.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_MERGE_PR = re.compile(r"^Merge pull request #(\d+)\b")
_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")
_COMMIT_MARK = b"\x1e"
# With -z, git ends every field and every path with NUL and never quotes a path: a name
# with non-ASCII characters, quotes, a tab or a newline comes out as it is. The header's
# fields are NUL-separated too, so no author or subject can pass for another field.
_FORMAT = "%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%s"
_HEADER_FIELDS = 6


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str  # ISO 8601 with offset, as git prints it
    subject: str

    @property
    def pull_request(self) -> int | None:
        match = _MERGE_PR.match(self.subject) or _SQUASH_PR.search(self.subject)
        return int(match[1]) if match else None

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Change:
    """One commit's change to one record: A added, M modified, D deleted, R renamed."""

    commit: Commit
    status: str
    path: str  # the path in that commit, relative to records/
    old_path: str | None = None


@dataclass
class History:
    available: bool
    shallow: bool = False
    reason: str = ""
    commits: list[Commit] = field(default_factory=list)  # newest first
    changes: dict[str, list[Change]] = field(default_factory=dict)  # current path -> newest first

    def of(self, path: str) -> list[Change]:
        return self.changes.get(path, [])

    def last_change(self, path: str) -> Change | None:
        changes = self.of(path)
        return changes[0] if changes else None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
        capture_output=True,
        check=False,
    )


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _path(data: bytes) -> str:
    """A path as the file system gives it to Python (bytes that are not UTF-8 escaped)."""
    return os.fsdecode(data)


def _prefix(root: Path) -> str | None:
    """The records folder's path inside its repository ('' at the top), or None."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return None
    inside = _git(root, "rev-parse", "--show-prefix")
    return _path(inside.stdout.rstrip(b"\n"))


def _parse(
    log: bytes, prefix: str
) -> tuple[list[Commit], list[tuple[Commit, str, str, str | None]]]:
    """``git log -z --name-status`` output: each commit's header (its NUL-separated fields
    after the mark), then its entries, ``STATUS NUL PATH NUL`` (renames and copies:
    ``STATUS NUL OLD NUL NEW NUL``), read by position so no name is taken for a field."""
    commits: list[Commit] = []
    entries: list[tuple[Commit, str, str, str | None]] = []
    tokens = log.split(b"\0")
    commit: Commit | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        if token.startswith(_COMMIT_MARK):
            fields = [token[len(_COMMIT_MARK) :], *tokens[index + 1 : index + _HEADER_FIELDS]]
            index += _HEADER_FIELDS
            if len(fields) < _HEADER_FIELDS:
                break
            sha, parents, author, email, date, subject = map(_text, fields)
            commit = Commit(sha, tuple(parents.split()), author, email, date, subject)
            commits.append(commit)
            continue
        if not token or commit is None:
            index += 1
            continue
        status = _text(token[:1])
        count = 2 if status in ("R", "C") else 1
        names = tokens[index + 1 : index + 1 + count]
        index += 1 + count
        if len(names) < count:
            break
        paths = [_path(name) for name in names]
        inside = [p[len(prefix) :] if p.startswith(prefix) else None for p in paths]
        if count == 2:
            old, new = inside
            if new is not None:
                entries.append((commit, status, new, old))
        elif inside[0] is not None:
            entries.append((commit, status, inside[0], None))
    return commits, entries


def read_history(root: Path) -> History:
    """Every record's changes along HEAD's first-parent line, newest first."""
    if not root.is_dir():
        return History(False, reason="no-records")
    prefix = _prefix(root)
    if prefix is None:
        return History(False, reason="no-repository")
    if _git(root, "rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        return History(False, reason="no-commits")
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    log = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--name-status",
        "-M",
        "-z",
        f"--format={_FORMAT}",
        "--",
        ".",
    )
    if log.returncode != 0:
        return History(False, shallow=shallow, reason="git-failed")
    commits, entries = _parse(log.stdout, prefix)
    # Walk newest to oldest; a rename sends the older history of `old` to today's name.
    current_name: dict[str, str] = {}
    changes: dict[str, list[Change]] = defaultdict(list)
    for commit, status, path, old in entries:
        name = current_name.get(path, path)
        changes[name].append(Change(commit, status, path, old))
        if status == "R" and old is not None:
            current_name[old] = name
    return History(True, shallow=shallow, commits=commits, changes=dict(changes))
