"""The home page and the months: league tables and every month's evaluation in full.

The home page shows the league table of the latest published (or closed) month and
the state of the current month (the latest month folder, never the clock): its
status and what is still missing. A month's page has its league table, then each
department's targets, public indicators, findings, claims, leader score, appeals and
the derivation of its total, then the month's outsourced services, and once published
its seal (the fingerprint `kaoping seal` recomputes) and every later amendment. Each
month also has a one-page report (通报, ``months/YYYY-MM/report/``) for printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

from scoring import i18n, model
from scoring.results import DepartmentMonth, MonthResult
from scoring.sealing import SealReport, input_listing, input_paths, month_seal
from scoring.site import charts
from scoring.site.chrome import records_version
from scoring.site.page import Build, Page, Same, SearchEntry, TocEntry
from scoring.site.search import distinct
from scoring.sources import FolderSource


def league(month: MonthResult) -> list[DepartmentMonth]:
    """Complete departments by rank (ties in org.yaml order), then the incomplete ones."""
    ranked = sorted((d for d in month.departments if d.rank is not None), key=lambda d: d.rank or 0)
    return ranked + [d for d in month.departments if d.rank is None]


def latest_counted(build: Build) -> MonthResult | None:
    counted = [month for month in build.data.results.months if month.counted]
    return counted[-1] if counted else None


def home_page(build: Build) -> Page:
    latest = latest_counted(build)
    months = build.data.results.months
    current = months[-1] if months else None
    missing: list[str] = []
    if current is not None:
        missing = [path for d in current.departments for path in d.missing]
        missing += [path for s in current.services for path in s.missing]
    named = build.views.naming.missing_all(missing)
    context = {
        "latest": latest,
        "rows": league(latest) if latest else [],
        "current": current,
        "info": build.data.records.months[current.month].info if current else None,
        "missing": named,
        "complete": sum(1 for d in current.departments if d.complete) if current else 0,
        "services_complete": sum(1 for s in current.services if s.complete) if current else 0,
    }
    toc = []
    if latest is not None:
        title = build.t("home.latest", month=build.month_name(latest.month))
        toc.append(TocEntry(2, "_league", title))
    if current is not None:
        toc.append(
            TocEntry(2, "_current", build.t("home.current", month=build.month_name(current.month)))
        )
    return Page("index.md", build.data.org.unit, "home.html", context, toc)


def months_index(build: Build) -> Page:
    rows = []
    for month in reversed(build.data.results.months):
        ranked = league(month)
        rows.append(
            {
                "month": month,
                "info": build.data.records.months[month.month].info,
                "complete": sum(1 for d in month.departments if d.complete),
                "first": ranked[0] if ranked and ranked[0].rank == 1 else None,
            }
        )
    return Page("months/index.md", build.t("nav.months"), "months.html", {"rows": rows})


def _department_section(
    build: Build, month: MonthResult, figures: DepartmentMonth
) -> dict[str, Any]:
    views = build.views
    published = build.data.org.publish_ratings
    return {
        "figures": figures,
        "grade": views.grade_name(month.grades, figures.grade),
        "targets": views.targets(figures),
        "findings": views.findings(figures),
        "claims": [views.claim(verdict) for verdict in figures.claims],
        "appeals": views.appeals(figures.department, month.month),
        "explain": views.explain_department(month, figures),
        "ratings": [(views.person(r.person), r) for r in figures.ratings] if published else [],
        "missing": views.naming.missing_all(list(figures.missing)),
    }


def _department_words(section: dict[str, Any]) -> tuple[str, ...]:
    """What people search a department's month for: its targets, findings, claims, appeals."""
    words: list[str | None] = [section["figures"].name]
    for row in section["targets"]:
        words += [row.item.name, row.item.reason]
    for finding in section["findings"]:
        words += [finding.charge.finding.description, finding.location]
    for claim in section["claims"]:
        words += [claim.verdict.claim.description, claim.rule]
    for appeal in section["appeals"]:
        words += [appeal.appeal.grounds, appeal.appeal.decision]
    return distinct(words)


