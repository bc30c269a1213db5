"""What the site is built from: validated records, their results, their git history.

``load_site(root)`` runs the earlier stages once (the engine's validation and scoring,
the history) and hands the pages plain values. Records with validation errors are refused
(``SiteError``, with the messages): the site never publishes figures ``kaoping
score`` would refuse. A repository URL from org.yaml becomes links only when validation
accepts it (a plain http(s) address without a user name); anything else is reported and
ignored, so a record can never turn a link into ``javascript:`` or another host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from scoring import model
from scoring.engine import Engine, Evaluation, Memory, folder_engine
from scoring.history import History, read_history
from scoring.problems import ERROR, Problem
from scoring.published import Figures
from scoring.results import Results
from scoring.revisions import RevisionError, repository_of
from scoring.schema import repository_url_fault


class SiteError(Exception):
    """The records cannot be published (validation errors); the message lists them."""


def safe_repository_url(url: str | None) -> str | None:
    """The repository's address as validation accepts it (``repository_url_fault``),
    without a trailing slash or ``.git``; else None, and the site builds no link."""
    if not url or repository_url_fault(url) is not None:
        return None
    cleaned = url.rstrip("/")
    return cleaned[: -len(".git")] if cleaned.endswith(".git") else cleaned


@dataclass(frozen=True)
class Repository:
    """Links into the repository that holds the records (none without a safe URL)."""

    url: str | None
    prefix: str  # the records folder inside the repository, e.g. "records"

    def blob(self, sha: str, path: str, line: int | None = None) -> str | None:
        if self.url is None:
            return None
        target = "/".join(part for part in (self.prefix, path) if part)
        anchor = f"#L{line}" if line else ""
        return f"{self.url}/blob/{sha}/{quote(target)}{anchor}"

    def commit(self, sha: str) -> str | None:
        return f"{self.url}/commit/{sha}" if self.url else None

    def pull_request(self, number: int | None) -> str | None:
        return f"{self.url}/pull/{number}" if self.url and number is not None else None


@dataclass
class SiteData:
    """Everything a page reads."""

    root: Path
    evaluation: Evaluation
    records: model.Records
    results: Results
    figures: Figures
    history: History
    repository: Repository
    notes: list[str] = field(default_factory=list)  # warnings for the build log

    @property
    def org(self) -> model.Org:
        assert self.records.org is not None
        return self.records.org

    @property
    def language(self) -> str:
        return self.org.language


def _prefix(root: Path) -> str:
    try:
        return repository_of(root)[1]
    except RevisionError:
        return root.name


def refusal(evaluation: Evaluation, problems: list[Problem]) -> str:
    lines = [
        f"{p.pos}: {p.severity}: {p.message(evaluation.language)} [{p.code}]" for p in problems
    ]
    return "the records have validation errors (run `kaoping validate`):\n" + "\n".join(lines)


def load_site(root: Path, memory: Memory | None = None, history: History | None = None) -> SiteData:
    """Validate, score and read the history of the records at ``root`` (through the
    engine: with ``memory``, only the months changed since its last reading are read;
    ``history``: the history as already read)."""
    engine = folder_engine(root, cache=True, memory=memory)
    refuse_errors(engine.evaluation())
    return site_data(root, engine, history if history is not None else read_history(root))


def refuse_errors(evaluation: Evaluation) -> None:
    """``SiteError`` when the records have validation errors (or no org.yaml)."""
    errors = [problem for problem in evaluation.problems if problem.severity == ERROR]
    if errors or evaluation.org is None:
        raise SiteError(refusal(evaluation, errors))


def site_data(root: Path, engine: Engine, history: History) -> SiteData:
    """What the pages read, from the engine's evaluation and results, and the history."""
    evaluation = engine.evaluation()
    org = evaluation.org
    assert org is not None
    notes = []
    url = safe_repository_url(org.repository)
    if org.repository and url is None:
        notes.append(
            f"org.yaml: repository {org.repository!r} is not a plain http(s) URL; "
            "the site leaves out links to commits"
        )
    if history.shallow:
        notes.append(
            "the records are in a shallow git clone: their history would be incomplete "
            "(fetch the full history, e.g. actions/checkout with fetch-depth: 0)"
        )
    return SiteData(
        root=root,
        evaluation=evaluation,
        records=engine.records(),
        results=engine.results(),
        figures=engine.figures(),
        history=history,
        repository=Repository(url, _prefix(root) if history.available else root.name),
        notes=notes,
    )
