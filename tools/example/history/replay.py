"""Replaying the pull requests in order into a folder, sealing months as they close.

The seals are the library's (``scoring.sealing``), computed on the records as they
stand after each pull request: when the office closes a month its pull request adds
the month's seal.yaml; when a later pull request changes an input of a closed month's
seal (org.yaml, indicators.yaml, bonus-rules.yaml, a contract, an appeal about that
month) it reseals that month and every closed month after it, as ``kaoping seal
--write`` would, and its message says so; the figures of a closed month never move
(asserted). Every state a seal is computed in validates without an error.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scoring.engine import Engine, Memory
from scoring.model import add_months
from scoring.sealing import input_listing, input_paths, month_seal
from scoring.sources import FolderSource

from ..dates import chinese_month
from .messages import listed, text
from .timeline import PullRequest

SHARED_INPUTS = ("org.yaml", "indicators.yaml", "bonus-rules.yaml")
RECORDS = "records/"


class Replay:
    def __init__(self, folder: Path) -> None:
        self.folder = folder  # the repository's work tree as the pull requests build it
        self.records = folder / "records"
        self.status: dict[str, str] = {}  # month -> status in month.yaml
        self.appeal_month: dict[str, str] = {}  # appeal path -> its month
        self.current: dict[str, bytes] = {}
        self.memory = Memory()  # months unchanged since the last seal are not read again

    def apply(self, pull: PullRequest) -> None:
        """Write the pull request's files (dropping what it does not change) and add
        the seals it calls for."""
        for path, content in list(pull.files.items()):
            if self.current.get(path) == content:
                del pull.files[path]
                continue
            self.write(path, content)
            if path.startswith(RECORDS):
                self.note(path[len(RECORDS) :], content)
        affected = self.affected(pull)
        if affected:
            self.seal(pull, affected)

    def write(self, path: str, content: bytes) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.current[path] = content

    def note(self, path: str, content: bytes) -> None:
        parts = path.split("/")
        if len(parts) == 2 and parts[1] == "month.yaml":
            self.status[parts[0]] = str(yaml.safe_load(content)["status"])
        elif parts[0] == "appeals":
            self.appeal_month[path] = str(yaml.safe_load(content)["month"])

    def closed(self) -> list[str]:
        return sorted(m for m, s in self.status.items() if s == "closed")

    def affected(self, pull: PullRequest) -> list[str]:
        """The closed months whose seal this pull request changes: the month it closes
        and those whose inputs it changes, with every closed month after the first."""
        closed = self.closed()
        touched: set[str] = set()
        for path in (p[len(RECORDS) :] for p in pull.files if p.startswith(RECORDS)):
            if path in SHARED_INPUTS or path.startswith("services/"):
                touched.update(closed)
            elif path.startswith("appeals/"):
                touched.add(self.appeal_month[path])
            else:
                touched.add(path.split("/")[0])
        touched &= set(closed)
        if not touched:
            return []
        return [m for m in closed if m >= min(touched)]

    def seal(self, pull: PullRequest, months: list[str]) -> None:
        engine = Engine(FolderSource(self.records), memory=self.memory)
        evaluation = engine.evaluation()
        errors = [p for p in evaluation.problems if p.severity == "error"]
        assert not errors, f"{pull.title}: {[(str(p.pos), p.code) for p in errors]}"
        before = evaluation.summaries.get(add_months(months[0], -1))
        previous = before.seal.seal if before is not None and before.seal is not None else None
        resealed = []
        for month in months:
            paths = input_paths(evaluation.present, evaluation.shared.appeals, month)
            fresh = month_seal(
                engine.month_figures(month), previous, input_listing(engine.source, paths)
            )
            stored = evaluation.summaries[month].seal
            if stored is not None:
                assert stored.figures == fresh.figures, f"{pull.title}: {month}'s figures moved"
            previous = fresh.seal
            path = f"{RECORDS}{month}/seal.yaml"
            content = fresh.yaml_text().encode("utf-8")
            if self.current.get(path) != content:
                self.write(path, content)
                pull.files[path] = content
                if stored is not None:
                    resealed.append(month)
                else:
                    pull.body.append(text("sealed", seal=fresh.seal))
        pull.seals = tuple(months)
        if resealed:
            names = listed([chinese_month(m) for m in resealed])
            pull.body.append(text("resealed", months=names))