def _month_words(build: Build, month: MonthResult) -> tuple[str, ...]:
    """What finds a month's page itself: its name, status and the departments ranked."""
    status = build.t(f"status.{month.status}") if month.status else ""
    words: list[str | None] = [build.month_name(month.month), status, build.t("month.league")]
    words += [figures.name for figures in league(month)]
    return distinct(words)


def _service_words(service: dict[str, Any]) -> tuple[str, ...]:
    figures = service["figures"]
    words: list[str | None] = [figures.name, figures.provider]
    for check in service["checks"]:
        words += [check.item, check.weight.check.description]
    for appeal in service["appeals"]:
        words += [appeal.appeal.grounds, appeal.appeal.decision]
    return distinct(words)


def _linked(sections: list[dict[str, Any]], services: list[dict[str, Any]]) -> Iterator[Any]:
    """Every record position a month page shows (listed once per file at the page's end)."""
    for section in sections:
        yield from (row.link for row in section["targets"])
        yield from (view.link for view in section["findings"] + section["claims"])
        yield from (line.link for line in section["explain"])
    for service in services:
        yield from (check.link for check in service["checks"])
        yield from (line.link for line in service["explain"])


def _seal(build: Build, month: MonthResult) -> dict[str, Any] | None:
    """The month's fingerprint (recomputed and stored) once it is published."""
    if not month.counted:
        return None
    records = build.data.records
    found = build.data.figures.month(month.month)
    assert found is not None
    paths = input_paths(records.present, records.appeals, month.month)
    before = records.months.get(model.add_months(month.month, -1))
    previous = before.seal.seal if before is not None and before.seal is not None else None
    listing = input_listing(FolderSource(build.data.root), paths)
    fresh = month_seal(found, previous, listing)
    report = SealReport(fresh, records.months[month.month].seal)
    return {"fresh": fresh, "stored": report.stored, "state": report.state}


def _amendments(build: Build, month: str, published: dt.date | None) -> list[Any]:
    """Commits after the month's publication that changed its records, newest first.

    The publication is the oldest commit that touched the month's month.yaml on or after
    the `published` date (for an archive imported later, its first commit). Lifecycle
    bookkeeping (month.yaml, seal.yaml) is not an amendment.
    """
    history = build.data.history
    if published is None or not history.available:
        return []
    order = {commit.sha: index for index, commit in enumerate(history.commits)}  # 0 = newest
    lifecycle = history.of(f"{month}/month.yaml")
    if not lifecycle:
        return []
    on_time = [c for c in lifecycle if c.commit.date[:10] >= published.isoformat()]
    publication = order[(on_time or lifecycle)[-1].commit.sha]
    found: dict[str, dict[str, Any]] = {}
    for path, changes in history.changes.items():
        if not path.startswith(f"{month}/") or path in (
            f"{month}/month.yaml",
            f"{month}/seal.yaml",
        ):
            continue
        for change in changes:
            if order[change.commit.sha] < publication:
                entry = found.setdefault(change.commit.sha, {"commit": change.commit, "paths": []})
                entry["paths"].append(path)
    rows = sorted(found.values(), key=lambda entry: order[entry["commit"].sha])
    repository = build.data.repository
    return [
        {
            **row,
            "date": i18n.timestamp(row["commit"].date, build.language),
            "link": repository.commit(row["commit"].sha),
            "paths": sorted(row["paths"]),
        }
        for row in rows
    ]


