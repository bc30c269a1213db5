"""Writing the history as a git repository, with ``git fast-import``.

Each pull request becomes one commit on ``main``, as GitHub squash-merges it: the
author is the person who wrote the change, the committer GitHub, the subject the
pull request's title with its number, ``Title (#N)``, numbered in merge order. Times
are the day's working hours in China (UTC+8), spread over the day in merge order by a
generator seeded with the day, so the same pull requests give the same commits, hashes
included: nothing is read from the clock, the user's git configuration or the
environment.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

from .messages import text
from .people import COMMITTER, People
from .timeline import PullRequest

TIMEZONE = dt.timezone(dt.timedelta(hours=8))
START = dt.time(8, 30)
END = dt.time(18, 0)
# git reads no configuration of the user's or the system's: hooks, templates and
# signing cannot change a commit
GIT_ENVIRONMENT = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TEMPLATE_DIR": "",
    "LC_ALL": "C",
}


def git(folder: Path, *args: str, data: bytes | None = None) -> bytes:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    result = subprocess.run(
        ["git", "-C", str(folder), *args],
        input=data,
        capture_output=True,
        env={**environment, **GIT_ENVIRONMENT},
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.decode(errors='replace')}")
    return result.stdout


def times(pulls: list[PullRequest]) -> list[dt.datetime]:
    """When each pull request was merged: in order through its day's working hours."""
    found = []
    day = None
    minutes = 0
    rng = random.Random()
    for pull in pulls:
        if pull.day != day:
            day = pull.day
            rng = random.Random(day.isoformat())
            minutes = START.hour * 60 + START.minute
        minutes += rng.randint(4, 19)
        assert minutes < END.hour * 60, f"{day}: more pull requests than a working day holds"
        found.append(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), TIMEZONE))
    return found


def message(pull: PullRequest, number: int, people: People) -> str:
    _author, proxy = people.author(pull.author)
    body = list(pull.body)
    if proxy:
        body.append(text("proxy", name=proxy, clerk=people.name(people.clerk)))
    subject = f"{pull.title} (#{number})"
    return subject + ("\n\n" + "\n".join(body) if body else "") + "\n"


def stream(pulls: list[PullRequest], people: People) -> Iterator[bytes]:
    """The fast-import stream of the pull requests, one commit each on main."""
    for number, (pull, when) in enumerate(zip(pulls, times(pulls), strict=True), 1):
        author, _proxy = people.author(pull.author)
        stamp = f"{int(when.timestamp())} +0800"
        described = message(pull, number, people).encode("utf-8")
        yield f"commit refs/heads/main\nmark :{number}\n".encode()
        yield f"author {author.name} <{author.email}> {stamp}\n".encode()
        yield f"committer {COMMITTER[0]} <{COMMITTER[1]}> {stamp}\n".encode()
        yield f"data {len(described)}\n".encode() + described + b"\n"
        if number > 1:
            yield f"from :{number - 1}\n".encode()
        for path, content in sorted(pull.files.items()):
            yield f"M 100644 inline {path}\ndata {len(content)}\n".encode() + content + b"\n"
        yield b"\n"


def write(folder: Path, pulls: list[PullRequest], people: People) -> str:
    """A new repository in ``folder`` (which must not exist) holding the history, with
    its work tree checked out; returns the last commit's id."""
    folder.mkdir(parents=True)
    git(folder, "init", "-q", "-b", "main")
    git(
        folder, "fast-import", "--quiet", "--done", data=b"".join(stream(pulls, people)) + b"done\n"
    )
    git(folder, "reset", "-q", "--hard", "main")
    return git(folder, "rev-parse", "HEAD").decode().strip()
