"""Charts: Apache ECharts options built from the results, drawn in the browser.

The options are plain data (``render.inert_json`` writes them into a ``data-chart``
attribute); ``assets/kaoping.js`` loads the ECharts copy served by the site itself and
draws every chart on the page. Labels come from the catalogue, month names are
written for the language; a month without a figure is a gap in the line.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from scoring import i18n
from scoring.results import DepartmentMonth, ServiceMonth

_PALETTE = ["#3f51b5", "#e67e22", "#2e7d32", "#c62828"]


def _base(language: str, months: list[str]) -> dict[str, Any]:
    return {
        "color": _PALETTE,
        "animation": False,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 48, "top": 40, "bottom": 32},
        "xAxis": {
            "type": "category",
            "data": [i18n.short_month(month, language) for month in months],
        },
    }


def department_chart(rows: list[DepartmentMonth], language: str) -> dict[str, Any]:
    """The department's monthly totals (left axis) and ranks (right axis, 1 at the top)."""
    total = i18n.text("chart.total", language)
    rank = i18n.text("chart.rank", language)
    ranks = [row.rank for row in rows if row.rank is not None]
    option = _base(language, [row.month for row in rows])
    option["legend"] = {"data": [total, rank], "top": 0}
    option["yAxis"] = [
        {"type": "value", "name": total, "scale": True},
        {
            "type": "value",
            "name": rank,
            "inverse": True,
            "min": 1,
            "max": max(ranks + [1]),
            "minInterval": 1,
            "splitLine": {"show": False},
        },
    ]
    option["series"] = [
        {
            "name": total,
            "type": "line",
            "data": [row.total for row in rows],
            "connectNulls": False,
            "symbolSize": 7,
        },
        {
            "name": rank,
            "type": "line",
            "yAxisIndex": 1,
            "data": [row.rank for row in rows],
            "lineStyle": {"type": "dashed"},
        },
    ]
    return option


def contract_chart(rows: list[ServiceMonth], language: str) -> dict[str, Any]:
    """A contract's monthly scores (line) and the payable amounts (bars)."""
    score = i18n.text("chart.score", language)
    payable = i18n.text("chart.payable", language)
    option = _base(language, [row.month for row in rows])
    option["legend"] = {"data": [score, payable], "top": 0}
    option["yAxis"] = [
        {"type": "value", "name": score, "scale": True},
        {"type": "value", "name": payable, "splitLine": {"show": False}},
    ]
    option["series"] = [
        {
            "name": payable,
            "type": "bar",
            "yAxisIndex": 1,
            "data": [row.payable for row in rows],
            "itemStyle": {"opacity": 0.35},
        },
        {
            "name": score,
            "type": "line",
            "data": [row.score for row in rows],
            "symbolSize": 7,
        },
    ]
    return option


def league_chart(rows: list[DepartmentMonth], language: str) -> dict[str, Any]:
    """One month's totals as horizontal bars, best first."""
    ranked = sorted((row for row in rows if row.total is not None), key=lambda row: row.rank or 0)
    total = i18n.text("chart.total", language)
    values: list[Decimal | None] = [row.total for row in ranked]
    return {
        "color": _PALETTE,
        "animation": False,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 96, "right": 40, "top": 8, "bottom": 24},
        "xAxis": {"type": "value", "scale": True, "name": total},
        "yAxis": {"type": "category", "inverse": True, "data": [row.name for row in ranked]},
        "series": [
            {
                "name": total,
                "type": "bar",
                "data": values,
                "label": {"show": True, "position": "right"},
            }
        ],
    }
