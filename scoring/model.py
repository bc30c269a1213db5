"""The record model: the organisation's records as typed, immutable values.

Names follow the domain (DESIGN.md §1, §3, §9). Every record object knows where it
came from: ``at`` is its own position and ``where`` the positions of its fields, so a
check or an explanation can point at the exact line of any value. Point values are
``Decimal`` from load to output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Generic, TypeVar

from scoring.problems import Pos

T = TypeVar("T")

_NOWHERE = Pos("")


@dataclass(frozen=True)
class Located:
    """Base of every record object: its position and the positions of its fields."""

    at: Pos = field(default=_NOWHERE, kw_only=True, compare=False, repr=False)
    where: Mapping[str, Pos] = field(default_factory=dict, kw_only=True, compare=False, repr=False)

    def pos(self, name: str) -> Pos:
        """Where field ``name`` was written, or the object itself when it was not."""
        return self.where.get(name, self.at)


# ---------------------------------------------------------------- time and versions


def month_index(month: str) -> int:
    """``2026-11`` -> a number that grows by one a month."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(month: str, count: int) -> str:
    return month_name(month_index(month) + count)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def within(month: str, start: str | None, end: str | None) -> bool:
    """Whether ``month`` lies in the inclusive period ``start``..``end`` (None = open)."""
    return (start is None or start <= month) and (end is None or month <= end)


@dataclass(frozen=True)
class Version(Located, Generic[T]):
    start: str | None
    value: T


@dataclass(frozen=True)
class Versioned(Located, Generic[T]):
    """A setting that may change from a given month on; ``in_force`` picks the version."""

    versions: tuple[Version[T], ...]
    flat: bool = True

    def in_force(self, month: str) -> T:
        chosen = self.versions[0]
        for version in self.versions:
            if version.start is None or version.start <= month:
                chosen = version
        return chosen.value

    def version_in_force(self, month: str) -> Version[T]:
        chosen = self.versions[0]
        for version in self.versions:
            if version.start is None or version.start <= month:
                chosen = version
        return chosen


# ---------------------------------------------------------------- org.yaml


@dataclass(frozen=True)
class Person(Located):
    id: str
    name: str
    roles: tuple[str, ...]
    github: str | None = None
    start: str | None = None
    end: str | None = None

    def active(self, month: str) -> bool:
        return within(month, self.start, self.end)


@dataclass(frozen=True)
class Department(Located):
    id: str
    name: str
    head: str
    members: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None

    def active(self, month: str) -> bool:
        return within(month, self.start, self.end)


@dataclass(frozen=True)
class Weights(Located):
    business: Decimal
    public: Decimal
    indicator: Decimal
    leader: Decimal


@dataclass(frozen=True)
class LeaderRating(Located):
    trim: bool = False


@dataclass(frozen=True)
class Grade(Located):
    id: str
    name: str
    min: Decimal
    quota: Decimal | None = None


@dataclass(frozen=True)
class BonusSettings(Located):
    cap_per_month: Decimal


@dataclass(frozen=True)
class AppealSettings(Located):
    window_days: int


@dataclass(frozen=True)
class Org(Located):
    unit: str
    language: str
    people: tuple[Person, ...]
    departments: tuple[Department, ...]
    weights: Versioned[Weights]
    leader_rating: Versioned[LeaderRating]
    grades: Versioned[tuple[Grade, ...]]
    bonus: Versioned[BonusSettings]
    appeals: Versioned[AppealSettings]
    repository: str | None = None
    overseers_per_month: int = 2
    publish_ratings: bool = False

    def person(self, person_id: str) -> Person | None:
        return self._people_by_id.get(person_id)

    def department(self, department_id: str) -> Department | None:
        return self._departments_by_id.get(department_id)

    # Lookups by id, built once: rules ask for every reference, and a hostile org.yaml may
    # list thousands. The first of duplicate ids wins (duplicates are reported as errors).
    @cached_property
    def _people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in reversed(self.people)}

    @cached_property
    def _departments_by_id(self) -> dict[str, Department]:
        return {d.id: d for d in reversed(self.departments)}

    def departments_in(self, month: str) -> list[Department]:
        return [d for d in self.departments if d.active(month)]

    def leaders_in(self, month: str) -> list[Person]:
        return [p for p in self.people if "leader" in p.roles and p.active(month)]