def month_page(build: Build, month: MonthResult) -> Page:
    views = build.views
    info = build.data.records.months[month.month].info
    sections = [_department_section(build, month, figures) for figures in month.departments]
    services: list[dict[str, Any]] = [
        {
            "figures": figures,
            "checks": views.checks(figures),
            "explain": views.explain_contract(figures),
            "appeals": views.appeals(figures.contract, month.month),
            "assessor": views.person(figures.assessor) if figures.assessor else "",
            "missing": views.naming.missing_all(list(figures.missing)),
        }
        for figures in month.services
    ]
    context = {
        "result": month,
        "info": info,
        "overseers": views.people(info.overseers) if info else "",
        "absent": views.people(info.absent) if info else "",
        "rows": league(month),
        "sections": sections,
        "services": services,
        "chart": charts.league_chart(list(month.departments), build.language),
        "chart_summary": charts.league_summary(list(month.departments), build.language),
        "records": build.links.record_files(_linked(sections, services)),
        "seal": _seal(build, month),
        "amendments": _amendments(build, month.month, info.published if info else None),
    }
    departments = tuple(TocEntry(3, s["figures"].department, s["figures"].name) for s in sections)
    toc = [
        TocEntry(2, "_league", build.t("month.league")),
        TocEntry(2, "_departments", build.t("month.departments"), departments),
    ]
    if services:
        contracts = tuple(TocEntry(3, s["figures"].contract, s["figures"].name) for s in services)
        toc.append(TocEntry(2, "_services", build.t("month.services"), contracts))
    if context["records"]:
        toc.append(TocEntry(2, "_records", build.t("dept.records")))
    if context["seal"]:
        toc.append(TocEntry(2, "_seal", build.t("month.seal")))
    title = build.month_name(month.month)
    # The page's own entry comes first: Material's search groups a page's sections under
    # the entry without an anchor, and links a group without one to "undefined".
    search = [SearchEntry(None, title, _month_words(build, month))]
    search += [
        SearchEntry(s["figures"].department, f"{title} · {s['figures'].name}", _department_words(s))
        for s in sections
    ]
    search += [
        SearchEntry(s["figures"].contract, f"{title} · {s['figures'].name}", _service_words(s))
        for s in services
    ]
    return Page(
        f"months/{month.month}.md",
        title,
        "month.html",
        context,
        toc,
        in_nav=False,
        search=search,
    )


def report_page(build: Build, month: MonthResult) -> Page:
    """The month's one-page report (通报) for printing: results, every point lost or
    gained with its reason, what is still to rectify, the appeals and the services."""
    views = build.views
    info = build.data.records.months[month.month].info
    losses = [
        (figures, [loss for loss in views.losses(month, figures) if loss.change is not None])
        for figures in league(month)
    ]
    open_findings = [
        view for figures in month.departments for view in views.findings(figures) if view.open
    ]
    appeals = [
        views.appeal(key, appeal)
        for key, appeal in sorted(build.data.records.appeals.items())
        if appeal.month == month.month
    ]
    context = {
        "result": month,
        "info": info,
        "unit": build.data.org.unit,
        "rows": league(month),
        "losses": [(figures, rows) for figures, rows in losses if rows],
        "open": open_findings,
        "appeals": appeals,
        "services": month.services,
        "overseers": views.people(info.overseers) if info else "",
        "version": records_version(build.data),
    }
    title = build.t("report.title", unit=build.data.org.unit, month=build.month_name(month.month))
    return Page(
        f"months/{month.month}/report.md",
        title,
        "report.html",
        context,
        in_nav=False,
        search=[],  # the month's page is what search finds
    )


def month_inputs(build: Build, month: MonthResult) -> tuple[object, ...]:
    """A month page rests on its figures, its records and the month before's (the seal)."""
    records = build.data.records.months
    before = records.get(model.add_months(month.month, -1))
    return (month, Same(records[month.month]), Same(before))


def monthly_pages(build: Build) -> Iterator[Page]:
    yield home_page(build)
    yield months_index(build)
    for month in build.data.results.months:
        if build.fresh(f"months/{month.month}.md", partial(month_inputs, build, month)):
            yield month_page(build, month)
        if build.fresh(f"months/{month.month}/report.md", partial(month_inputs, build, month)):
            yield report_page(build, month)
