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
class Member(Located):
    """An entry of a department's ``members``: a person, for the months ``start``..``end``."""

    id: str
    start: str | None = None
    end: str | None = None

    def active(self, month: str) -> bool:
        return within(month, self.start, self.end)


@dataclass(frozen=True)
class Department(Located):
    """A department; ``head`` may change from a given month on (dated versions), and each
    member may serve for a period only (DESIGN.md §3)."""

    id: str
    name: str
    head: Versioned[str]
    members: tuple[Member, ...] = ()
    start: str | None = None
    end: str | None = None

    def active(self, month: str) -> bool:
        return within(month, self.start, self.end)

    def head_in(self, month: str | None) -> str:
        """The head in force in ``month``; with no month, the latest head."""
        if month is None:
            return self.head.versions[-1].value
        return self.head.in_force(month)

    def heads(self) -> tuple[str, ...]:
        """Everyone named head, in the order of the versions, each once."""
        return tuple(dict.fromkeys(version.value for version in self.head.versions))

    def member_ids(self) -> tuple[str, ...]:
        """Everyone listed in ``members``, in their listed order, each once."""
        return tuple(dict.fromkeys(member.id for member in self.members))

    def on_staff(self, person: str, month: str, people: Mapping[str, Person]) -> bool:
        """Whether ``person`` is on the staff in ``month``: the head in force or a member
        then, and existing then (their own from/to)."""
        found = people.get(person)
        if found is None or not found.active(month):
            return False
        if self.head_in(month) == person:
            return True
        return any(m.id == person and m.active(month) for m in self.members)

    def staff_in(self, month: str | None, people: Mapping[str, Person]) -> tuple[str, ...]:
        """The staff in ``month``: the head, then the members in listed order, each once;
        with no month, everyone ever named (heads first)."""
        if month is None:
            named = (*self.heads(), *self.member_ids())
            return tuple(p for p in dict.fromkeys(named) if p in people)
        named = (self.head_in(month), *self.member_ids())
        return tuple(p for p in dict.fromkeys(named) if self.on_staff(p, month, people))


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
class Rewards(Located):
    """Use of results (DESIGN.md §11): yuan a person-year at coefficient 1, and the
    coefficient of each grade id (``coefficient_at``: where each was written)."""

    base: Decimal
    coefficients: Mapping[str, Decimal]
    coefficient_at: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


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
    rewards: Versioned[Rewards] | None = None
    publish_rewards: bool = False

    def person(self, person_id: str) -> Person | None:
        return self.people_by_id.get(person_id)

    def department(self, department_id: str) -> Department | None:
        return self._departments_by_id.get(department_id)

    # Lookups by id, built once: rules ask for every reference, and a hostile org.yaml may
    # list thousands. The first of duplicate ids wins (duplicates are reported as errors).
    @cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in reversed(self.people)}

    @cached_property
    def _departments_by_id(self) -> dict[str, Department]:
        return {d.id: d for d in reversed(self.departments)}

    def departments_in(self, month: str) -> list[Department]:
        return [d for d in self.departments if d.active(month)]

    def leaders_in(self, month: str) -> list[Person]:
        return [p for p in self.people if "leader" in p.roles and p.active(month)]

    def heads_in(self, month: str) -> set[str]:
        """The heads in force in ``month`` of the departments existing then, who exist then."""
        people = self.people_by_id
        return {
            head
            for department in self.departments_in(month)
            if department.on_staff(head := department.head_in(month), month, people)
        }

    def named_heads(self) -> set[str]:
        """Everyone named head of some department in some version."""
        return {head for department in self.departments for head in department.heads()}


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