# ---------------------------------------------------------------- indicators and bonus rules


@dataclass(frozen=True)
class PublicIndicator(Located):
    id: str
    name: str
    max: Decimal


@dataclass(frozen=True)
class Boundary(Located):
    kind: str
    name: str
    department: str


@dataclass(frozen=True)
class Indicators(Located):
    public: Versioned[tuple[PublicIndicator, ...]]
    boundaries: Versioned[tuple[Boundary, ...]] | None = None


@dataclass(frozen=True)
class BonusRule(Located):
    id: str
    name: str
    points: Decimal | tuple[Decimal, Decimal]
    valid_from: str | None = None
    valid_to: str | None = None
    streak: int | None = None

    @property
    def ranged(self) -> bool:
        return isinstance(self.points, tuple)


@dataclass(frozen=True)
class BonusCategory(Located):
    id: str
    name: str
    rules: tuple[BonusRule, ...]


@dataclass(frozen=True)
class BonusRules(Located):
    categories: tuple[BonusCategory, ...]

    def rule(self, rule_id: str) -> BonusRule | None:
        for category in self.categories:
            for rule in category.rules:
                if rule.id == rule_id:
                    return rule
        return None

    def category_of(self, rule_id: str) -> BonusCategory | None:
        for category in self.categories:
            if any(rule.id == rule_id for rule in category.rules):
                return category
        return None


@dataclass(frozen=True)
class RoutineItem(Located):
    id: str
    title: str
    standard: str
    owner: str
    weight: Decimal
    deadline_day: int | str
    source: str | None = None


@dataclass(frozen=True)
class RoutineSheet(Located):
    items: tuple[RoutineItem, ...]
    department: str | None = None


# ---------------------------------------------------------------- a month's records


@dataclass(frozen=True)
class MonthInfo(Located):
    status: str
    meeting: dt.date | None = None
    overseers: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    published: dt.date | None = None
    closed: dt.date | None = None


@dataclass(frozen=True)
class Target(Located):
    id: str
    kind: str
    title: str
    standard: str
    deadline: dt.date
    owner: str
    weight: Decimal
    source: str | None = None


@dataclass(frozen=True)
class TargetSheet(Located):
    items: tuple[Target, ...]
    department: str | None = None
    # Every item's weight as written, None where unreadable: items whose other fields did
    # not read are left out of ``items`` but still weigh.
    weights: tuple[Decimal | None, ...] = ()

    def written_weights(self) -> tuple[Decimal | None, ...]:
        return self.weights if self.weights else tuple(item.weight for item in self.items)


@dataclass(frozen=True)
class Mark(Located):
    """The office's score of one target item or public indicator."""

    score: Decimal
    reason: str | None = None


@dataclass(frozen=True)
class Assessment(Located):
    assessor: str
    items: Mapping[str, Mark]
    public: Mapping[str, Mark]
    department: str | None = None


@dataclass(frozen=True)
class Finding(Located):
    id: str
    description: str
    kind: str | None = None
    department: str | None = None
    evidence: tuple[str, ...] = ()
    deduction: Decimal = Decimal(0)
    in_indicators: bool = True
    target: str | None = None
    rectify_by: dt.date | None = None
    rectified_on: dt.date | None = None


@dataclass(frozen=True)
class Inspection(Located):
    date: dt.date
    inspectors: tuple[str, ...]
    location: str
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Rating(Located):
    score: Decimal
    comment: str | None = None


@dataclass(frozen=True)
class RatingSheet(Located):
    scores: Mapping[str, Rating]
    person: str | None = None


