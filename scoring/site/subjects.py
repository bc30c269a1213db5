"""The pages of the evaluated: one per department and one per outsourced-service contract.

A department's page follows it through every month it exists: the trend of its
totals and ranks, the month-by-month figures, its years, its error-free streak and
the rules it may claim now, its claims, every finding with its rectification, its
appeals and the contracts it supervises. A contract's page shows its terms, the
chart of its monthly scores, every check and payment, and the year's totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from scoring import i18n, model
from scoring.results import ClaimVerdict, DepartmentMonth, MonthResult, Results
from scoring.site import charts
from scoring.site.page import Build, Page, SearchEntry, TocEntry
from scoring.site.search import distinct


def current_head(site: Build, department: model.Department) -> str:
    """The head in force in the current month (the latest month folder, DESIGN.md §7)."""
    months = site.data.results.months
    return site.views.person(department.head_in(months[-1].month if months else None))


def _department_page(site: Build, department_id: str) -> Page:
    data, views = site.data, site.views
    department = data.org.department(department_id)
    assert department is not None
    rows = [
        (month, figures)
        for month in data.results.months
        if (figures := month.department(department_id)) is not None
    ]
    years = [
        (year, figures)
        for year in data.results.years
        for figures in year.departments
        if figures.department == department_id
    ]
    streak = next((s for s in data.results.streaks if s.department == department_id), None)
    rules = data.records.bonus_rules
    eligible = [
        (rule.name if (rule := rules.rule(r) if rules else None) else r)
        for r in (streak.eligible if streak else ())
    ]
    findings = [f for _, figures in rows for f in views.findings(figures)]
    claims = [views.claim(v) for v in data.results.claims if v.department == department_id]
    final = [(m, f) for m, f in rows if m.counted and f.total is not None]
    losses = [loss for m, f in reversed(rows) for loss in views.losses(m, f)]
    language = site.language
    context = {
        "department": department,
        "head": current_head(site, department),
        "rows": [(m, f, views.grade_name(m.grades, f.grade)) for m, f in rows],
        "latest": (
            final[-1][0],
            final[-1][1],
            views.grade_name(final[-1][0].grades, final[-1][1].grade),
        )
        if final
        else None,
        "current": rows[-1] if rows and not rows[-1][0].counted else None,
        "losses": losses,
        "years": [(y, f, views.grade_name(y.grades, f.grade)) for y, f in years],
        "streak": streak,
        "eligible": eligible,
        "claims": claims,
        "findings": findings,
        "open": [f for f in findings if f.open],
        "appeals": views.appeals(department_id),
        "contracts": [
            (key, views.contract_label(key), contract)
            for key, contract in sorted(data.records.contracts.items())
            if contract.department == department_id
        ],
        "total_chart": charts.department_total_chart(rows, language),
        "total_floor": charts.department_total_floor(rows),
        "total_summary": charts.department_summary(rows, "total", language),
        "rank_chart": charts.department_rank_chart(rows, language),
        "rank_summary": charts.department_summary(rows, "rank", language),
    }
    toc_keys = [
        ("_open", "department.open-rectifications"),
        ("_losses", "department.losses"),
        ("_trend", "department.trend"),
        ("_months", "department.months"),
        ("_years", "department.years"),
        ("_streak", "department.streak"),
        ("_findings", "department.findings"),
        ("_claims", "department.claims"),
        ("_appeals", "dept.appeals"),
        ("_contracts", "department.contracts"),
    ]
    toc = [TocEntry(2, anchor, site.t(key)) for anchor, key in toc_keys]
    words = distinct(
        [department.name, current_head(site, department)]
        + [item.name for _, figures in rows for item in figures.targets]
        + [loss.reason for loss in losses]
        + [finding.charge.finding.description for finding in findings]
        + [c.name for c in data.records.contracts.values() if c.department == department_id]
    )
    return Page(
        f"departments/{department_id}.md",
        department.name,
        "department.html",
        context,
        toc,
        in_nav=False,
        # a department's name (or the work it does) finds its page first
        search=[SearchEntry(None, department.name, words, boost=2)],
    )


def _ranked(month: MonthResult) -> int:
    """How many departments a month ranks (the rank chart's scale)."""
    return sum(1 for figures in month.departments if figures.rank is not None)


@dataclass(frozen=True)
class ByDepartment:
    """The results by department, made once for every ``department_inputs`` (looked up
    in every month for each department, they cost as much as the rest of a rebuild
    under ``mkdocs serve``)."""

    months: list[tuple[MonthResult, dict[str, DepartmentMonth], int]]  # with how many ranked
    claims: dict[str, list[ClaimVerdict]]


def by_department(results: Results) -> ByDepartment:
    claims: dict[str, list[ClaimVerdict]] = {}
    for verdict in results.claims:
        claims.setdefault(verdict.department, []).append(verdict)
    months = [
        (month, {d.department: d for d in month.departments}, _ranked(month))
        for month in results.months
    ]
    return ByDepartment(months, claims)


def department_inputs(
    site: Build, department_id: str, table: ByDepartment | None = None
) -> tuple[object, ...]:
    """A department page rests on its figures in every month and year, its streak, and
    its findings, claims and appeals as shown (with what they show of their months'
    records)."""
    data, views = site.data, site.views
    if table is None:
        table = by_department(data.results)
    rows = tuple(
        (month.month, month.status, month.grades, figures, ranked)
        for month, departments, ranked in table.months
        if (figures := departments.get(department_id)) is not None
    )
    years = tuple(
        (year.year, year.grades, figures)
        for year in data.results.years
        for figures in year.departments
        if figures.department == department_id
    )
    streak = next((s for s in data.results.streaks if s.department == department_id), None)
    findings = tuple(view for row in rows for view in views.findings(row[3]))
    claims = tuple(views.claim(verdict) for verdict in table.claims.get(department_id, ()))
    appeals = tuple(views.appeals(department_id))  # in time by their months' publication
    return rows, years, streak, findings, claims, appeals


def _departments_index(site: Build) -> Page:
    """Final figures only: the latest published (or closed) month and its year, never
    mixed with a month still open or being assessed (that one is linked, not ranked)."""
    data, views = site.data, site.views
    months = data.results.months
    final = [month for month in months if month.counted]
    latest = final[-1] if final else None
    year = data.results.year(int(latest.month[:4])) if latest else None
    current = months[-1] if months and not months[-1].counted else None
    rows = []
    for department in data.org.departments:
        figures = latest.department(department.id) if latest else None
        in_year = (
            next((d for d in year.departments if d.department == department.id), None)
            if year
            else None
        )
        if figures is None and (in_year is None or not in_year.months):
            continue  # not in the latest month nor in its year (a department ended long ago)
        streak = next((s for s in data.results.streaks if s.department == department.id), None)
        rows.append(
            {
                "department": department,
                "head": current_head(site, department),
                "month": figures,
                "month_grade": views.grade_name(latest.grades, figures.grade)
                if latest and figures
                else "–",
                "year": in_year,
                "year_grade": views.grade_name(year.grades, in_year.grade)
                if year and in_year
                else "–",
                "streak": streak.streak if streak else 0,
            }
        )
    year_months = [m for m in final if year and m.month in year.counted_months]
    context: dict[str, Any] = {
        "rows": rows,
        "latest": latest,
        "year": year,
        "current": current,
        "year_months": year_months,
        "year_rows": [
            (figures, [month.department(figures.department) for month in year_months])
            for figures in (year.departments if year else ())
            if figures.months
        ],
    }
    if year is not None and year_months:
        context["year_chart"] = charts.year_chart(year, list(months), site.language)
        context["year_floor"] = charts.year_floor(year, list(months))
    toc = [TocEntry(2, "_latest", site.t("departments.latest"))]
    if year_months:
        toc.append(TocEntry(2, "_year", site.t("departments.year", year=year.year if year else "")))
    return Page("departments/index.md", site.t("nav.departments"), "departments.html", context, toc)


def _contract_page(site: Build, key: str) -> Page:
    data, views = site.data, site.views
    contract = data.records.contracts[key]
    rows = [
        (month, figures)
        for month in data.results.months
        if (figures := month.service(key)) is not None
    ]
    months: list[dict[str, Any]] = [
        {
            "result": month,
            "figures": figures,
            "checks": views.checks(figures),
            "explain": views.explain_contract(figures),
            "assessor": views.person(figures.assessor) if figures.assessor else "",
        }
        for month, figures in rows
    ]
    years = [
        figures
        for year in data.results.years
        for figures in year.services
        if figures.contract == key
    ]
    context = {
        "key": key,
        "contract": contract,
        "supervisor": views.department_name(contract.department),
        "months": months,
        "years": years,
        "appeals": views.appeals(key),
        "score_chart": charts.contract_score_chart(rows, site.language),
        "score_floor": charts.contract_floor(rows),
        "payment_chart": charts.contract_payment_chart(rows, site.language),
        "summary": charts.contract_summary(rows, site.language),
        "category": site.t(f"category.{contract.category}"),
    }
    toc = [
        TocEntry(2, "_terms", site.t("contract.terms")),
        TocEntry(2, "_trend", site.t("contract.trend")),
        TocEntry(2, "_months", site.t("contract.months")),
        TocEntry(
            2,
            "_checks",
            site.t("contract.checks"),
            tuple(
                TocEntry(3, m["figures"].month, i18n.month(m["figures"].month, site.language))
                for m in months
            ),
        ),
        TocEntry(2, "_years", site.t("services.years")),
        TocEntry(2, "_appeals", site.t("contract.appeals")),
    ]
    words = distinct(
        [contract.name, contract.provider, views.department_name(contract.department)]
        + [item.name for item in contract.checklist]
        + [view.weight.check.description for m in months for view in m["checks"]]
    )
    return Page(
        f"services/{key}.md",
        views.contract_label(key),
        "contract.html",
        context,
        toc,
        in_nav=False,
        search=[SearchEntry(None, views.contract_label(key), words)],
    )


def contract_inputs(site: Build, key: str) -> tuple[object, ...]:
    """A contract's page rests on its figures in every month and year, and its checks
    and appeals as shown (with what they show of their months' records)."""
    data, views = site.data, site.views
    rows = tuple(
        (month.month, month.status, figures, tuple(views.checks(figures)))
        for month in data.results.months
        if (figures := month.service(key)) is not None
    )
    years = tuple(
        figures
        for year in data.results.years
        for figures in year.services
        if figures.contract == key
    )
    return rows, years, tuple(views.appeals(key))


def _services_inputs(site: Build) -> tuple[object, ...]:
    """The services' index rests on the contracts (shared) and their years' figures."""
    return tuple((year.year, year.services) for year in site.data.results.years)


def _services_index(site: Build) -> Page:
    data, views = site.data, site.views
    contracts = [
        {
            "key": key,
            "contract": contract,
            "supervisor": views.department_name(contract.department),
            "category": site.t(f"category.{contract.category}"),
            "label": views.contract_label(key),
        }
        for key, contract in sorted(data.records.contracts.items())
    ]
    years = [year for year in data.results.years if year.services]
    return Page(
        "services/index.md",
        site.t("nav.services"),
        "services.html",
        {"contracts": contracts, "years": years},
    )


def subject_pages(site: Build) -> Iterator[Page]:
    yield _departments_index(site)
    table = by_department(site.data.results)
    for department in site.data.org.departments:
        src_uri = f"departments/{department.id}.md"
        if site.fresh(src_uri, partial(department_inputs, site, department.id, table)):
            yield _department_page(site, department.id)
    if site.fresh("services/index.md", partial(_services_inputs, site)):
        yield _services_index(site)
    for key in sorted(site.data.records.contracts):
        if site.fresh(f"services/{key}.md", partial(contract_inputs, site, key)):
            yield _contract_page(site, key)
