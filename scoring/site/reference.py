"""The reference pages: the rules, the appeals, the records' history and the downloads.

The rules page writes out every rule a figure is computed by, with the month each
version came into force. The appeals page lists every appeal with its decision and
the commits that changed its subject after it was filed, with the figures before and
after (``amendments``). The history page gives each record's changes from git: the
organisation-wide records on ``history/`` itself, each month's on its own page
(``history/YYYY-MM/``, linked from ``history/`` with the month's last change); with
no repository it says history is not available. The downloads page links the results
files the plugin writes beside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial
from typing import Any

from scoring import i18n, model
from scoring.history import Change
from scoring.site.amendments import Amendment, amendments
from scoring.site.page import Build, Page, TocEntry
from scoring.site.render import places

DOWNLOADS = ("results.json", "results.csv", "results.xlsx", "evidence.sha256")
APPEAL_STATUSES = ("pending", "upheld", "partly-upheld", "rejected", "withdrawn")


def _versions(versioned: model.Versioned[Any]) -> list[tuple[str | None, Any]]:
    return [(version.start, version.value) for version in versioned.versions]


def rules_inputs(build: Build) -> tuple[object, ...]:
    """The rules rest on the records outside month folders (shared by every page) and on
    each month's rotation (month.yaml)."""
    return tuple((month, records.info) for month, records in build.data.records.months.items())


def rules_page(build: Build) -> Page:
    data, views = build.data, build.views
    org, indicators, rules = data.org, data.records.indicators, data.records.bonus_rules
    rotation = [
        {
            "month": month,
            "overseers": views.people(records.info.overseers),
            "absent": views.people(records.info.absent),
            "meeting": records.info.meeting,
        }
        for month, records in data.records.months.items()
        if records.info is not None
    ]
    context = {
        "public": _versions(indicators.public) if indicators else [],
        "boundaries": [
            (start, [(rule, views.department_name(rule.department)) for rule in value])
            for start, value in (
                _versions(indicators.boundaries) if indicators and indicators.boundaries else []
            )
        ],
        "weights": _versions(org.weights),
        "trim": _versions(org.leader_rating),
        "grades": _versions(org.grades),
        "cap": _versions(org.bonus),
        "window": _versions(org.appeals),
        "categories": rules.categories if rules else (),
        "rotation": rotation,
        "contracts": sorted(data.records.contracts.items()),
        "point_places": {
            category.id: places(
                point
                for rule in category.rules
                for point in (rule.points if isinstance(rule.points, tuple) else (rule.points,))
            )
            for category in (rules.categories if rules else ())
        },
        "factor_places": places(
            value
            for contract in data.records.contracts.values()
            for value in (
                contract.factors.provider,
                contract.factors.department,
                contract.factors.office,
            )
        ),
    }
    sections = [
        ("_indicators", "rules.indicators"),
        ("_weights", "rules.weights"),
        ("_formula", "rules.formula"),
        ("_grades", "rules.grades"),
        ("_bonus", "rules.bonus"),
        ("_boundaries", "rules.boundaries"),
        ("_rotation", "rules.rotation"),
        ("_services", "rules.services"),
        ("_appeals", "nav.appeals"),
    ]
    toc = [TocEntry(2, anchor, build.t(key)) for anchor, key in sections]
    return Page("rules.md", build.t("nav.rules"), "rules.html", context, toc)


