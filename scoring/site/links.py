"""Links the pages make: to records and their commits, to photos, between pages.

Every address is built here from ids the checks have validated or from paths quoted
here, never taken from a record as it stands: a record can name a photo, not a URL.
Photos are published only when they are raster images (shown with the lightbox, as
``photos.publish`` re-encodes them); a PDF is never published, since it can carry
script (``/OpenAction``, JavaScript) that no re-encoding here removes: the page shows
its name and SHA-256 and says the original is kept in the repository. Anything else a
month's evidence folder holds (an SVG, an HTML page) is listed by name only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

from scoring import model
from scoring.history import History
from scoring.problems import Pos
from scoring.site.data import Repository

IMAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
DOCUMENTS = (".pdf",)


@dataclass(frozen=True)
class RecordLink:
    """A record position, with links to the file at its last commit and to that commit."""

    path: str
    line: int | None
    blob: str | None
    commit: str | None
    short: str | None  # the commit's short sha
    history: str  # the record's entry on the history page (site-relative)

    @property
    def text(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Evidence:
    """A photo or document a record names, and where the site publishes it (if it does)."""

    name: str
    url: str | None  # site-relative; None when not published
    image: bool
    sha256: str | None = None  # of the original in git, so a silent swap shows
    kept: bool = False  # a document kept in the repository only (a PDF), never published


@lru_cache(maxsize=65536)  # pages link the same few hundred pages tens of thousands of times
def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a Markdown page (``months/2026-11/``)."""
    path = PurePosixPath(src_uri)
    stem = path.with_suffix("")
    if stem.name == "index":
        parent = str(stem.parent)
        return "" if parent == "." else f"{parent}/"
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def evidence_kind(name: str) -> str | None:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in IMAGES:
        return "image"
    if suffix in DOCUMENTS:
        return "document"
    return None


def listed_evidence(records: model.Records) -> list[tuple[str, str]]:
    """(month, name) of every evidence file the site lists with its SHA-256: photos (whose
    clean copies it publishes in ``months/M/evidence/``) and PDFs (which it does not)."""
    found = []
    for month, month_records in records.months.items():
        for name, entry in sorted(month_records.evidence.items()):
            if not entry.outside and evidence_kind(name) is not None:
                found.append((month, name))
    return found


def evidence_src(month: str, name: str) -> str:
    return f"months/{month}/evidence/{name}"


class Links:
    """Builds the links of one site build."""

    def __init__(
        self, records: model.Records, history: History, repository: Repository, directory_urls: bool
    ) -> None:
        self.records = records
        self.history = history
        self.repository = repository
        self.directory_urls = directory_urls
        self.evidence_hashes: dict[tuple[str, str], str] = {}  # set by the build
        self._records: dict[tuple[str, int | None], RecordLink] = {}

    def page(self, src_uri: str, anchor: str | None = None) -> str:
        url = page_url(src_uri, self.directory_urls)
        return f"{url}#{quote(anchor)}" if anchor else url

    def month(self, month: str, anchor: str | None = None) -> str:
        return self.page(f"months/{month}.md", anchor)

    def report(self, month: str) -> str:
        """The month's printable report (通报)."""
        return self.page(f"months/{month}/report.md")

    def department(self, department: str, anchor: str | None = None) -> str:
        return self.page(f"departments/{department}.md", anchor)

    def contract(self, contract: str, anchor: str | None = None) -> str:
        return self.page(f"services/{contract}.md", anchor)

    def history_of(self, path: str) -> str:
        """A record's entry in the history: a month's records are on the month's page. A
        file that does not exist (a missing assessment) has no entry: the page itself."""
        folder = path.split("/", 1)[0] if "/" in path else ""
        listed = path in self.records.present or path in self.history.changes
        anchor = path if listed and self.history.available else None
        if folder in self.records.months:
            return self.page(f"history/{folder}.md", anchor)
        return self.page("history.md", anchor)

    def record(self, pos: Pos | None) -> RecordLink | None:
        """The record a value was written in, linked to its file and last commit."""
        if pos is None or not pos.path:
            return None
        key = (pos.path, pos.line)
        if key not in self._records:  # the same positions are linked from several pages
            self._records[key] = self._record(pos.path.split("#")[0], pos.line)
        return self._records[key]

    def _record(self, path: str, line: int | None) -> RecordLink:
        change = self.history.last_change(path) if self.history.available else None
        sha = change.commit.sha if change else None
        return RecordLink(
            path=path,
            line=line,
            blob=self.repository.blob(sha, path, line) if sha else None,
            commit=self.repository.commit(sha) if sha else None,
            short=change.commit.short if change else None,
            history=self.history_of(path),
        )

    def record_files(self, links: Iterable[RecordLink | None]) -> list[RecordLink]:
        """Each record file of ``links`` that exists once, linked without a line, in path
        order (an explanation also names the files still missing)."""
        present = self.records.present
        paths = sorted({link.path for link in links if link is not None and link.path in present})
        return [link for path in paths if (link := self.record(Pos(path))) is not None]

    def evidence(self, month: str, name: str) -> Evidence:
        entry = (
            self.records.months[month].evidence.get(name) if month in self.records.months else None
        )
        kind = evidence_kind(name)
        if entry is None or entry.outside or kind is None:
            return Evidence(name, None, False)
        digest = self.evidence_hashes.get((month, name))
        if kind == "document":
            return Evidence(name, None, False, digest, kept=True)
        folder = page_url(f"months/{month}.md", True)  # evidence sits in the month's folder
        return Evidence(name, f"{folder}evidence/{quote(name)}", True, digest)
