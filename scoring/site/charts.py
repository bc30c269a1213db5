"""Charts: Apache ECharts options built from the results, drawn in the browser.

The options are plain data (``render.inert_json`` writes them into a ``data-chart``
attribute); ``assets/kaoping.js`` loads the ECharts copy served by the site itself and
draws every chart on the page. Labels come from the catalogue, month names are
written for the language; a month without a figure is a gap in the line.

Rules every chart keeps: a bar starts at 0 (its length is its value); one value axis
per chart (a rank is its own chart, never a second axis crossing the totals); a line
whose axis does not start at 0 says where it starts in its title; provisional figures
(a month still open or being assessed) are drawn apart, hollow and labelled, never
joined to the final ones. Each chart has a one-sentence text alternative
(``*_summary``) and a data table on its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from scoring import i18n
from scoring.results import DepartmentMonth, MonthResult, ServiceMonth, YearResult

_PALETTE = [
    "#3949ab",
    "#d84315",
    "#2e7d32",
    "#6a1b9a",
    "#00838f",
    "#ad1457",
    "#5d4037",
    "#546e7a",
    "#9e9d24",
    "#ef6c00",
]
_PROVISIONAL = "#757575"


def _t(key: str, language: str, **params: object) -> str:
    return i18n.text(key, language, **params)


def _join(parts: Sequence[str], language: str) -> str:
    return _t("list.separator", language).join(parts)


def _base(language: str, months: list[str]) -> dict[str, Any]:
    return {
        "color": _PALETTE,
        "animation": False,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 16, "right": 40, "top": 40, "bottom": 40, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [i18n.short_month(month, language) for month in months],
        },
    }


def _fixed(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _floor(values: list[Decimal]) -> int:
    """Where a line's axis starts: a whole number a little below its lowest value."""
    return max(0, int(min(values)) - 1) if values else 0


def _split(
    rows: list[tuple[str, bool, Decimal | int | None]],
) -> tuple[list[Decimal | int | None], list[Decimal | int | None]]:
    """(month, final?, value) -> the final series and the provisional one (gaps elsewhere)."""
    final = [value if counted else None for _, counted, value in rows]
    provisional = [None if counted else value for _, counted, value in rows]
    return final, provisional


def _provisional_series(name: str, data: list[Any]) -> dict[str, Any]:
    return {
        "name": name,
        "type": "line",
        "data": data,
        "symbol": "emptyCircle",
        "symbolSize": 10,
        "itemStyle": {"color": _PROVISIONAL},
        "lineStyle": {"type": "dashed", "color": _PROVISIONAL},
        "label": {"show": True, "position": "top", "formatter": f"{name} {{c}}"},
    }


# ---------------------------------------------------------------- a department


def _department_rows(
    months: list[tuple[MonthResult, DepartmentMonth]],
) -> list[tuple[str, bool, DepartmentMonth]]:
    return [(month.month, month.counted, figures) for month, figures in months]


def department_total_chart(
    months: list[tuple[MonthResult, DepartmentMonth]], language: str
) -> dict[str, Any]:
    """The department's monthly totals: final months as a line, a provisional one apart."""
    rows = _department_rows(months)
    total = _t("chart.total", language)
    provisional = _t("chart.provisional", language)
    final, draft = _split([(m, counted, f.total) for m, counted, f in rows])
    values = [f.total for _, _, f in rows if f.total is not None]
    option = _base(language, [m for m, _, _ in rows])
    option["legend"] = {"data": [total, provisional], "bottom": 0}
    option["yAxis"] = {"type": "value", "name": total, "min": _floor(values)}
    option["series"] = [
        {"name": total, "type": "line", "data": final, "connectNulls": False, "symbolSize": 7},
        _provisional_series(provisional, draft),
    ]
    return option


def department_total_floor(months: list[tuple[MonthResult, DepartmentMonth]]) -> int:
    return _floor([f.total for _, f in months if f.total is not None])


def department_rank_chart(
    months: list[tuple[MonthResult, DepartmentMonth]], language: str
) -> dict[str, Any]:
    """The department's monthly ranks on their own chart, 1 at the top."""
    rows = _department_rows(months)
    rank = _t("chart.rank", language)
    provisional = _t("chart.provisional", language)
    final, draft = _split([(m, counted, f.rank) for m, counted, f in rows])
    counts = [sum(1 for d in month.departments if d.rank is not None) for month, _ in months]
    option = _base(language, [m for m, _, _ in rows])
    option["legend"] = {"data": [rank, provisional], "bottom": 0}
    option["yAxis"] = {
        "type": "value",
        "name": _t("chart.rank-axis", language),
        "nameLocation": "start",  # an inverted axis starts at the top
        "inverse": True,
        "min": 1,
        "max": max(counts + [1]),
        "minInterval": 1,
    }
    option["series"] = [
        {"name": rank, "type": "line", "data": final, "step": False, "symbolSize": 7},
        _provisional_series(provisional, draft),
    ]
    return option