def figure_text(build: Build, value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return build.t("yes" if value else "no")
    if isinstance(value, (Decimal, int)):
        return i18n.points(value)
    return str(value)


def change_view(build: Build, change: Change) -> dict[str, Any]:
    """One commit's change to one record, with links when the repository is known."""
    commit, repository = change.commit, build.data.repository
    status = build.t(f"history.status.{change.status}", old=change.old_path or "")
    return {
        "change": change,
        "commit": commit,
        "date": i18n.timestamp(commit.date, build.language),
        "status": status,
        "commit_url": repository.commit(commit.sha),
        "pull_url": repository.pull_request(commit.pull_request),
    }


def appeals_inputs(build: Build) -> tuple[object, ...]:
    """The appeals page rests on the appeals and the history (shared by every page: the
    amendments come from them and git) and on each appeal as shown (its subject named
    from its month's records, in time by the month's publication)."""
    appeals = sorted(build.data.records.appeals.items())
    return tuple(build.views.appeal(key, appeal) for key, appeal in appeals)


def appeals_page(build: Build, amended: dict[str, list[Amendment]]) -> Page:
    views = build.views
    rows: list[dict[str, Any]] = []
    for key, appeal in sorted(build.data.records.appeals.items()):
        changes = [
            {
                "change": change_view(build, amendment.change),
                "figures": None
                if amendment.figures is None
                else [
                    {
                        "figure": build.t(f"col.{row.figure}"),
                        "before": figure_text(build, row.before),
                        "after": figure_text(build, row.after),
                        "delta": row.change,
                    }
                    for row in amendment.figures
                ],
            }
            for amendment in amended.get(key, [])
        ]
        rows.append({"view": views.appeal(key, appeal), "amendments": changes})
    statuses = [
        {
            "status": status,
            "name": build.t(f"appeal.{status}"),
            "rows": [row for row in rows if row["view"].appeal.status == status],
        }
        for status in APPEAL_STATUSES
    ]
    toc = [TocEntry(2, "_summary", build.t("appeals.summary"))] if rows else []
    if rows:
        toc.append(TocEntry(2, "_list", build.t("appeals.list")))
    toc += [
        TocEntry(2, row["view"].key, build.t("appeals.entry", id=row["view"].key)) for row in rows
    ]
    context = {"rows": rows, "history": build.data.history, "statuses": statuses}
    return Page("appeals.md", build.t("nav.appeals"), "appeals.html", context, toc)


def _group(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else ""


def _group_title(build: Build, group: str) -> str:
    if not group:
        return build.t("history.top")
    if group in build.data.records.months:
        return build.month_name(group)
    return build.t(f"history.{group}")


def _history_groups(build: Build) -> dict[str, list[dict[str, Any]]]:
    """Record paths by group (top level, services, routine, a month, appeals), in page order."""
    history = build.data.history
    groups: dict[str, list[str]] = {}
    if history.available:
        for path in sorted(build.data.records.present | set(history.changes)):
            groups.setdefault(_group(path), []).append(path)
    order = {"": 0, "services": 1, "routine": 2, "appeals": 4}
    ordered = sorted(groups.items(), key=lambda item: (order.get(item[0], 3), item[0]))
    return {group: [{"path": path} for path in paths] for group, paths in ordered}


def _with_changes(build: Build, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    history = build.data.history
    return [
        {"path": e["path"], "changes": [change_view(build, c) for c in history.of(e["path"])]}
        for e in entries
    ]


def _month_summary(build: Build, month: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """A month on ``history/``: its page, how many records and changes, its last change."""
    history = build.data.history
    changes = [change for e in entries for change in history.of(e["path"])]
    latest = max(changes, key=lambda change: change.commit.date, default=None)
    return {
        "month": month,
        "records": len(entries),
        "changes": len(changes),
        "last": change_view(build, latest) if latest is not None else None,
    }


def _grouped(groups: dict[str, list[dict[str, Any]]], months: list[str]) -> tuple[object, ...]:
    """What ``history/`` rests on beside the history (shared by every page): the records
    in each group, and which groups are months."""
    paths = tuple(
        (group, tuple(entry["path"] for entry in entries)) for group, entries in groups.items()
    )
    return paths, tuple(months)


def history_pages(build: Build) -> Iterator[Page]:
    history = build.data.history
    groups = _history_groups(build)
    months = [group for group in groups if group in build.data.records.months]
    shared = {group: entries for group, entries in groups.items() if group not in months}
    titles = {group: _group_title(build, group) for group in shared}
    toc = [TocEntry(2, f"_{group or 'top'}", titles[group]) for group in shared]
    if months:
        toc.append(TocEntry(2, "_months", build.t("history.months")))

    def context() -> dict[str, Any]:
        return {
            "history": history,
            "groups": {group: _with_changes(build, entries) for group, entries in shared.items()},
            "titles": titles,
            "months": [_month_summary(build, month, groups[month]) for month in reversed(months)],
        }

    if build.fresh("history.md", partial(_grouped, groups, months)):
        yield Page("history.md", build.t("nav.history"), "history.html", context(), toc)
    for month in months:
        paths = tuple(entry["path"] for entry in groups[month])
        if not build.fresh(f"history/{month}.md", partial(tuple, paths)):
            continue
        title = build.t("history.month-title", month=build.month_name(month))
        yield Page(
            f"history/{month}.md",
            title,
            "history_month.html",
            {"history": history, "entries": _with_changes(build, groups[month])},
            in_nav=False,
            search=[],  # commit messages and authors are on history/ and in git
        )


def downloads_page(build: Build) -> Page:
    files = [(name, f"downloads.{name.split('.')[-1]}") for name in DOWNLOADS]
    return Page("downloads.md", build.t("nav.downloads"), "downloads.html", {"files": files})


def reference_pages(build: Build) -> Iterator[Page]:
    if build.fresh("rules.md", partial(rules_inputs, build)):
        yield rules_page(build)
    if build.fresh("appeals.md", partial(appeals_inputs, build)):
        yield appeals_page(build, amendments(build.data))
    yield from history_pages(build)
    yield downloads_page(build)
