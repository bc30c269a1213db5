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

Two forms of the tables (DESIGN §7). ``to_csv`` is the programs' form: the JSON keys as
columns, ids and ``true``/``false`` as in JSON, no byte-order mark (``score --format
csv``). ``to_people_csv`` (the site's ``downloads/results.csv``) and ``to_xlsx`` (the
site's ``downloads/results.xlsx`` and ``score --format xlsx``) are written for people
in Excel or WPS: headers and values in the organisation's language (status 已公布, the
grade's own name 优秀, 是/否, the supervising department's name), the CSV in UTF-8 with
a byte-order mark (without one, Chinese Excel reads it as GBK and garbles it). In the
workbook every sheet starts with the same two columns, name then id, so a name is in
column A everywhere; the header row is bold, frozen and filtered; points show two
decimals, money ``#,##0.00元``, shares as percentages, counts as whole numbers; each
column is as wide as its widest text (a Chinese character counting twice).
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
    Row,
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


# ---------------------------------------------------------------- tables for people (CSV, XLSX)

# the columns of each table written for people: name and id first on every sheet
PEOPLE_COLUMNS = {
    "months": (
        "month", "status", "department", "name", "complete", "business", "public", "indicator",
        "leader", "deductions", "bonus", "total", "grade", "rank", "missing", "streak",
    ),
    "month-sheet": (
        "name", "department", "status", "complete", "business", "public", "indicator",
        "leader", "deductions", "bonus", "total", "grade", "rank", "missing", "streak",
    ),
    "years": ("name", "department", "year", "months", "total", "grade", "rank"),
    "services": (
        "name", "contract", "month", "status", "provider", "supervisor", "complete",
        "deductions", "score", "share", "fee", "payable", "withheld", "notice", "missing",
    ),
}  # fmt: skip
POINTS = frozenset(
    {"business", "public", "indicator", "leader", "deductions", "bonus", "total", "score"}
)
COUNTS = frozenset({"year", "months", "rank", "streak"})
MONEY = frozenset({"fee", "payable", "withheld"})
SHARES = frozenset({"share"})
NARROWEST, WIDEST = 6, 60  # column widths, in characters


class _Words:
    """The organisation's words for a table's headers and values."""

    def __init__(self, language: str) -> None:
        self.labels = LABELS.get(language, LABELS["en"])

    def header(self, column: str) -> str:
        return self.labels[f"sheet.{column}"]

    def yes_no(self, value: bool | None) -> str | None:
        return None if value is None else self.labels["yes" if value else "no"]

    def status(self, status: str | None) -> str | None:
        return None if status is None else self.labels.get(status, status)

    def listed(self, values: list[str]) -> str:
        return self.labels["sheet.list-separator"].join(values)


def _people_row(row: Row, words: _Words, grade_name: Any, names: dict[str, str]) -> dict[str, Any]:
    """A row of figures with the organisation's words for its values."""
    shown = dict(row)
    for key in ("complete", "notice"):
        if key in shown:
            shown[key] = words.yes_no(shown[key])
    if "status" in shown:
        shown["status"] = words.status(shown["status"])
    if "grade" in shown:
        shown["grade"] = grade_name(shown["grade"]) or None
    if "missing" in shown:
        shown["missing"] = words.listed(list(shown["missing"])) or None
    if "contract" in shown:  # a contract's supervising department, by its name
        shown["supervisor"] = names.get(row["department"], row["department"])
    return shown


def _department_names(figures: Figures) -> dict[str, str]:
    return {d["department"]: d["name"] for m in figures.months for d in m.departments}


def people_tables(figures: Figures) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """The workbook's sheets: (sheet name, columns key, rows in the organisation's words)."""
    words = _Words(figures.language)
    names = _department_names(figures)
    sheets = []
    for month in figures.months:
        rows = [
            _people_row({**d, "status": month.status}, words, month.grade_name, names)
            for d in month.departments
        ]
        sheets.append((month.month, "month-sheet", rows))
    years = [
        _people_row({"year": y.year, **d}, words, y.grade_name, names)
        for y in figures.years
        for d in y.departments
    ]
    sheets.append((words.labels["sheet-years"], "years", years))
    services = [
        _people_row({"month": m.month, "status": m.status, **s}, words, m.grade_name, names)
        for m in figures.months
        for s in m.services
    ]
    sheets.append((words.labels["sheet-services"], "services", services))
    return sheets


def to_people_csv(figures: Figures) -> bytes:
    """The ``months`` table for people: UTF-8 with a byte-order mark, the organisation's
    headers and words, CRLF line ends (the site's ``downloads/results.csv``)."""
    words = _Words(figures.language)
    names = _department_names(figures)
    columns = PEOPLE_COLUMNS["months"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([words.header(column) for column in columns])
    for month in figures.months:
        for department in month.departments:
            row = {"month": month.month, "status": month.status, **department}
            shown = _people_row(row, words, month.grade_name, names)
            writer.writerow([_people_csv_cell(shown[column]) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _people_csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return number_text(value)
    return spreadsheet_text(str(value))


def _cell_value(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(number_text(value))
    if isinstance(value, list):
        return spreadsheet_text(";".join(str(item) for item in value))
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value


def _number_format(column: str, value: Any, money: str) -> str | None:
    if value is None or isinstance(value, str):
        return None
    if column in POINTS:
        return "0.00"
    if column in COUNTS:
        return "0"
    if column in MONEY:
        return money
    if column in SHARES:  # 98%, 97.5%
        return "0%" if Decimal(value) * 100 == int(Decimal(value) * 100) else "0.0#%"
    return None


def _shown_text(column: str, value: Any, money: str) -> str:
    """Roughly what a cell shows, to size its column."""
    if value is None:
        return ""
    if column in POINTS:
        return f"{Decimal(value):.2f}"
    if column in MONEY:
        return f"{Decimal(value):,.2f}" + money.rpartition("0")[2].strip('"')
    if column in SHARES:
        return f"{Decimal(value) * 100:.1f}%"
    return str(value)


def to_xlsx(figures: Figures) -> bytes:
    """A workbook for people: a sheet per month, a yearly sheet and a services sheet."""
    import pandas as pd
    from openpyxl.utils import get_column_letter

    words = _Words(figures.language)
    money = words.labels["sheet.money-format"]
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, kind, rows in people_tables(figures):
            columns = PEOPLE_COLUMNS[kind]
            frame = pd.DataFrame(
                [[_cell_value(row[c]) for c in columns] for row in rows],
                columns=[words.header(c) for c in columns],
                dtype=object,
            )
            frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
            sheet = writer.sheets[name]
            sheet.auto_filter.ref = sheet.dimensions
            for index, column in enumerate(columns, start=1):
                letter = get_column_letter(index)
                widest = display_width(words.header(column))
                for number, row in enumerate(rows, start=2):
                    value = row[column]
                    cell_format = _number_format(column, value, money)
                    if cell_format is not None:
                        sheet[f"{letter}{number}"].number_format = cell_format
                    widest = max(widest, display_width(_shown_text(column, value, money)))
                sheet.column_dimensions[letter].width = min(WIDEST, max(NARROWEST, widest + 2))
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
