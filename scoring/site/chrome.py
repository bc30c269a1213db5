"""What every page shows around its content: the footer and the 404 page.

The footer gives the records' version: the date and short hash of the last commit that
changed the records (from the history the site already read, never the build's clock;
nothing without git), linked to the commit when the repository is known. The 404 page
speaks the site's language. Both are rendered here with the site's templates
(autoescape on) and printed by kaoping's two theme templates (``theme/``), which the
plugin puts before Material's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from scoring import i18n
from scoring.site.data import SiteData

THEME = Path(__file__).parent / "theme"


@dataclass(frozen=True)
class RecordsVersion:
    """The last commit that changed the records."""

    sha: str
    short: str
    date: str  # as the site writes dates
    url: str | None


def records_version(data: SiteData) -> RecordsVersion | None:
    history = data.history
    if not history.available or not history.commits:
        return None
    commit = history.commits[0]  # newest first, along the published line
    return RecordsVersion(
        commit.sha,
        commit.short,
        i18n.timestamp(commit.date, data.language),
        data.repository.commit(commit.sha),
    )


def chrome(data: SiteData, env: Any, generator: bool = True) -> dict[str, Markup]:
    """The theme's ``extra`` values: the footer, the 404 page's text and its link home."""
    footer = env.get_template("chrome_footer.html").render(
        version=records_version(data), generator=generator
    )
    not_found = env.get_template("chrome_404.html").render()
    home = i18n.text("not-found.home", data.language)
    return {
        "kaoping_footer": Markup(footer),
        "kaoping_not_found": Markup(not_found),
        "kaoping_home": Markup.escape(home),
    }


def theme_dirs(dirs: list[str]) -> list[str]:
    """The theme's template folders with kaoping's just before Material's own (an
    organisation's ``custom_dir`` keeps the first say)."""
    ours = str(THEME)
    found = [d for d in dirs if d != ours]
    index = next((i for i, d in enumerate(found) if Path(d).parent.name == "material"), 0)
    return found[:index] + [ours] + found[index:]
