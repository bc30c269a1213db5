"""A generated page, and what every page builder shares (the data, links, views, language).

The builders (``monthly``, ``subjects``, ``reference``) each return ``Page`` values;
``pages.site_pages`` assembles them. A page carries its own table of contents, since
the HTML it holds is not Markdown for MkDocs to take headings from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoring import i18n
from scoring.site.data import SiteData
from scoring.site.links import Links
from scoring.site.views import Views


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str
    children: tuple[TocEntry, ...] = ()


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


class Build:
    """What the page builders of one site build share."""

    def __init__(self, data: SiteData, links: Links) -> None:
        self.data = data
        self.links = links
        self.views = Views(data, links)
        self.language = data.language

    def t(self, key: str, **params: object) -> str:
        return i18n.text(key, self.language, **params)

    def month_name(self, month: str) -> str:
        return i18n.month(month, self.language)
