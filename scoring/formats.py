"""The record kinds of DESIGN.md §3 and §9, declared with the types of ``schema``.

``KINDS`` maps each kind's name to its top-level ``Obj``; ``kind_of`` tells which kind
a path under ``records/`` holds.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from scoring import model
from scoring.problems import Pos
from scoring.schema import (
    ITEM_ID,
    Boolean,
    Column,
    Date,
    DayOfMonth,
    Either,
    Enum,
    Field,
    GitHubHandle,
    Ident,
    Integer,
    ListOf,
    MapOf,
    Month,
    Number,
    Obj,
    Plain,
    PointsOrRange,
    Positioned,
    Prose,
    RepositoryUrl,
    Text,
    VersionedOf,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
ROLES = ("leader", "office", "inspector", "head")
STATUSES = ("open", "assessing", "published", "closed")
TARGET_KINDS = ("key", "routine", "other")
DECISIONS = ("pending", "approved", "rejected")
APPEAL_STATUSES = ("pending", "upheld", "partly-upheld", "rejected", "withdrawn")
LEVELS = ("provider", "department", "office")
CATEGORIES = ("security", "greening", "cleaning", "other")

APPEAL_ID = re.compile(r"^[0-9]{4}-[0-9]{3,}$")  # an appeal's file stem, YYYY-NNN

file_id = Ident()
item_id = Ident(ITEM_ID)
# Ids that name something of org.yaml, indicators.yaml or bonus-rules.yaml: `kaoping
# schema --records` lists the organisation's own for editors to complete.
person_id = Ident(refers="people")
department_id = Ident(refers="departments")
public_id = Ident(ITEM_ID, refers="public")
rule_id = Ident(refers="bonus-rules")
points = Number(ZERO)
prose = Prose()  # free text a person writes: a `` #`` after it is probably meant as text
share = Number(ZERO, Decimal(1), places=None)

# ------------------------------------------------------------------ org.yaml

PERSON = Obj(
    model.Person,
    {
        "id": Field(file_id, required=True),
        "name": Field(Text(), required=True),
        "roles": Field(ListOf(Enum(ROLES), unique=True), required=True),
        "github": Field(GitHubHandle(), description="GitHub handle, for CODEOWNERS"),
        "from": Field(Month(), attribute="start", description="first month (inclusive)"),
        "to": Field(Month(), attribute="end", description="last month (inclusive)"),
    },
)


def _member(person: Any, pos: Pos) -> model.Member:
    return model.Member(person, at=pos, where={"id": pos})


MEMBER = Either(
    person_id,
    Obj(
        model.Member,
        {
            "id": Field(person_id, required=True),
            "from": Field(Month(), attribute="start", description="first month (inclusive)"),
            "to": Field(Month(), attribute="end", description="last month (inclusive)"),
        },
    ),
    _member,
)
DEPARTMENT = Obj(
    model.Department,
    {
        "id": Field(file_id, required=True),
        "name": Field(Text(), required=True),
        "head": Field(
            VersionedOf(person_id),
            required=True,
            description="a person id, or dated versions [{from: YYYY-MM, value: ID}]",
        ),
        "members": Field(
            ListOf(MEMBER, unique=True),
            description="person ids, or {id, from, to} for a member during some months",
        ),
        "from": Field(Month(), attribute="start"),
        "to": Field(Month(), attribute="end"),
    },
)
WEIGHTS = Obj(
    model.Weights,
    {
        "business": Field(points, required=True),
        "public": Field(points, required=True),
        "indicator": Field(share, required=True),
        "leader": Field(share, required=True),
    },
)
LEADER_RATING = Obj(model.LeaderRating, {"trim": Field(Boolean())})
GRADE = Obj(
    model.Grade,
    {
        "id": Field(file_id, required=True),
        "name": Field(Text(), required=True),
        "min": Field(points, required=True),
        "quota": Field(share),
    },
)
BONUS_SETTINGS = Obj(model.BonusSettings, {"cap_per_month": Field(points, required=True)})
APPEAL_SETTINGS = Obj(model.AppealSettings, {"window_days": Field(Integer(0, 366), required=True)})


def _rewards(
    base: Decimal,
    coefficients: dict[str, tuple[Decimal, Pos]],
    at: Pos,
    where: dict[str, Pos],
) -> model.Rewards:
    return model.Rewards(
        base,
        {grade: value for grade, (value, _) in coefficients.items()},
        {grade: pos for grade, (_, pos) in coefficients.items()},
        at=at,
        where=where,
    )


REWARDS = Obj(
    _rewards,
    {
        "base": Field(points, required=True, description="yuan a person-year at coefficient 1"),
        "coefficients": Field(
            MapOf(Ident(), Positioned(points)),
            required=True,
            description="a coefficient for every grade id",
        ),
    },
)
ORG = Obj(
    model.Org,
    {
        "unit": Field(Text(), required=True),
        "language": Field(Enum(("zh", "en")), required=True),
        "repository": Field(RepositoryUrl()),
        "people": Field(ListOf(PERSON, min_items=1), required=True),
        "departments": Field(ListOf(DEPARTMENT, min_items=1), required=True),
        "overseers_per_month": Field(Integer(0, 20)),
        "publish_ratings": Field(Boolean()),
        "weights": Field(VersionedOf(WEIGHTS), required=True),
        "leader_rating": Field(VersionedOf(LEADER_RATING), required=True),
        "grades": Field(VersionedOf(ListOf(GRADE, min_items=1)), required=True),
        "bonus": Field(VersionedOf(BONUS_SETTINGS), required=True),
        "appeals": Field(VersionedOf(APPEAL_SETTINGS), required=True),
        "rewards": Field(VersionedOf(REWARDS), description="use of results (rewards)"),
        "publish_rewards": Field(Boolean(), description="publish the rewards on the site"),
    },
    title="org.yaml",
)

# ------------------------------------------------------------------ indicators.yaml, bonus-rules.yaml

PUBLIC_INDICATOR = Obj(
    model.PublicIndicator,
    {
        "id": Field(item_id, required=True),
        "name": Field(Text(), required=True),
        "max": Field(Number(ZERO, above_minimum=True), required=True),
    },
)
BOUNDARY = Obj(
    model.Boundary,
    {
        "kind": Field(file_id, required=True),
        "name": Field(Text(), required=True),
        "department": Field(department_id, required=True),
    },
)
INDICATORS = Obj(
    model.Indicators,
    {
        "public": Field(VersionedOf(ListOf(PUBLIC_INDICATOR)), required=True),
        "boundaries": Field(VersionedOf(ListOf(BOUNDARY))),
    },
    title="indicators.yaml",
)
BONUS_RULE = Obj(
    model.BonusRule,
    {
        "id": Field(file_id, required=True),
        "name": Field(Text(), required=True),
        "points": Field(PointsOrRange(), required=True),
        "valid_from": Field(Month()),
        "valid_to": Field(Month()),
        "streak": Field(Integer(1, 120), description="error-free rules: clean months needed"),
    },
)
BONUS_CATEGORY = Obj(
    model.BonusCategory,
    {
        "id": Field(file_id, required=True),
        "name": Field(Text(), required=True),
        "rules": Field(ListOf(BONUS_RULE, min_items=1), required=True),
    },
)
BONUS_RULES = Obj(
    model.BonusRules,
    {"categories": Field(ListOf(BONUS_CATEGORY, min_items=1), required=True)},
    title="bonus-rules.yaml",
)

# ------------------------------------------------------------------ routine targets (our addition)

ROUTINE_ITEM = Obj(
    model.RoutineItem,
    {
        "id": Field(item_id, required=True),
        "source": Field(prose),
        "title": Field(prose, required=True),
        "standard": Field(prose, required=True),
        "deadline_day": Field(DayOfMonth(), required=True),
        "owner": Field(person_id, required=True),
        "weight": Field(Number(ZERO, above_minimum=True), required=True),
    },
)
ROUTINE = Obj(
    model.RoutineSheet,
    {"department": Field(department_id), "items": Field(ListOf(ROUTINE_ITEM), required=True)},
    title="routine/DEPT.yaml",
)

# ------------------------------------------------------------------ a month's records

MONTH_INFO = Obj(
    model.MonthInfo,
    {
        "status": Field(Enum(STATUSES), required=True),
        "meeting": Field(Date()),
        "overseers": Field(ListOf(person_id, unique=True)),
        "absent": Field(ListOf(person_id, unique=True)),
        "published": Field(Date()),
        "closed": Field(Date()),
    },
    title="YYYY-MM/month.yaml",
)
TARGET = Obj(
    model.Target,
    {
        "id": Field(item_id, required=True),
        "kind": Field(Enum(TARGET_KINDS), required=True),
        "source": Field(prose),
        "title": Field(prose, required=True),
        "standard": Field(prose, required=True),
        "deadline": Field(Date(), required=True),
        "owner": Field(person_id, required=True),
        "weight": Field(Number(ZERO, above_minimum=True), required=True),
    },
)
TARGETS = Obj(
    model.TargetSheet,
    {
        "department": Field(department_id),
        "items": Field(
            ListOf(TARGET),
            required=True,
            also=("weights", Column("weight", Number(ZERO, above_minimum=True))),
        ),
    },
    title="YYYY-MM/targets/DEPT.yaml",
)
MARK = Obj(model.Mark, {"score": Field(points, required=True), "reason": Field(prose)})
ASSESSMENT = Obj(
    model.Assessment,
    {
        "department": Field(department_id),
        "assessor": Field(person_id, required=True),
        "items": Field(MapOf(item_id, MARK), required=True),
        "public": Field(MapOf(public_id, MARK), required=True),
    },
    title="YYYY-MM/assessments/DEPT.yaml",
)
EVIDENCE = ListOf(Text(), unique=True)
FINDING = Obj(
    model.Finding,
    {
        "id": Field(item_id, required=True),
        "kind": Field(file_id),
        "department": Field(department_id),
        "description": Field(prose, required=True),
        "evidence": Field(EVIDENCE),
        "deduction": Field(points),
        "in_indicators": Field(Boolean()),
        "target": Field(item_id),
        "rectify_by": Field(Date()),
        "rectified_on": Field(Date()),
    },
)
INSPECTION = Obj(
    model.Inspection,
    {
        "date": Field(Date(), required=True),
        "inspectors": Field(ListOf(person_id, unique=True), required=True),
        "location": Field(prose, required=True),
        "findings": Field(ListOf(FINDING)),
    },
    title="YYYY-MM/inspections/YYYY-MM-DD-SLUG.yaml",
)


def _rating(score: Any, pos: Pos) -> model.Rating:
    return model.Rating(score, at=pos, where={"score": pos})


RATING = Either(
    Number(ZERO, HUNDRED),
    Obj(
        model.Rating,
        {"score": Field(Number(ZERO, HUNDRED), required=True), "comment": Field(prose)},
    ),
    _rating,
)
RATINGS = Obj(
    model.RatingSheet,
    {"person": Field(person_id), "scores": Field(MapOf(department_id, RATING), required=True)},
    title="YYYY-MM/ratings/PERSON.yaml",
)
CLAIM = Obj(
    model.Claim,
    {
        "id": Field(item_id, required=True),
        "rule": Field(rule_id, required=True),
        "points": Field(Number(ZERO, above_minimum=True)),
        "description": Field(prose, required=True),
        "evidence": Field(EVIDENCE),
        "decision": Field(Enum(DECISIONS), required=True),
        "reason": Field(prose),
    },
)
CLAIMS = Obj(
    model.ClaimSheet,
    {"department": Field(department_id), "claims": Field(ListOf(CLAIM), required=True)},
    title="YYYY-MM/bonuses/DEPT.yaml",
)
APPEAL = Obj(
    model.Appeal,
    {
        "department": Field(department_id),
        "contract": Field(file_id),
        "month": Field(Month(), required=True),
        "subject": Field(Text(), required=True),
        "filed": Field(Date(), required=True),
        "grounds": Field(prose, required=True),
        "status": Field(Enum(APPEAL_STATUSES), required=True),
        "decision": Field(prose),
        "decided": Field(Date()),
        "review_of": Field(
            Ident(APPEAL_ID, allowed="appeal-id"),
            description="a review: the decided appeal (YYYY-NNN) it revisits",
        ),
    },
    title="appeals/YYYY-NNN.yaml",
)

# ------------------------------------------------------------------ outsourced services (§9)

CHECKLIST_ITEM = Obj(
    model.ChecklistItem,
    {
        "id": Field(item_id, required=True),
        "name": Field(Text(), required=True),
        "max": Field(Number(ZERO, above_minimum=True), required=True),
    },
)
FACTORS = Obj(
    model.Factors,
    {
        "provider": Field(Number(ZERO, places=None)),
        "department": Field(Number(ZERO, places=None)),
        "office": Field(Number(ZERO, places=None)),
    },
)
BAND = Obj(
    model.PaymentBand,
    {"min": Field(points, required=True), "share": Field(share, required=True)},
)
NOTICE = Obj(
    model.Notice,
    {"below": Field(points, required=True), "months": Field(Integer(1, 120), required=True)},
)
CONTRACT = Obj(
    model.Contract,
    {
        "name": Field(Text(), required=True),
        "provider": Field(Text(), required=True),
        "category": Field(Enum(CATEGORIES), required=True),
        "department": Field(department_id, required=True),
        "from": Field(Month(), required=True, attribute="start"),
        "to": Field(Month(), required=True, attribute="end"),
        "monthly_fee": Field(Number(ZERO, above_minimum=True), required=True),
        "checklist": Field(ListOf(CHECKLIST_ITEM, min_items=1), required=True),
        "factors": Field(FACTORS),
        "payment": Field(ListOf(BAND, min_items=1), required=True),
        "notice": Field(NOTICE),
    },
    title="services/CONTRACT.yaml",
)
SERVICE_CHECK = Obj(
    model.ServiceCheck,
    {
        "id": Field(item_id, required=True),
        "level": Field(Enum(LEVELS), required=True),
        "date": Field(Date(), required=True),
        "by": Field(ListOf(person_id, unique=True)),
        "item": Field(item_id, required=True),
        "description": Field(prose, required=True),
        "points": Field(Number(ZERO, above_minimum=True), required=True),
        "evidence": Field(EVIDENCE),
        "rectify_by": Field(Date()),
        "rectified_on": Field(Date()),
    },
)
SERVICE_MONTH = Obj(
    model.ServiceMonth,
    {
        "assessor": Field(person_id),
        "assessed": Field(Date()),
        "checks": Field(ListOf(SERVICE_CHECK)),
    },
    title="YYYY-MM/services/CONTRACT.yaml",
)
_HEX = Text()
SEAL = Obj(
    model.Seal,
    {
        "algorithm": Field(Enum(("sha256",)), required=True),
        "previous": Field(_HEX),
        "inputs": Field(_HEX, required=True),
        "figures": Field(_HEX, required=True),
        "seal": Field(_HEX, required=True),
        "departments": Field(MapOf(file_id, MapOf(file_id, Plain()))),
        "services": Field(MapOf(file_id, MapOf(file_id, Plain()))),
    },
    title="YYYY-MM/seal.yaml",
)

KINDS: dict[str, Obj] = {
    "org": ORG,
    "indicators": INDICATORS,
    "bonus-rules": BONUS_RULES,
    "routine": ROUTINE,
    "month": MONTH_INFO,
    "targets": TARGETS,
    "assessments": ASSESSMENT,
    "inspections": INSPECTION,
    "ratings": RATINGS,
    "bonuses": CLAIMS,
    "appeals": APPEAL,
    "contract": CONTRACT,
    "services": SERVICE_MONTH,
}

_MONTH_DIR = r"[0-9]{4}-(?:0[1-9]|1[0-2])"
_PATTERNS = [
    ("org", re.compile(r"^org\.yaml$")),
    ("indicators", re.compile(r"^indicators\.yaml$")),
    ("bonus-rules", re.compile(r"^bonus-rules\.yaml$")),
    ("routine", re.compile(r"^routine/([^/]+)\.yaml$")),
    ("appeals", re.compile(rf"^appeals/({APPEAL_ID.pattern[1:-1]})\.yaml$")),
    ("contract", re.compile(r"^services/([^/]+)\.yaml$")),
    ("month", re.compile(rf"^({_MONTH_DIR})/month\.yaml$")),
    ("seal", re.compile(rf"^({_MONTH_DIR})/seal\.yaml$")),
    ("targets", re.compile(rf"^({_MONTH_DIR})/targets/([^/]+)\.yaml$")),
    ("assessments", re.compile(rf"^({_MONTH_DIR})/assessments/([^/]+)\.yaml$")),
    ("inspections", re.compile(rf"^({_MONTH_DIR})/inspections/([^/]+)\.yaml$")),
    ("ratings", re.compile(rf"^({_MONTH_DIR})/ratings/([^/]+)\.yaml$")),
    ("bonuses", re.compile(rf"^({_MONTH_DIR})/bonuses/([^/]+)\.yaml$")),
    ("services", re.compile(rf"^({_MONTH_DIR})/services/([^/]+)\.yaml$")),
    ("evidence", re.compile(rf"^({_MONTH_DIR})/evidence/(.+)$")),
]
KINDS["seal"] = SEAL


_MONTH_FOLDER = re.compile(rf"^({_MONTH_DIR})/")


def month_folder(path: str) -> str | None:
    """The month folder (``YYYY-MM``) a path relative to ``records/`` lies in, if any."""
    if len(path) < 8 or path[7] != "/" or path[4] != "-":  # most paths, at a glance
        return None
    found = _MONTH_FOLDER.match(path)
    return found.group(1) if found else None


def kind_of(path: str) -> tuple[str, tuple[str, ...]] | None:
    """The record kind of a path relative to ``records/`` and its captured parts."""
    for kind, pattern in _PATTERNS:
        match = pattern.match(path)
        if match:
            return kind, match.groups()
    return None
