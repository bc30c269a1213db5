"""Exports of a year's reward allocation (DESIGN.md §11): JSON, CSV, XLSX and a table.

JSON and CSV are the programs' forms: §11's keys exactly, numbers written as ``score``
writes them. The table and the workbook are written for people, in the organisation's
language: names, department names, grade names and roles, money in yuan, a total row.
The workbook has the reward allocation (all rows), the cadre assessment reference (the
heads' rows) and the basis of the computation (the rewards version in force), each with
its header frozen, column widths and number formats, so that it reads well in Excel
and WPS. ``pandas`` is imported only to write XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from scoring import i18n
from scoring.exports import (
    LABELS,
    NARROWEST,
    WIDEST,
    align,
    cell_text,
    display_width,
    spreadsheet_text,
)
from scoring.published import dumps, number_text
from scoring.results.rewards import HEAD, ROW_KEYS, Allocation, RewardRow

MONEY = "money"  # the number format of money: the language's (``sheet.money-format``)
POINTS_FORMAT = "0.00"


def to_json(allocation: Allocation) -> str:
    return dumps(allocation.data()) + "\n"


def to_csv(allocation: Allocation) -> str:
    """One row per person and department, the JSON keys as columns (no byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROW_KEYS)
    for row in allocation.rows:
        data = row.data()
        writer.writerow(
            [
                spreadsheet_text(value) if isinstance(value, str) else cell_text(value)
                for value in (data[key] for key in ROW_KEYS)
            ]
        )
    return out.getvalue()


# ---------------------------------------------------------------- for people

# (label key, numeric, number format) of the columns written for people
ALLOCATION_COLUMNS = (
    ("person-name", False, None),
    ("department", False, None),
    ("role", False, None),
    ("months-served", True, "0"),
    ("year-total", True, POINTS_FORMAT),
    ("grade", False, None),
    ("rank", True, "0"),
    ("coefficient", True, POINTS_FORMAT),
    ("reward", True, MONEY),
)
CADRE_COLUMNS = ALLOCATION_COLUMNS[:7]


def _values(row: RewardRow, allocation: Allocation, labels: dict[str, str]) -> list[Any]:
    role = labels["role-head"] if row.role == HEAD else labels["role-member"]
    return [
        row.name,
        row.department_name,
        role,
        row.months,
        row.total,
        allocation.grade_name(row.grade),
        row.rank,
        row.coefficient,
        row.reward,
    ]


def to_table(allocation: Allocation, unit: str, language: str) -> str:
    """The allocation for the terminal: a title, the rows, the total (money in yuan)."""
    labels = LABELS.get(language, LABELS["en"])
    rows = []
    for row in allocation.rows:
        values = _values(row, allocation, labels)
        rows.append([_shown(v) for v in values[:-1]] + [i18n.money(row.reward, language)])
    rows.append([labels["sum"], *[""] * 7, i18n.money(allocation.total, language)])
    table = align(
        [labels[key] for key, _, _ in ALLOCATION_COLUMNS],
        rows,
        [numeric for _, numeric, _ in ALLOCATION_COLUMNS],
    )
    title = labels["rewards-title"].format(year=allocation.year)
    return "\n\n".join(part for part in (unit, title, table) if part) + "\n"


def _shown(value: Any) -> str:
    if isinstance(value, Decimal):
        return number_text(value)
    return cell_text(value)


def _cell(value: Any) -> Any:
    """A cell's value: numbers as numbers (never text), texts safe from formulas."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(number_text(value))
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value


def _sheet(
    writer: Any,
    name: str,
    columns: Sequence[tuple[str, bool, str | None]],
    rows: list[list[Any]],
    labels: dict[str, str],
    total_row: bool,
) -> None:
    import pandas as pd

    headers = [labels[key] for key, _, _ in columns]
    frame = pd.DataFrame([[_cell(v) for v in row] for row in rows], columns=headers, dtype=object)
    frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
    sheet = writer.sheets[name]
    sheet.auto_filter.ref = sheet.dimensions
    for index, (_, _, number_format) in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        texts = [headers[index - 1]] + [_shown(row[index - 1]) for row in rows]
        widest = max(display_width(t) for t in texts) + 2
        sheet.column_dimensions[letter].width = min(WIDEST, max(NARROWEST, widest))
        if number_format:
            shown = labels["sheet.money-format"] if number_format == MONEY else number_format
            for cells in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cells[0].number_format = shown
    if total_row:
        from openpyxl.styles import Font

        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


def to_xlsx(allocation: Allocation, language: str) -> bytes:
    """A workbook: the reward allocation with a total row, the cadre assessment
    reference, and the basis (the year, its last counted month, the rewards version)."""
    import pandas as pd

    labels = LABELS.get(language, LABELS["en"])
    rows = [_values(row, allocation, labels) for row in allocation.rows]
    total = [labels["sum"], *[None] * 7, allocation.total]
    cadres = [_values(row, allocation, labels)[:7] for row in allocation.heads]
    version = allocation.version
    basis = [
        [labels["basis-year"], allocation.year],
        [labels["basis-last"], allocation.last],
        [labels["basis-version"], version.start or ""],
        [labels["basis-base"], version.value.base],
        *[
            [
                labels["basis-coefficient"].format(grade=grade.name),
                version.value.coefficients.get(grade.id),
            ]
            for grade in allocation.grades
        ],
    ]
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        _sheet(
            writer,
            labels["sheet-allocation"],
            ALLOCATION_COLUMNS,
            [*rows, total],
            labels,
            total_row=True,
        )
        _sheet(writer, labels["sheet-cadres"], CADRE_COLUMNS, cadres, labels, total_row=False)
        _basis(writer, labels["sheet-basis"], basis, labels)
    return out.getvalue()


def _basis(writer: Any, name: str, rows: list[list[Any]], labels: dict[str, str]) -> None:
    """The basis sheet: a label and its value a line; the base in yuan."""
    import pandas as pd

    frame = pd.DataFrame([[_cell(v) for v in row] for row in rows], dtype=object)
    frame.to_excel(writer, sheet_name=name, index=False, header=False)
    sheet = writer.sheets[name]
    sheet.column_dimensions["A"].width = max(display_width(str(r[0])) for r in rows) + 4
    sheet.column_dimensions["B"].width = 16
    sheet["B4"].number_format = labels["sheet.money-format"]
