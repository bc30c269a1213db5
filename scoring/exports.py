"""Exports: the published figures rendered as JSON, CSV, XLSX and a terminal table (§6, §9).

Every format reads the same plain rows (``scoring.published``): the keys and their order
are the ones §6 and §9 show, with a few extra keys after them (a department's clean
streak, a year's department name). Numbers stay ``Decimal`` until written and are
written canonically, at most two decimals for points (``19``, ``19.5``, ``94.73``),
never in exponent form. Output is deterministic: the same results, the same bytes
(for XLSX, the same cell values). ``pandas`` is imported only to write XLSX.

A spreadsheet reads a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (``=HYPERLINK(…)`` in a department's name would become a
live link): every such text cell of the CSV and XLSX tables is written with a leading
``'`` (``spreadsheet_text``). Numbers are never text, so they stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from scoring.labels import CATALOGUES
from scoring.published import (
    DEPARTMENT_EXTRA_KEYS,
    DEPARTMENT_KEYS,
    SERVICE_KEYS,
    YEAR_EXTRA_KEYS,
    YEAR_KEYS,
    Figures,
    MonthRows,
    YearRows,
    number_text,
)

TABLES = ("months", "years", "services")


def to_json(figures: Figures) -> str:
    return figures.json() + "\n"


# ---------------------------------------------------------------- tables (CSV, XLSX)


def table_rows(figures: Figures, table: str) -> tuple[list[str], list[dict[str, Any]]]:
    """One of the flat tables: ``months``, ``years`` or ``services``; columns and rows."""
    if table == "months":
        columns = ["month", "status", *DEPARTMENT_KEYS, *DEPARTMENT_EXTRA_KEYS]
        rows = [
            {"month": m.month, "status": m.status, **d}
            for m in figures.months
            for d in m.departments
        ]
    elif table == "years":
        columns = ["year", *YEAR_KEYS, *YEAR_EXTRA_KEYS]
        rows = [{"year": y.year, **d} for y in figures.years for d in y.departments]
    elif table == "services":
        columns = ["month", "status", *SERVICE_KEYS]
        rows = [
            {"month": m.month, "status": m.status, **s} for m in figures.months for s in m.services
        ]
    else:
        raise ValueError(f"unknown table {table!r}")
    return columns, rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A text a spreadsheet shows as text: ``'`` before a start it would read as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Any) -> str:
    """A value as a CSV cell: JSON-like (true/false, numbers canonical), empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return json.dumps(value)  # true or false
    if isinstance(value, (int, Decimal)):
        return number_text(value)
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def to_csv(figures: Figures, table: str = "months") -> str:
    columns, rows = table_rows(figures, table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in columns])
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    text = cell_text(value)
    return spreadsheet_text(text) if isinstance(value, (str, list)) else text


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(number_text(value))
    if isinstance(value, list):
        return spreadsheet_text(";".join(str(item) for item in value))
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value


def to_xlsx(figures: Figures) -> bytes:
    """A workbook: a sheet per month, a yearly sheet and a services sheet."""
    import pandas as pd

    labels = LABELS.get(figures.language, LABELS["en"])
    header = (lambda key: labels[key]) if figures.language == "zh" else (lambda key: key)
    sheets: list[tuple[str, list[str], list[dict[str, Any]]]] = []
    month_columns = [*DEPARTMENT_KEYS, *DEPARTMENT_EXTRA_KEYS]
    for month in figures.months:
        sheets.append((month.month, month_columns, [dict(d) for d in month.departments]))
    for name, table in ((labels["sheet-years"], "years"), (labels["sheet-services"], "services")):
        columns, rows = table_rows(figures, table)
        sheets.append((name, columns, rows))
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, columns, rows in sheets:
            frame = pd.DataFrame(
                [[_cell_value(row[c]) for c in columns] for row in rows],
                columns=[header(c) for c in columns],
                dtype=object,
            )
            frame.to_excel(writer, sheet_name=name, index=False)
    return out.getvalue()


# ---------------------------------------------------------------- terminal table

LABELS = {language: catalogue.TABLE for language, catalogue in CATALOGUES.items()}


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: East Asian wide and fullwidth characters take two."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def align(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[bool]) -> str:
    """Rows aligned under their headers; numeric columns right-aligned."""
    body = [list(row) for row in rows]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(headers)
    ]
    lines = [
        "  ".join(_pad(cell, widths[i], numeric[i]) for i, cell in enumerate(row)).rstrip()
        for row in [list(headers), *body]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _text(value: Any, labels: dict[str, str]) -> str:
    if isinstance(value, bool):
        return labels["yes"] if value else labels["no"]
    if isinstance(value, (list, tuple)):
        return ", ".join(value)
    return cell_text(value)


_NUMERIC = {"business", "public", "indicator", "leader", "deductions", "bonus", "total",
            "rank", "months", "score", "share", "fee", "payable", "withheld", "streak"}  # fmt: skip


def _section(keys: Sequence[str], rows: list[dict[str, Any]], labels: dict[str, str]) -> str:
    return align(
        [labels[k] for k in keys],
        [[_text(row[k], labels) for k in keys] for row in rows],
        [k in _NUMERIC for k in keys],
    )


def _month_block(month: MonthRows, labels: dict[str, str]) -> str:
    keys = ["name", "complete", "business", "public", "indicator", "leader", "deductions",
            "bonus", "total", "grade", "rank", "missing"]  # fmt: skip
    rows = [{**row, "grade": month.grade_name(row["grade"])} for row in month.departments]
    status = labels.get(month.status or "", month.status or "")
    return f"{month.month}  {status}\n{_section(keys, rows, labels)}"


def _services_block(month: MonthRows, labels: dict[str, str]) -> str:
    keys = ["contract", "name", "complete", "deductions", "score", "share", "fee", "payable",
            "withheld", "notice", "missing"]  # fmt: skip
    rows = [dict(s) for s in month.services]
    return f"{month.month}  {labels['services']}\n{_section(keys, rows, labels)}"


def _year_block(year: YearRows, labels: dict[str, str], services: bool) -> str:
    title = labels["year-title"].format(year=year.year)
    if services:
        keys = ["contract", "name", "months", "score", "payable", "withheld"]
        rows = [dict(s) for s in year.services]
        return f"{title}  {labels['services']}\n{_section(keys, rows, labels)}"
    keys = ["name", "months", "total", "grade", "rank"]
    rows = [{**row, "grade": year.grade_name(row["grade"])} for row in year.departments]
    return f"{title}\n{_section(keys, rows, labels)}"


def to_table(figures: Figures, table: str | None = None) -> str:
    """A readable report for the terminal; ``table`` keeps one section only."""
    labels = LABELS.get(figures.language, LABELS["en"])
    blocks = [figures.unit] if figures.unit else []
    if table in (None, "months"):
        blocks += [_month_block(m, labels) for m in figures.months]
    if table in (None, "services"):
        blocks += [_services_block(m, labels) for m in figures.months if m.services]
    if table in (None, "years"):
        blocks += [_year_block(y, labels, services=False) for y in figures.years]
    if table in (None, "services"):
        blocks += [_year_block(y, labels, services=True) for y in figures.years if y.services]
    if not figures.months:
        blocks.append(labels["no-months"])
    return "\n\n".join(blocks) + "\n"
