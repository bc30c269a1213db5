"""The reference pages: the rules, the appeals, the records' history and the downloads.

The rules page writes out every rule a figure is computed by, with the month each
version came into force. The appeals page lists every appeal with its decision and
the commits that changed its subject after it was filed, with the figures before and
after (``amendments``). The history page gives each record's changes from git; with
no repository it says history is not available. The downloads page links the
results files the plugin writes beside it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from scoring import i18n, model
from scoring.history import Change
from scoring.site.amendments import Amendment, amendments
from scoring.site.page import Build, Page, TocEntry

DOWNLOADS = ("results.json", "results.csv", "results.xlsx", "evidence.sha256")


def _versions(versioned: model.Versioned[Any]) -> list[tuple[str | None, Any]]:
    return [(version.start, version.value) for version in versioned.versions]


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
    toc = [TocEntry(2, row["view"].key, row["view"].key) for row in rows]
    context = {"rows": rows, "history": build.data.history}
    return Page("appeals.md", build.t("nav.appeals"), "appeals.html", context, toc)


def _group(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else ""


def _group_title(build: Build, group: str) -> str:
    if not group:
        return build.t("history.top")
    if group in build.data.records.months:
        return build.month_name(group)
    return build.t(f"history.{group}")


def history_page(build: Build) -> Page:
    history = build.data.history
    paths = sorted(build.data.records.present | set(history.changes))
    groups: dict[str, list[dict[str, Any]]] = {}
    if history.available:
        for path in paths:
            changes = [change_view(build, change) for change in history.of(path)]
            groups.setdefault(_group(path), []).append({"path": path, "changes": changes})
    order = {"": 0, "services": 1, "routine": 2, "appeals": 4}
    groups = dict(sorted(groups.items(), key=lambda item: (order.get(item[0], 3), item[0])))
    titles = {group: _group_title(build, group) for group in groups}
    toc = [TocEntry(2, f"_{group or 'top'}", titles[group]) for group in groups]
    context = {"history": history, "groups": groups, "titles": titles}
    return Page("history.md", build.t("nav.history"), "history.html", context, toc)


def downloads_page(build: Build) -> Page:
    files = [(name, build.t(f"downloads.{name.split('.')[-1]}")) for name in DOWNLOADS]
    return Page("downloads.md", build.t("nav.downloads"), "downloads.html", {"files": files})


def reference_pages(build: Build) -> list[Page]:
    return [
        rules_page(build),
        appeals_page(build, amendments(build.data)),
        history_page(build),
        downloads_page(build),
    ]
