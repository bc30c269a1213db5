"""What a change does to the figures: published and closed months, before and after.

``figure_changes`` compares two ``Figures`` (the published figures of two states
of the records) and lists every figure of a published or closed month that differs,
per department or contract; a moved grade or rank is a row of its own, and a month
whose status moves (assessing to published: its figures appear) has a row of its own
first. ``markdown`` renders the rows as the table ``kaoping diff`` prints into a GitHub
job summary, in the organisation's words: grades by their names, statuses by theirs
(已公布), a rank's move as places gained or lost (4 → 2 is "上升2位", "up 2"), never as
the difference of the numbers (−2, which reads as a loss).

Text from a record (a department's, a contract's or a grade's name) reaches that
summary as literal text, never as Markdown or HTML (``markdown_text``): every ASCII
punctuation character but the hyphen (which starts nothing inside a line) is
backslash-escaped, as CommonMark allows for any of them, so
``<img …>``, ``[x](http://…)``, ``|``, backticks and emphasis stay characters and no
``http:``/``www.`` autolink starts; an invisible word joiner before ``@`` keeps GitHub
from linking ``name@host`` as an e-mail address; line breaks become spaces. Ids are
shown in code spans (``markdown_code``), with a fence longer than any backtick run.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from scoring.labels import CATALOGUES
from scoring.published import Figures, MonthRows, Row, number_text

COUNTED = ("published", "closed")
DEPARTMENT_FIGURES = (
    "business", "public", "indicator", "leader", "deductions", "bonus", "total", "grade", "rank",
)  # fmt: skip
SERVICE_FIGURES = ("deductions", "score", "share", "payable", "withheld", "notice")

LABELS = {language: catalogue.DIFF for language, catalogue in CATALOGUES.items()}


@dataclass(frozen=True)
class FigureChange:
    month: str
    who: str  # department or contract id
    name: str
    figure: str
    before: Any
    after: Any

    @property
    def change(self) -> str:
        if isinstance(self.before, (int, Decimal)) and isinstance(self.after, (int, Decimal)):
            if isinstance(self.before, bool) or isinstance(self.after, bool):
                return ""
            delta = Decimal(self.after) - Decimal(self.before)
            return ("+" if delta > 0 else "") + number_text(delta)
        return ""


def _counted(figures: Figures) -> dict[str, MonthRows]:
    return {m.month: m for m in figures.months if m.status in COUNTED}


def _rows(row: Row, keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: row[key] for key in keys}


def _group_changes(
    month: str,
    left: dict[str, Any],
    right: dict[str, Any],
    keys: tuple[str, ...],
    grade_names: dict[str, str],
) -> list[FigureChange]:
    changes = []
    for who in dict.fromkeys([*left, *right]):
        before, after = left.get(who), right.get(who)
        name = str((after or before or {}).get("name", who))
        values_before = _rows(before, keys) if before else dict.fromkeys(keys)
        values_after = _rows(after, keys) if after else dict.fromkeys(keys)
        for figure in keys:
            old, new = values_before[figure], values_after[figure]
            if old == new:
                continue
            if figure == "grade":
                old, new = grade_names.get(str(old), old), grade_names.get(str(new), new)
            changes.append(FigureChange(month, who, name, figure, old, new))
    return changes


MONTH_ROW = ""  # the ``who`` of a row about the month itself (its status)


def _statuses(figures: Figures) -> dict[str, str | None]:
    return {m.month: m.status for m in figures.months}


def figure_changes(before: Figures, after: Figures) -> list[FigureChange]:
    """Every figure of a published or closed month that the change moves."""
    old, new = _counted(before), _counted(after)
    old_status, new_status = _statuses(before), _statuses(after)
    changes: list[FigureChange] = []
    for month in sorted(old.keys() | new.keys()):
        if old_status.get(month) != new_status.get(month):
            changes.append(
                FigureChange(
                    month, MONTH_ROW, "", "status", old_status.get(month), new_status.get(month)
                )
            )
        left_month, right_month = old.get(month), new.get(month)
        if left_month is not None and right_month is not None and left_month.same(right_month):
            continue  # the same text: nothing to parse or compare
        sides = [side for side in (left_month, right_month) if side is not None]
        grade_names = {grade: name for side in sides for grade, name in side.grades}
        for attribute, key, keys in (
            ("departments", "department", DEPARTMENT_FIGURES),
            ("services", "contract", SERVICE_FIGURES),
        ):
            left = {x[key]: x for x in getattr(left_month, attribute, ())}
            right = {x[key]: x for x in getattr(right_month, attribute, ())}
            changes += _group_changes(month, left, right, keys, grade_names)
    return changes


_PUNCTUATION = frozenset(string.punctuation) - {"-"}
_WORD_JOINER = "\u2060"


def markdown_text(text: str) -> str:
    """``text`` as literal text in GitHub Markdown (also inside a table cell)."""
    escaped = []
    for character in " ".join(text.splitlines()):
        if character == "@":
            escaped.append(_WORD_JOINER)
        if character in _PUNCTUATION:
            escaped.append("\\")
        escaped.append(character)
    return "".join(escaped)


def markdown_code(text: str) -> str:
    """``text`` as a code span in a table cell: fenced by more backticks than it holds
    in a row, its pipes escaped (GFM splits cells before it reads code spans)."""
    text = " ".join(text.splitlines())
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}".replace("|", "\\|")


def _cell(value: Any, labels: dict[str, str]) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return labels["yes" if value else "no"]
    if isinstance(value, (int, Decimal)):
        return number_text(value)
    return markdown_text(str(value))


def _value(change: FigureChange, value: Any, labels: dict[str, str]) -> str:
    if change.figure == "status" and value is not None:
        return markdown_text(labels.get(f"status.{value}", str(value)))
    return _cell(value, labels)


def _change(change: FigureChange, labels: dict[str, str]) -> str:
    """The change column: places gained or lost for a rank, the difference otherwise."""
    if change.figure == "rank" and isinstance(change.before, int) and isinstance(change.after, int):
        places = change.before - change.after
        if places:
            return labels["rank-up" if places > 0 else "rank-down"].format(places=abs(places))
        return ""
    return change.change


def _who(change: FigureChange, labels: dict[str, str]) -> str:
    if change.who == MONTH_ROW:
        return labels["month-itself"]
    return f"{markdown_text(change.name)} ({markdown_code(change.who)})"


def markdown(changes: list[FigureChange], language: str, no_change: str) -> str:
    """The changes as a Markdown table; one plain line when nothing changes."""
    if not changes:
        return no_change + "\n"
    labels = LABELS.get(language, LABELS["en"])
    header = [labels[k] for k in ("month", "who", "figure", "before", "after", "change")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 3 + "---:|" * 3]
    for change in changes:
        cells = [
            markdown_text(change.month),
            _who(change, labels),
            markdown_text(labels.get(change.figure, change.figure)),
            _value(change, change.before, labels),
            _value(change, change.after, labels),
            _change(change, labels),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
