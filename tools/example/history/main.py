"""The command: replay the example's records into a git repository, unless the one
already there was made from the same records, site and code."""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path

from scoring.engine import Engine
from scoring.sources import FolderSource

from .people import People
from .process import Process
from .replay import Replay
from .repository import write

REPOSITORY = Path(__file__).resolve().parents[3]
STAMP = "kaoping-example-history"  # in the repository's .git: what it was made from
# beside records/ in the bureau's repository: the site's configuration and pages
SITE = ("mkdocs.yml", "site")
IGNORE = b"# the built site and kaoping's cache\n/public/\n/.cache/\n"
CODE = ("tools/example", "tools/example_history.py", "scoring")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its POSIX path relative to it (caches left out)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def site_files() -> dict[str, bytes]:
    found = {".gitignore": IGNORE}
    for name in SITE:
        path = REPOSITORY / name
        if path.is_dir():
            found.update({f"{name}/{p}": c for p, c in tree(path).items()})
        else:
            found[name] = path.read_bytes()
    return found


def fingerprint(records: dict[str, bytes], site: dict[str, bytes]) -> str:
    """What the history is made from: the records, the site's files and this code."""
    digest = hashlib.sha256()
    code: dict[str, bytes] = {}
    for name in CODE:
        path = REPOSITORY / name
        found = tree(path) if path.is_dir() else {"": path.read_bytes()}
        code.update({f"{name}/{p}": c for p, c in found.items() if p.endswith(".py") or not p})
    for group in (records, site, code):
        for path, content in sorted(group.items()):
            digest.update(f"{path}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()


def stamp_of(output: Path) -> str | None:
    try:
        return (output / ".git" / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def replaceable(output: Path) -> bool:
    """Absent, empty, or a history written here before."""
    if not output.exists():
        return True
    return output.is_dir() and (not any(output.iterdir()) or stamp_of(output) is not None)


def build(records_folder: Path, output: Path) -> str:
    """Write the history of ``records_folder`` into ``output`` (replaced); the last commit."""
    records = tree(records_folder)
    site = site_files()
    engine = Engine(FolderSource(records_folder))
    problems = [p for p in engine.evaluation().problems if p.severity == "error"]
    assert not problems, f"the records do not validate: {len(problems)} errors"
    org = records["org.yaml"].decode("utf-8")
    pulls = Process(engine.records(), records, site).pull_requests()
    with tempfile.TemporaryDirectory(prefix="kaoping-history-") as work:
        replay = Replay(Path(work))
        for pull in pulls:
            replay.apply(pull)
        final = {
            p[len("records/") :]: c for p, c in replay.current.items() if p.startswith("records/")
        }
    differing = sorted(p for p in set(final) | set(records) if final.get(p) != records.get(p))
    assert not differing, f"the replayed records differ from the records: {differing[:10]}"
    pulls = [pull for pull in pulls if pull.files]
    fresh = output.with_name(output.name + ".new")
    if fresh.exists():
        shutil.rmtree(fresh)
    head = write(fresh, pulls, People(org))
    (fresh / ".git" / STAMP).write_text(fingerprint(records, site) + "\n", encoding="utf-8")
    if output.exists():
        shutil.rmtree(output)
    fresh.rename(output)
    return head


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=Path, default=REPOSITORY / "records")
    parser.add_argument("--output", type=Path, default=REPOSITORY / "build" / "example")
    parser.add_argument("--force", action="store_true", help="write it even when up to date")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    if not replaceable(output):
        parser.error(f"{args.output} is not empty and holds no example history: not replacing it")
    if not args.force and stamp_of(output) == fingerprint(tree(args.records), site_files()):
        print(f"{args.output}: up to date")
        return 0
    head = build(args.records.resolve(), output)
    print(f"{args.output}: {head}")
    return 0
