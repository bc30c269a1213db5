"""The year's months: each one's lifecycle status and dates, absent leaders, the
overseer rotation, and what is still missing in the month being assessed; written to
each month's month.yaml.

January to September are closed (and sealed), October is published, November is
being assessed: some departments are not yet assessed and some leaders have not yet
rated, so the example shows incomplete departments (DESIGN §4).
"""

from __future__ import annotations

from .dates import chinese_month
from .organisation import PEOPLE, leaders_in, person_in
from .output import Output
from .yaml_text import flow_sequence

YEAR = 2026
MONTHS = [f"{YEAR}-{number:02d}" for number in range(1, 12)]

# month: (status, meeting, published, closed)
MONTH_STATES = {
    "2026-01": ("closed", "2026-02-04", "2026-02-06", "2026-02-25"),
    "2026-02": ("closed", "2026-03-04", "2026-03-06", "2026-03-20"),
    "2026-03": ("closed", "2026-04-07", "2026-04-09", "2026-04-23"),
    "2026-04": ("closed", "2026-05-06", "2026-05-08", "2026-05-22"),
    "2026-05": ("closed", "2026-06-03", "2026-06-05", "2026-06-18"),
    "2026-06": ("closed", "2026-07-07", "2026-07-09", "2026-07-23"),
    "2026-07": ("closed", "2026-08-05", "2026-08-07", "2026-08-21"),
    "2026-08": ("closed", "2026-09-02", "2026-09-04", "2026-09-18"),
    "2026-09": ("closed", "2026-10-09", "2026-10-12", "2026-10-26"),
    "2026-10": ("published", "2026-11-03", "2026-11-05", None),
    "2026-11": ("assessing", "2026-12-03", None, None),
}
ABSENT = {"2026-03": ["huang"], "2026-08": ["liu"]}

# The assessing month: which departments the office has assessed so far and
# which leaders have filed their ratings.
ASSESSING_MONTH = "2026-11"
ASSESSED_SO_FAR = ["office", "admin", "security", "finance", "meeting", "property"]
RATED_SO_FAR = ["chen", "liu", "huang", "he"]


def closed_months() -> list[str]:
    return [month for month in MONTHS if MONTH_STATES[month][0] == "closed"]


def meeting_day(month: str) -> str:
    return MONTH_STATES[month][1]


def raters(month: str) -> list[str]:
    """The leaders whose ratings of ``month`` are on file."""
    found = [p for p in leaders_in(month) if p not in ABSENT.get(month, [])]
    if month == ASSESSING_MONTH:
        found = [p for p in found if p in RATED_SO_FAR]
    return found


def rotation() -> dict[str, list[str]]:
    """Two overseers a month among leaders and heads: lowest count first,
    nobody two months running, ties broken by a rotating offset."""
    pool = [p.id for p in PEOPLE if {"leader", "head"} & set(p.roles)]
    order = {person: index for index, person in enumerate(pool)}
    counts = dict.fromkeys(pool, 0)
    previous: list[str] = []
    schedule = {}
    for index, month in enumerate(MONTHS):
        available = [
            p
            for p in pool
            if person_in(p, month) and p not in previous and p not in ABSENT.get(month, [])
        ]
        available.sort(key=lambda p: (counts[p], (order[p] - 3 * index) % len(pool)))
        chosen = sorted(available[:2], key=lambda p: order[p])
        for person in chosen:
            counts[person] += 1
        schedule[month] = chosen
        previous = chosen
    return schedule


def write_month_info(output: Output, month: str, overseers: list[str]) -> None:
    status, meeting, published, closed = MONTH_STATES[month]
    lines = [
        f"# {chinese_month(month)} 考评状态",
        f"status: {status}",
        f"meeting: {meeting}",
        f"overseers: {flow_sequence(overseers)}",
        f"absent: {flow_sequence(ABSENT.get(month, []))}",
    ]
    if published:
        lines.append(f"published: {published}")
    if closed:
        lines.append(f"closed: {closed}")
    output.write_lines(f"{month}/month.yaml", lines)
