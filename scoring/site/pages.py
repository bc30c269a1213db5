"""Every page of the site (DESIGN.md §7), assembled from the page builders.

``site_pages(build)`` lists the home page, the months (``monthly``), the
departments and the outsourced services (``subjects``), the rules, the appeals, the
history and the downloads (``reference``). Record pages (a month, a department, a
contract) stay out of the navigation (§10: Material's navigation grows quadratically).
"""

from __future__ import annotations

from scoring.site.monthly import monthly_pages
from scoring.site.page import Build, Page
from scoring.site.reference import reference_pages
from scoring.site.subjects import subject_pages


def site_pages(build: Build) -> list[Page]:
    return monthly_pages(build) + subject_pages(build) + reference_pages(build)
