"""Real site builds for tests: a copy of the project (mkdocs.yml, site/, records/) built by MkDocs.

``make_project(target)`` copies the example project into ``target`` (optionally as a
git repository with a commit); ``build(project)`` runs ``mkdocs build`` there; ``parse``
reads a built page into its elements, with entities decoded as a browser would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from gitrepo import commit_all, init

REPO = Path(__file__).resolve().parent.parent


def make_project(target: Path, *, repository: bool = True, message: str = "Records") -> Path:
    """The example project copied to ``target``; with ``repository`` a git repo with one commit."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "site", target / "site")
    shutil.copytree(REPO / "records", target / "records", ignore=shutil.ignore_patterns(".*"))
    if repository:
        init(target)
        commit_all(target, message, date="2026-12-01T09:00:00+08:00")
    return target


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` in ``project`` (extra arguments such as ``--strict`` appended)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def kaoping(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args, "--records", str(project / "records")],
        cwd=project,
        capture_output=True,
        timeout=120,
    )


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Document(HTMLParser):
    """A built page: its elements in order (text collected per element) and all its text."""

    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for element in self._open:
            element.text += data

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag
            and all(e.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def links(self) -> list[str]:
        return [e.attrs["href"] for e in self.elements if e.tag == "a" and "href" in e.attrs]


def parse(path: Path) -> Document:
    document = Document()
    document.feed(path.read_text(encoding="utf-8"))
    document.close()
    return document
