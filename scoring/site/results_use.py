"""The use-of-results pages (DESIGN.md §11): ``results-use/YYYY/``, one per year with a
counted month, and only when org.yaml says ``publish_rewards: true``.

Personal money is not public by default: without ``publish_rewards: true`` (or without
a ``rewards`` rule) this module yields no page, so nothing of the allocation reaches the
site (no page, no navigation entry, no search entry, no download). With it, each page
shows the rewards rule in force, the cadre assessment reference (the heads' rows) and
the reward allocation (every row), as ``kaoping rewards`` computes them.
"""

from __future__ import annotations

from collections.abc import Iterator

from scoring.results.rewards import Allocation, allocate, unavailable
from scoring.site.data import SiteData
from scoring.site.page import Build, Page, TocEntry


def allocations(data: SiteData) -> list[Allocation]:
    """The years the site publishes an allocation for (none unless ``publish_rewards``)."""
    org = data.org
    if not org.publish_rewards:
        return []
    return [allocate(org, year) for year in data.results.years if unavailable(org, year) is None]


def page_uri(year: int) -> str:
    return f"results-use/{year}.md"


def results_use_pages(build: Build) -> Iterator[Page]:
    for allocation in allocations(build.data):
        version = allocation.version
        context = {
            "allocation": allocation,
            "start": version.start,
            "rewards": version.value,
            "coefficients": [
                (grade.name, version.value.coefficients.get(grade.id))
                for grade in allocation.grades
            ],
        }
        toc = [
            TocEntry(2, "_cadres", build.t("results-use.cadres")),
            TocEntry(2, "_allocation", build.t("results-use.allocation")),
        ]
        title = build.t("results-use.title", year=allocation.year)
        yield Page(page_uri(allocation.year), title, "results_use.html", context, toc)
