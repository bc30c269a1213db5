"""Working days: the dates the records do not fix (a month's opening, the departments'
targets, the setup) fall on working days, Monday to Friday outside public holidays.
"""

from __future__ import annotations

import datetime as dt

# The bureau's days off (法定节假日) as the example assumes them; make-up working days
# on weekends are left out.
HOLIDAYS = {
    *(dt.date(2026, 1, day) for day in (1, 2, 3)),
    *(dt.date(2026, 2, day) for day in range(15, 24)),
    *(dt.date(2026, 4, day) for day in (4, 5, 6)),
    *(dt.date(2026, 5, day) for day in range(1, 6)),
    *(dt.date(2026, 6, day) for day in (19, 20, 21)),
    *(dt.date(2026, 9, day) for day in (25, 26, 27)),
    *(dt.date(2026, 10, day) for day in range(1, 8)),
}


def working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def first_day(month: str) -> dt.date:
    return dt.date.fromisoformat(f"{month}-01")


def working_on_or_after(day: dt.date, count: int = 1) -> dt.date:
    """The ``count``-th working day from ``day`` on (``day`` itself counts as the first)."""
    while True:
        if working(day):
            count -= 1
            if count == 0:
                return day
        day += dt.timedelta(days=1)


def working_on_or_before(day: dt.date) -> dt.date:
    while not working(day):
        day -= dt.timedelta(days=1)
    return day
