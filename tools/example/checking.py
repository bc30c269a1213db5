"""Checking the example as written: the library validates it (no error and no
warning, sealed months recomputed), then the story the example exists to tell is
asserted on the library's own model and results, so that every feature of DESIGN.md
stays in use, and the pictures are held to their size limits.

Nothing here recomputes a figure (one scoring path): completeness, cleanliness,
claims' validity, totals, grades, service scores and payments are read from
``scoring``'s results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PIL import ExifTags, Image

from scoring.engine import Engine
from scoring.model import Records, add_months
from scoring.results import Results
from scoring.results.rewards import allocate, unavailable
from scoring.sources import FolderSource

from .assessments import planned_clean

EVIDENCE_LIMIT = 40_000  # bytes per picture: the site shows them all
EVIDENCE_TOTAL_LIMIT = 1_500_000  # bytes of pictures in the whole example


def check(root: Path) -> dict[str, int]:
    """Validate, assert the story, check the pictures; the counts worth printing."""
    engine = Engine(FolderSource(root))  # every file read, no cache
    validation = engine.evaluation()
    shown = "\n".join(
        f"{p.pos}: {p.severity}: {p.message()} [{p.code}]" for p in validation.problems
    )
    assert not validation.problems, f"the example does not validate cleanly:\n{shown}"
    records, results = engine.records(), engine.results()
    for invariant in STORY:
        invariant(records, results)
    return {**story_counts(records, results), **check_pictures(root)}


def lifecycle(records: Records, results: Results) -> None:
    """Months closed (each sealed), then one published, then one being assessed."""
    statuses = [month.status for month in results.months]
    closed = statuses.count("closed")
    assert closed and statuses == ["closed"] * closed + ["published", "assessing"], statuses
    for month in results.months:
        if month.status == "closed":
            assert records.months[month.month].seal is not None, f"{month.month} is not sealed"


def incomplete_while_assessing(records: Records, results: Results) -> None:
    """The month being assessed has departments and a contract still incomplete."""
    assessing = results.months[-1]
    complete = [d.complete for d in assessing.departments]
    assert True in complete and False in complete, assessing.month
    assert any(not s.complete for s in assessing.services), assessing.month


def change_over_time(records: Records, results: Results) -> None:
    """A leader retires and a successor arrives, a department is set up during the
    year, the weights change, and some month has an absent leader."""
    org = records.org
    assert org is not None
    leaders = [p for p in org.people if "leader" in p.roles]
    assert any(p.end for p in leaders) and any(p.start for p in leaders)
    assert any(d.start for d in org.departments)
    assert len(org.weights.versions) > 1
    assert any(m.info and m.info.absent for m in records.months.values())


def fair_rotation(records: Records, results: Results) -> None:
    """Two overseers a month, nobody two months running, counts within one of each other."""
    assert records.org is not None
    pool = [p.id for p in records.org.people if {"leader", "head"} & set(p.roles)]
    counts = Counter({person: 0 for person in pool})
    previous: tuple[str, ...] = ()
    for month, month_records in records.months.items():
        assert month_records.info is not None
        overseers = month_records.info.overseers
        assert len(set(overseers)) == 2 and not set(overseers) & set(previous), month
        counts.update(overseers)
        previous = overseers
    assert max(counts.values()) - min(counts.values()) <= 1, counts


def findings_of_every_kind(records: Records, results: Results) -> None:
    """Direct deductions, findings on targets, notices, outside the indicators, routed
    by a responsibility boundary and named directly."""
    charges = [c for m in results.months for d in m.departments for c in d.findings]
    assert any(c.deduction > 0 for c in charges)
    assert any(c.finding.target for c in charges)
    assert any(c.deduction == 0 and not c.finding.target for c in charges)
    assert any(not c.finding.in_indicators for c in charges)
    assert {c.routed for c in charges} == {True, False}


def clean_plan_holds(records: Records, results: Results) -> None:
    """The library finds every planned clean department-month clean."""
    for month in results.months:
        for department in month.departments:
            if planned_clean(department.department, month.month):
                assert department.clean, (month.month, department.department)


def grades_beyond_the_quota(records: Records, results: Results) -> None:
    """A quota refuses some department the grade its total reaches, and the bad months
    bring a third grade: the grades are not decided by the quota alone."""
    departments = [d for m in results.months for d in m.departments]
    assert any(d.refused for d in departments)
    assert len({d.grade for d in departments if d.grade}) >= 3


def claims_of_every_kind(records: Records, results: Results) -> None:
    """Claims in every category and every decision, counted error-free streaks, a
    rejected claim that would not have been valid, and a month above the cap."""
    assert records.bonus_rules is not None
    rules = records.bonus_rules
    used = {category.id for v in results.claims if (category := rules.category_of(v.claim.rule))}
    assert used == {category.id for category in rules.categories}, used
    assert {v.claim.decision for v in results.claims} == {"approved", "pending", "rejected"}
    assert any(v.counted and v.rule and v.rule.streak for v in results.claims)
    assert any(v.claim.decision == "rejected" and not v.valid for v in results.claims)
    assert any(d.claimed > d.cap for m in results.months for d in m.departments)


def appeals_of_every_kind(records: Records, results: Results) -> None:
    """Appeals in every status, by departments and for a contract, against an assessed
    item, a finding, a claim and a service check."""
    appeals = records.appeals.values()
    statuses = {a.status for a in appeals}
    assert statuses == {"pending", "upheld", "partly-upheld", "rejected", "withdrawn"}, statuses
    assert any(a.contract for a in appeals) and any(a.department for a in appeals)
    kinds = {a.subject.split("/")[1] for a in appeals}
    assert kinds >= {"assessments", "inspections", "bonuses", "services"}, kinds


def services_story(records: Records, results: Results) -> None:
    """A contract replaced by a new one mid-year, months paid less than in full, and no
    complete month below the second-lowest band."""
    contracts = records.contracts.values()
    assert any(
        old.category == new.category and new.start == add_months(old.end, 1)
        for old in contracts
        for new in contracts
    ), "no contract is replaced"
    scored = [s for m in results.months for s in m.services if s.complete]
    assert any(s.share is not None and s.share < 1 for s in scored)
    assert all(s.score is not None and s.score >= 80 for s in scored)


def staff_and_rewards(records: Records, results: Results) -> None:
    """Staff change during the year (a dated head, members for some months, people who
    join or leave), the rewards rule changes in the year, and the year's allocation
    (DESIGN §11, computed by the library) gives months served that differ, rows for
    someone in two departments and two heads' rows for one department; the site does
    not publish it."""
    org = records.org
    assert org is not None and org.rewards is not None
    assert not org.publish_rewards
    assert any(not d.head.flat for d in org.departments)
    assert any(m.start or m.end for d in org.departments for m in d.members)
    assert len(org.rewards.versions) > 1
    year = results.years[-1]
    assert unavailable(org, year) is None
    allocation = allocate(org, year)
    assert len({row.months for row in allocation.rows}) >= 3
    people = Counter(row.person for row in allocation.rows)
    assert any(count > 1 for count in people.values()), "nobody serves in two departments"
    heads = Counter(row.department for row in allocation.heads)
    assert any(count > 1 for count in heads.values()), "no department changes its head"
    assert allocation.total > 0


STORY: list[Callable[[Records, Results], None]] = [
    lifecycle,
    incomplete_while_assessing,
    change_over_time,
    fair_rotation,
    findings_of_every_kind,
    clean_plan_holds,
    grades_beyond_the_quota,
    claims_of_every_kind,
    appeals_of_every_kind,
    services_story,
    staff_and_rewards,
]


def story_counts(records: Records, results: Results) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for verdict in results.claims:
        counts[f"claims {verdict.claim.decision}"] += 1
    for month in results.months:
        for department in month.departments:
            counts["clean department-months"] += department.clean
            counts["department-months above the bonus cap"] += department.claimed > department.cap
            for charge in department.findings:
                kind = (
                    "on a target"
                    if charge.finding.target
                    else "deducting"
                    if charge.deduction
                    else "notices"
                )
                counts[f"findings {kind}"] += 1
    return dict(counts)


def check_pictures(root: Path) -> dict[str, int]:
    """Every picture small, all of them together small, some with GPS in EXIF."""
    pictures = sorted(root.glob("*/evidence/*"))
    total = 0
    located = 0
    for picture in pictures:
        size = picture.stat().st_size
        assert size < EVIDENCE_LIMIT, (picture, size)
        total += size
        if picture.suffix == ".jpg":
            with Image.open(picture) as image:
                located += bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))
    assert total < EVIDENCE_TOTAL_LIMIT, total
    assert located >= 1, "no photo carries GPS"
    return {"evidence bytes": total, "photos with GPS": located}