@dataclass(frozen=True)
class Claim(Located):
    id: str
    rule: str
    description: str
    decision: str = "pending"
    points: Decimal | None = None
    evidence: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class ClaimSheet(Located):
    claims: tuple[Claim, ...]
    department: str | None = None


@dataclass(frozen=True)
class Appeal(Located):
    month: str
    subject: str
    filed: dt.date
    grounds: str
    status: str
    department: str | None = None
    contract: str | None = None
    decision: str | None = None
    decided: dt.date | None = None
    review_of: str | None = None  # a review names the decided appeal it revisits


# ---------------------------------------------------------------- outsourced services (§9)


@dataclass(frozen=True)
class ChecklistItem(Located):
    id: str
    name: str
    max: Decimal


@dataclass(frozen=True)
class Factors(Located):
    provider: Decimal = Decimal(0)
    department: Decimal = Decimal(1)
    office: Decimal = Decimal(2)

    def of(self, level: str) -> Decimal:
        return {"provider": self.provider, "department": self.department, "office": self.office}[
            level
        ]


@dataclass(frozen=True)
class PaymentBand(Located):
    min: Decimal
    share: Decimal


@dataclass(frozen=True)
class Notice(Located):
    below: Decimal
    months: int


@dataclass(frozen=True)
class Contract(Located):
    name: str
    provider: str
    category: str
    department: str
    start: str
    end: str
    monthly_fee: Decimal
    checklist: tuple[ChecklistItem, ...]
    payment: tuple[PaymentBand, ...]
    factors: Factors = Factors()
    notice: Notice | None = None

    def active(self, month: str) -> bool:
        return within(month, self.start, self.end)


@dataclass(frozen=True)
class ServiceCheck(Located):
    id: str
    level: str
    date: dt.date
    item: str
    description: str
    points: Decimal
    by: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    rectify_by: dt.date | None = None
    rectified_on: dt.date | None = None


@dataclass(frozen=True)
class ServiceMonth(Located):
    checks: tuple[ServiceCheck, ...] = ()
    assessor: str | None = None
    assessed: dt.date | None = None


@dataclass(frozen=True)
class Seal(Located):
    algorithm: str
    inputs: str
    figures: str
    seal: str
    previous: str | None = None
    departments: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    services: Mapping[str, Mapping[str, object]] = field(default_factory=dict)


# ---------------------------------------------------------------- the whole tree


@dataclass(frozen=True)
class EvidenceFile:
    name: str  # path relative to the month's evidence/ folder
    size: int
    outside: bool  # a symlink that resolves outside the records folder
    content: str | None = None  # the format its first bytes show: jpeg, png, gif, webp, pdf
    pixels: tuple[int, int] | None = None  # a photo's width and height as its header declares


@dataclass
class MonthRecords:
    """Everything under ``records/YYYY-MM/``, keyed by file stem."""

    month: str
    info: MonthInfo | None = None
    targets: dict[str, TargetSheet] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    inspections: dict[str, Inspection] = field(default_factory=dict)
    ratings: dict[str, RatingSheet] = field(default_factory=dict)
    bonuses: dict[str, ClaimSheet] = field(default_factory=dict)
    services: dict[str, ServiceMonth] = field(default_factory=dict)
    evidence: dict[str, EvidenceFile] = field(default_factory=dict)
    seal: Seal | None = None

    @property
    def status(self) -> str | None:
        return self.info.status if self.info else None


@dataclass
class Records:
    """The parsed records folder; ``present`` lists every file that exists, parsed or not."""

    org: Org | None = None
    indicators: Indicators | None = None
    bonus_rules: BonusRules | None = None
    routine: dict[str, RoutineSheet] = field(default_factory=dict)
    months: dict[str, MonthRecords] = field(default_factory=dict)
    appeals: dict[str, Appeal] = field(default_factory=dict)
    contracts: dict[str, Contract] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    damaged: set[str] = field(default_factory=set)
    digests: dict[str, str] = field(default_factory=dict)  # record file -> SHA-256 as read
