"""Days of the example's months, and dates written the Chinese way in file comments.

Month arithmetic (``add_months``, ``month_index``, ``within``) is the library's
(``scoring.model``); this module only turns "the 15th" or "the last day" of a month
into a date.
"""

from __future__ import annotations

import calendar
import datetime as dt


def last_day(month: str) -> int:
    year, number = map(int, month.split("-"))
    return calendar.monthrange(year, number)[1]


def day(month: str, number: int | str) -> dt.date:
    """Day ``number`` of ``month`` (``"last"`` for the last), kept within the month."""
    year, month_number = map(int, month.split("-"))
    if number == "last":
        number = last_day(month)
    return dt.date(year, month_number, min(int(number), last_day(month)))


def chinese_month(month: str) -> str:
    year, number = month.split("-")
    return f"{year}年{int(number)}月"


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"
