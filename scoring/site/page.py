"""A generated page, and what every page builder shares (the data, links, views, language).

The builders (``monthly``, ``subjects``, ``reference``) each yield ``Page`` values;
``pages.site_pages`` assembles them. A page carries its own table of contents, since
the HTML it holds is not Markdown for MkDocs to take headings from. A record page (a
month, a department, a contract, a month's history) is too large to index in full:
it carries ``search`` entries instead (the words people look for: names, titles,
reasons, findings) and its front matter keeps MkDocs' search from reading its text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scoring import i18n
from scoring.site.data import SiteData
from scoring.site.links import Links
from scoring.site.views import Kept, Views


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds for a record page, or a section of it (``anchor``)."""

    anchor: str | None
    title: str
    words: tuple[str, ...]
    boost: float | None = None


@dataclass
class Page:
    """A generated page: its source name (under the docs folder) and how to render it."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    toc: list[TocEntry] = field(default_factory=list)
    in_nav: bool = True
    meta: dict[str, Any] = field(default_factory=dict)  # front matter (e.g. search boost)
    search: list[SearchEntry] | None = None  # a record page: these instead of its full text

    @property
    def front_matter(self) -> dict[str, Any]:
        """The page's meta, with the full text kept out of the search index on record pages."""
        if self.search is None:
            return dict(self.meta)
        return {**self.meta, "search": {**self.meta.get("search", {}), "exclude": True}}


class Same:
    """A value that compares equal only to itself: under ``mkdocs serve`` a month's records
    stay the same object until one of its files changes (``serving``)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value

    __hash__ = None  # type: ignore[assignment]


Reuse = Callable[[str, object], bool]  # (src_uri, inputs) -> the last build's page still holds


class Build:
    """What the page builders of one site build share.

    ``reuse``, under ``mkdocs serve`` (``serving``), says whether the page the last
    build made from equal inputs still holds; the builders then skip the page
    (``fresh``) and the plugin keeps the last build's. Without it every page is built.
    ``kept``: the views the last builds made (``Views``).
    """

    def __init__(
        self, data: SiteData, links: Links, reuse: Reuse | None = None, kept: Kept | None = None
    ) -> None:
        self.data = data
        self.links = links
        self.views = Views(data, links, kept)
        self.language = data.language
        self.reuse = reuse
        self.inputs: dict[str, object] = {}  # src_uri -> what a built page was built from
        self.skipped: list[str] = []  # pages the last build's copy stands for

    def template_globals(self) -> dict[str, Any]:
        """What every page's template may call, beside the page's own context."""
        views = self.views
        return {
            "links": self.links,
            "grade_name": views.grade_name,
            "people": views.people,
            "department_name": views.department_name,
            "contract_label": views.contract_label,
        }

    def fresh(self, src_uri: str, inputs: Callable[[], object]) -> bool:
        """Whether to build the page; ``inputs`` gives everything its HTML rests on beyond
        what every page shares (the language, the history, the records outside month
        folders), as values that compare equal exactly when the page would be the same."""
        if self.reuse is None:
            return True
        found = inputs()
        if self.reuse(src_uri, found):
            self.skipped.append(src_uri)
            return False
        self.inputs[src_uri] = found
        return True

    def t(self, key: str, **params: object) -> str:
        return i18n.text(key, self.language, **params)

    def month_name(self, month: str) -> str:
        return i18n.month(month, self.language)
