"""Every page of the site (DESIGN.md §7), assembled from the page builders.

``site_pages(build)`` yields the home page, the months (``monthly``), the
departments and the outsourced services (``subjects``), the rules, the appeals, the
history and the downloads (``reference``), and the use of results when org.yaml
publishes it (``results_use``), one page at a time, so a page's context
is freed once it is rendered. Record pages (a month and its report, a department, a
contract, a month's history) stay out of the navigation (§10: Material's navigation grows
quadratically) and out of the full-text search index (``page.SearchEntry``).
"""

from __future__ import annotations

from collections.abc import Iterator

from scoring.site.monthly import monthly_pages
from scoring.site.page import Build, Page
from scoring.site.reference import reference_pages
from scoring.site.results_use import results_use_pages
from scoring.site.subjects import subject_pages


def site_pages(build: Build) -> Iterator[Page]:
    yield from monthly_pages(build)
    yield from subject_pages(build)
    yield from reference_pages(build)
    yield from results_use_pages(build)  # none unless org.yaml has publish_rewards: true