def department_summary(
    months: list[tuple[MonthResult, DepartmentMonth]], figure: str, language: str
) -> str:
    """The chart in one sentence: each month's total (or rank), provisional ones marked."""
    parts = []
    for month, figures in months:
        value = getattr(figures, figure)
        text = _fixed(value) if figure == "total" else ("–" if value is None else str(value))
        if not month.counted:
            text = _t("chart.provisional-value", language, value=text)
        parts.append(f"{i18n.month(month.month, language)} {text}")
    key = "chart.total-summary" if figure == "total" else "chart.rank-summary"
    return _t(key, language, values=_join(parts, language))


# ---------------------------------------------------------------- a month


def league_chart(rows: list[DepartmentMonth], language: str) -> dict[str, Any]:
    """One month's totals as horizontal bars from 0, best first."""
    ranked = sorted((row for row in rows if row.total is not None), key=lambda row: row.rank or 0)
    total = _t("chart.total", language)
    top = max([row.total for row in ranked if row.total is not None] + [Decimal(100)])
    return {
        "color": _PALETTE,
        "animation": False,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 8, "right": 56, "top": 24, "bottom": 24, "containLabel": True},
        "xAxis": {"type": "value", "min": 0, "max": int(top + 9) // 10 * 10, "name": total},
        "yAxis": {"type": "category", "inverse": True, "data": [row.name for row in ranked]},
        "series": [
            {
                "name": total,
                "type": "bar",
                "data": [
                    {"value": row.total, "label": {"formatter": _fixed(row.total)}}
                    for row in ranked
                ],
                "label": {"show": True, "position": "right"},
            }
        ],
    }


def league_summary(rows: list[DepartmentMonth], language: str) -> str:
    ranked = sorted((row for row in rows if row.total is not None), key=lambda row: row.rank or 0)
    parts = [f"{row.name} {_fixed(row.total)}" for row in ranked]
    return _t("chart.league-summary", language, values=_join(parts, language))


# ---------------------------------------------------------------- the departments in a year


def year_chart(year: YearResult, months: list[MonthResult], language: str) -> dict[str, Any]:
    """Each department's monthly totals over the year's counted (final) months."""
    counted = [month for month in months if month.month in year.counted_months]
    option = _base(language, [month.month for month in counted])
    names = [figures.name for figures in year.departments if figures.months]
    values = [d.total for month in counted for d in month.departments if d.total is not None]
    option["legend"] = {"data": names, "type": "scroll", "bottom": 0}
    option["grid"] = {"left": 48, "right": 24, "top": 32, "bottom": 48, "containLabel": True}
    option["yAxis"] = {"type": "value", "name": _t("chart.total", language), "min": _floor(values)}
    option["series"] = [
        {
            "name": figures.name,
            "type": "line",
            "symbolSize": 6,
            "data": [
                found.total if (found := month.department(figures.department)) else None
                for month in counted
            ],
        }
        for figures in year.departments
        if figures.months
    ]
    return option


def year_floor(year: YearResult, months: list[MonthResult]) -> int:
    counted = [month for month in months if month.month in year.counted_months]
    return _floor([d.total for m in counted for d in m.departments if d.total is not None])


# ---------------------------------------------------------------- a contract


def contract_score_chart(
    rows: list[tuple[MonthResult, ServiceMonth]], language: str
) -> dict[str, Any]:
    """A contract's monthly scores (final as a line, a provisional month apart)."""
    score = _t("chart.score", language)
    provisional = _t("chart.provisional", language)
    final, draft = _split([(m.month, m.counted, s.score) for m, s in rows])
    option = _base(language, [m.month for m, _ in rows])
    option["legend"] = {"data": [score, provisional], "bottom": 0}
    option["yAxis"] = {"type": "value", "name": score, "min": contract_floor(rows), "max": 100}
    option["series"] = [
        {"name": score, "type": "line", "data": final, "connectNulls": False, "symbolSize": 7},
        _provisional_series(provisional, draft),
    ]
    return option


def contract_floor(rows: list[tuple[MonthResult, ServiceMonth]]) -> int:
    return _floor([s.score for _, s in rows if s.score is not None])


def contract_payment_chart(
    rows: list[tuple[MonthResult, ServiceMonth]], language: str
) -> dict[str, Any]:
    """The fee each month as a bar from 0: the part payable and the part withheld."""
    payable = _t("chart.payable", language)
    withheld = _t("chart.withheld", language)
    option = _base(language, [m.month for m, _ in rows])
    option["legend"] = {"data": [payable, withheld], "bottom": 0}
    option["yAxis"] = {"type": "value", "name": _t("chart.yuan", language), "min": 0}
    option["series"] = [
        {"name": payable, "type": "bar", "stack": "fee", "data": [s.payable for _, s in rows]},
        {
            "name": withheld,
            "type": "bar",
            "stack": "fee",
            "data": [s.withheld for _, s in rows],
            "itemStyle": {"color": "#c62828"},
        },
    ]
    return option


def contract_summary(rows: list[tuple[MonthResult, ServiceMonth]], language: str) -> str:
    parts = []
    for month, figures in rows:
        text = _t(
            "chart.contract-value",
            language,
            score=_fixed(figures.score),
            payable=_t("money", language, amount=i18n.money(figures.payable, language))
            if figures.payable is not None
            else "–",
        )
        if not month.counted:
            text = _t("chart.provisional-value", language, value=text)
        parts.append(f"{i18n.month(month.month, language)} {text}")
    return _t("chart.contract-summary", language, values=_join(parts, language))
