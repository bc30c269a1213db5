"""Scoring (DESIGN.md §5, §9): every figure against arithmetic done by hand in the test.

Trees come from ``make_records``; the model is read with ``read_records`` so these
tests do not depend on the validation rules.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import model
from scoring.records import read_records
from scoring.results import Results, award_grades, claim_validity, score
from scoring.results.figures import quota_limit, round2, trimmed_indices

D = Decimal


def results_of(root: Path) -> Results:
    return score(read_records(root).records)


def department(results: Results, month: str, dept: str) -> Any:
    found = results.month(month)
    assert found is not None
    figures = found.department(dept)
    assert figures is not None
    return figures


def month_tree(
    month: str,
    status: str = "published",
    admin: tuple[Any, ...] = (50, 28, 10, 10),
    security: tuple[Any, ...] = (80, 10, 9),
    ratings: dict[str, dict[str, Any]] | None = None,
    absent: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A month like BASE's 2026-11, with the marks and ratings given (admin: K1, R1,
    politics, discipline; security: K1, politics, discipline)."""
    following = model.add_months(month, 1)
    info: dict[str, Any] = {
        "status": status,
        "meeting": f"{following}-03",
        "overseers": ["chen", "zhao"],
        "absent": list(absent),
    }
    if status in ("published", "closed"):
        info["published"] = f"{following}-05"
    if status == "closed":
        info["closed"] = f"{following}-20"

    def mark(score: Any, full: int) -> dict[str, Any]:
        return {"score": score} if score == full else {"score": score, "reason": "未达标"}

    ratings = ratings or {
        "chen": {"admin": 92, "security": 88},
        "liu": {"admin": 90, "security": 91},
    }
    files: dict[str, Any] = {
        f"{month}/month.yaml": info,
        f"{month}/targets/admin.yaml": {
            "items": [
                {"id": "K1", "kind": "key", "title": "停车场改造方案", "standard": "方案通过",
                 "deadline": f"{month}-25", "owner": "zhao", "weight": 50},
                {"id": "R1", "kind": "routine", "title": "公文流转", "standard": "按时办结",
                 "deadline": f"{month}-28", "owner": "zhao", "weight": 30},
            ]
        },
        f"{month}/targets/security.yaml": {
            "items": [
                {"id": "K1", "kind": "key", "title": "消防检查", "standard": "全覆盖",
                 "deadline": f"{month}-20", "owner": "qian", "weight": 80},
            ]
        },
        f"{month}/assessments/admin.yaml": {
            "assessor": "wang",
            "items": {"K1": mark(admin[0], 50), "R1": mark(admin[1], 30)},
            "public": {"politics": mark(admin[2], 10), "discipline": mark(admin[3], 10)},
        },
        f"{month}/assessments/security.yaml": {
            "assessor": "wang",
            "items": {"K1": mark(security[0], 80)},
            "public": {"politics": mark(security[1], 10), "discipline": mark(security[2], 10)},
        },
    }  # fmt: skip
    for person, scores in ratings.items():
        files[f"{month}/ratings/{person}.yaml"] = {"scores": scores}
    return files


def without_base_month() -> dict[str, Any]:
    """Overrides deleting BASE's 2026-11 files."""
    return {path: None for path in BASE if path.startswith("2026-11/")}


# ---------------------------------------------------------------- a department's month


def test_base_month_figures(make_records):
    results = results_of(make_records())
    admin = department(results, "2026-11", "admin")
    # business 50 + 28 = 78; public 10 + 10 = 20; indicator 98; leader (92 + 90) / 2 = 91
    # total 0.7 × 98 + 0.3 × 91 = 68.6 + 27.3 = 95.9
    assert (admin.business, admin.public, admin.indicator) == (D(78), D(20), D(98))
    assert admin.leader == D("91.00")
    assert admin.total == D("95.90")
    security = department(results, "2026-11", "security")
    # indicator 80 + 19 = 99; leader (88 + 91) / 2 = 89.5; total 69.3 + 26.85 = 96.15
    assert security.total == D("96.15")
    assert (security.rank, admin.rank) == (1, 2)
    # excellent has quota 0.5: floor(0.5 × 2) = 1 place, taken by security (96.15);
    # admin reaches 95 too but is refused and gets good
    assert (security.grade, admin.grade) == ("excellent", "good")
    assert admin.refused == ("excellent",)
    assert admin.missing == () and admin.complete


def test_operands_are_carried(make_records):
    admin = department(results_of(make_records()), "2026-11", "admin")
    assert [(item.id, item.full, item.score) for item in admin.targets] == [
        ("K1", D(50), D(50)),
        ("R1", D(30), D(28)),
    ]
    assert admin.targets[1].reason == "延期2天"
    assert admin.targets[1].at.path == "2026-11/assessments/admin.yaml"
    assert admin.targets[1].defined_at.path == "2026-11/targets/admin.yaml"
    assert [(r.person, r.score) for r in admin.ratings] == [("chen", D(92)), ("liu", D(90))]
    assert admin.ratings[0].at.path == "2026-11/ratings/chen.yaml"
    assert admin.weighted == D("95.90")


def test_rounding_that_binary_floats_get_wrong(make_records):
    files = without_base_month()
    # admin indicator 40.5 + 20 + 10 + 10 = 80.5; leader (80.5 + 81) / 2 = 80.75
    # 0.7 × 80.5 + 0.3 × 80.75 = 56.35 + 24.225 = 80.575 -> 80.58 (half up)
    # binary floats: 0.7*80.5 + 0.3*80.75 == 80.57499999999999 -> 80.57
    ratings = {"chen": {"admin": 80.5, "security": 88}, "liu": {"admin": 81, "security": 91}}
    files.update(month_tree("2026-11", admin=(40.5, 20, 10, 10), ratings=ratings))
    admin = department(results_of(make_records(files)), "2026-11", "admin")
    assert 0.7 * 80.5 + 0.3 * 80.75 == 80.57499999999999
    assert admin.indicator == D("80.5")
    assert admin.leader == D("80.75")
    assert admin.weighted == D("80.575")
    assert admin.total == D("80.58")


FIVE_LEADERS = [
    {"id": "chen", "name": "陈明", "roles": ["leader"]},
    {"id": "liu", "name": "刘建华", "roles": ["leader"]},
    {"id": "he", "name": "何平", "roles": ["leader"]},
    {"id": "lin", "name": "林静", "roles": ["leader"]},
    {"id": "xu", "name": "徐涛", "roles": ["leader"]},
    {"id": "wang", "name": "王芳", "roles": ["office", "inspector"]},
    {"id": "li", "name": "李娜", "roles": ["inspector"]},
    {"id": "zhao", "name": "赵强", "roles": ["head"]},
    {"id": "qian", "name": "钱伟", "roles": ["head"]},
]


def five_leader_tree(trim: bool, absent: tuple[str, ...] = ()) -> dict[str, Any]:
    org = dict(BASE["org.yaml"], people=FIVE_LEADERS, leader_rating={"trim": trim})
    # admin's ratings repeat the extremes: 95, 95, 80, 70, 70
    admin = {"chen": 95, "liu": 95, "he": 80, "lin": 70, "xu": 70}
    ratings = {p: {"admin": s, "security": 90} for p, s in admin.items() if p not in absent}
    files = without_base_month()
    files.update(month_tree("2026-11", ratings=ratings, absent=absent))
    files["org.yaml"] = org
    return files


def test_trimming_drops_one_instance_of_each_extreme(make_records):
    admin = department(results_of(make_records(five_leader_tree(True))), "2026-11", "admin")
    # drop one 70 and one 95: (95 + 80 + 70) / 3 = 81.666… -> 81.67
    # (dropping every 95 and every 70 would leave 80)
    assert admin.trim
    assert admin.leader == D("81.67")
    assert [r.trimmed for r in admin.ratings] == [True, False, False, True, False]


def test_no_trimming_when_not_configured(make_records):
    admin = department(results_of(make_records(five_leader_tree(False))), "2026-11", "admin")
    # (95 + 95 + 80 + 70 + 70) / 5 = 410 / 5 = 82
    assert not admin.trim
    assert admin.leader == D(82)


def test_trimming_after_absent_leaders_are_left_out(make_records):
    tree = five_leader_tree(True, absent=("he",))
    admin = department(results_of(make_records(tree)), "2026-11", "admin")
    # four ratings remain (95, 95, 70, 70): too few to trim; mean 330 / 4 = 82.5
    assert not admin.trim
    assert admin.leader == D("82.5")
    assert admin.absent == ("he",)


def test_trimmed_indices_when_every_value_repeats():
    assert trimmed_indices([D(90)] * 5) == (0, 1)
    assert trimmed_indices([D(90)] * 4) is None


def test_absent_leader_is_left_out(make_records):
    files = {
        "2026-11/month.yaml": dict(month_tree("2026-11")["2026-11/month.yaml"], absent=["liu"])
    }
    files["2026-11/ratings/liu.yaml"] = None
    admin = department(results_of(make_records(files)), "2026-11", "admin")
    # leader = chen's 92 alone; total 0.7 × 98 + 0.3 × 92 = 68.6 + 27.6 = 96.2
    assert admin.complete
    assert admin.leader == D(92)
    assert admin.total == D("96.20")


def test_incomplete_department_has_the_figures_it_can(make_records):
    files = {
        "2026-11/month.yaml": dict(month_tree("2026-11", status="assessing")["2026-11/month.yaml"]),
        "2026-11/assessments/admin.yaml": None,
        "2026-11/inspections/2026-11-12-yard.yaml": {
            "date": "2026-11-12",
            "inspectors": ["wang", "li"],
            "location": "大院",
            "findings": [
                {
                    "id": "F1",
                    "kind": "clutter",
                    "description": "杂物",
                    "deduction": 0.5,
                    "evidence": [],
                },
            ],
        },  # fmt: skip
        "2026-11/bonuses/admin.yaml": {
            "claims": [
                {
                    "id": "B1",
                    "rule": "adoption-city",
                    "description": "信息采用",
                    "decision": "approved",
                },
            ]
        },  # fmt: skip
    }
    results = results_of(make_records(files))
    admin = department(results, "2026-11", "admin")
    assert not admin.complete
    assert admin.missing == ("2026-11/assessments/admin.yaml",)
    assert (admin.business, admin.public, admin.indicator) == (None, None, None)
    assert admin.leader == D(91)  # every leader rated it: (92 + 90) / 2
    assert admin.deductions == D("0.5")  # routed by kind clutter -> admin
    assert admin.bonus == D("0.5")  # computed all the same
    assert (admin.total, admin.grade, admin.rank) == (None, None, None)
    security = department(results, "2026-11", "security")
    # the only complete department: rank 1; excellent's quota floor(0.5 × 1) = 0 admits
    # nobody, so 96.15 gets good
    assert security.rank == 1
    assert security.grade == "good"
    assert security.refused == ("excellent",)


def test_missing_rating_names_the_leader_file(make_records):
    files = {
        "2026-11/month.yaml": dict(month_tree("2026-11", status="open")["2026-11/month.yaml"]),
        "2026-11/ratings/liu.yaml": None,
        "2026-11/targets/security.yaml": None,
    }
    results = results_of(make_records(files))
    security = department(results, "2026-11", "security")
    assert security.missing == (
        "2026-11/targets/security.yaml",
        "2026-11/ratings/liu.yaml",
    )
    assert security.leader is None and security.business is None


# ---------------------------------------------------------------- deductions


def test_findings_routed_by_department_and_by_kind(make_records):
    files = {
        "indicators.yaml": {
            "public": [
                {"id": "politics", "name": "政治学习", "max": 10},
                {"id": "discipline", "name": "作风纪律", "max": 10},
            ],
            "boundaries": [
                {
                    "from": "2026-01",
                    "value": [{"kind": "clutter", "name": "杂物", "department": "admin"}],
                },
                {
                    "from": "2026-11",
                    "value": [{"kind": "clutter", "name": "杂物", "department": "security"}],
                },
            ],
        },  # fmt: skip
        "2026-11/inspections/2026-11-12-yard.yaml": {
            "date": "2026-11-12",
            "inspectors": ["wang", "li"],
            "location": "大院",
            "findings": [
                {"id": "F1", "kind": "clutter", "description": "杂物", "deduction": 0.5},
                {"id": "F2", "department": "admin", "description": "门岗", "deduction": 1.25},
                {"id": "F3", "department": "admin", "description": "方案", "target": "R1"},
            ],
        },
    }
    results = results_of(make_records(files))
    admin = department(results, "2026-11", "admin")
    security = department(results, "2026-11", "security")
    # clutter routes to security by the boundaries in force from 2026-11
    assert [c.finding.id for c in security.findings] == ["F1"]
    assert security.findings[0].routed
    assert security.deductions == D("0.5")
    # admin: F2 deducts 1.25, F3 bears on a target (no direct deduction)
    assert [(c.finding.id, c.deduction) for c in admin.findings] == [
        ("F2", D("1.25")),
        ("F3", D(0)),
    ]
    assert admin.deductions == D("1.25")
    # 95.9 − 1.25 = 94.65
    assert admin.total == D("94.65")


# ---------------------------------------------------------------- bonus


def claims(*items: dict[str, Any]) -> dict[str, Any]:
    return {"claims": [dict({"description": "说明", "decision": "approved"}, **i) for i in items]}


def test_bonus_cap_and_a_total_above_100(make_records):
    files = without_base_month()
    ratings = {"chen": {"admin": 100, "security": 88}, "liu": {"admin": 100, "security": 91}}
    files.update(month_tree("2026-11", ratings=ratings, admin=(50, 30, 10, 10)))
    files["2026-11/bonuses/admin.yaml"] = claims(
        {"id": "B1", "rule": "innovation", "points": 3},
        {"id": "B2", "rule": "adoption-city"},
        {"id": "B3", "rule": "adoption-city", "decision": "rejected", "reason": "重复"},
    )
    admin = department(results_of(make_records(files)), "2026-11", "admin")
    # claimed 3 + 0.5 = 3.5 (the rejected claim counts nothing); cap 3
    assert admin.claimed == D("3.5")
    assert admin.bonus == D(3)
    # 0.7 × 100 + 0.3 × 100 − 0 + 3 = 103: totals have no upper bound
    assert admin.total == D(103)
    assert admin.grade == "excellent" and admin.rank == 1


def test_total_never_below_zero(make_records):
    files = {
        "2026-11/inspections/2026-11-12-yard.yaml": {
            "date": "2026-11-12",
            "inspectors": ["wang", "li"],
            "location": "大院",
            "findings": [{"id": "F1", "department": "admin", "description": "x", "deduction": 99}],
        }
    }
    admin = department(results_of(make_records(files)), "2026-11", "admin")
    # 95.9 − 99 = −3.1 -> 0
    assert admin.weighted == D("-3.10")
    assert admin.total == D(0)


@pytest.mark.parametrize(
    ("claim", "rule_extra", "reason"),
    [
        ({"rule": "no-such-rule"}, {}, "rule-unknown"),
        ({"rule": "innovation"}, {}, "points-missing"),
        ({"rule": "innovation", "points": 4}, {}, "points-out-of-range"),
        ({"rule": "innovation", "points": 2.5}, {}, None),
        ({"rule": "adoption-city", "points": 1}, {}, "points-differ"),
        ({"rule": "adoption-city", "points": 0.5}, {}, None),
        ({"rule": "adoption-city"}, {"valid_to": "2026-10"}, "outside-validity"),
        ({"rule": "adoption-city"}, {"valid_from": "2026-12"}, "outside-validity"),
        ({"rule": "adoption-city"}, {"valid_from": "2026-11", "valid_to": "2026-11"}, None),
    ],
)
def test_claim_validity_reasons(make_records, claim, rule_extra, reason):
    rules = BASE["bonus-rules.yaml"]
    adoption = dict(
        rules["categories"][0], rules=[dict(rules["categories"][0]["rules"][0], **rule_extra)]
    )
    files = {
        "bonus-rules.yaml": {"categories": [adoption, *rules["categories"][1:]]},
        "2026-11/bonuses/admin.yaml": claims(dict({"id": "B1"}, **claim)),
    }
    root = make_records(files)
    (verdict,) = claim_validity(read_records(root).records)
    assert verdict.reason == reason
    assert verdict.valid is (reason is None)
    admin = department(results_of(root), "2026-11", "admin")
    assert admin.bonus == (verdict.points if reason is None else 0)


def test_claim_validity_does_not_crash_on_broken_records(make_records):
    root = make_records(
        {
            "org.yaml": "unit: [broken\n",
            "bonus-rules.yaml": None,
            "2026-11/bonuses/admin.yaml": claims({"id": "B1", "rule": "error-free-3"}),
        }
    )
    (verdict,) = claim_validity(read_records(root).records)
    assert (verdict.valid, verdict.reason) == (False, "rule-unknown")


# ---------------------------------------------------------------- error-free streaks

CLEAN = (50, 30, 10, 10)  # admin at full marks


def clean_months(months: list[str], status: str = "published") -> dict[str, Any]:
    files = without_base_month()
    for month in months:
        files.update(month_tree(month, status=status, admin=CLEAN))
    return files


def test_overlapping_error_free_streaks_never_count_a_month_twice(make_records):
    months = [f"2026-{n:02d}" for n in range(1, 10)]
    files = clean_months(months)
    files["2026-03/bonuses/admin.yaml"] = claims({"id": "B1", "rule": "error-free-3"})
    # 2026-05 looks at 03, 04, 05: 03 already counts for 2026-03's B1
    files["2026-05/bonuses/admin.yaml"] = claims({"id": "B1", "rule": "error-free-3"})
    # 2026-06 looks at 04, 05, 06: all clean and unused (05's claim was invalid, uses none)
    files["2026-06/bonuses/admin.yaml"] = claims({"id": "B1", "rule": "error-free-3"})
    # 2026-09 looks at 07..09: a pending claim uses none, so the approved B2 after it is
    # valid; B3, later in the same file, finds 07 counted by B2
    files["2026-09/bonuses/admin.yaml"] = claims(
        {"id": "B1", "rule": "error-free-3", "decision": "pending"},
        {"id": "B2", "rule": "error-free-3"},
        {"id": "B3", "rule": "error-free-3"},
    )
    results = results_of(make_records(files))
    verdicts = {(v.claim_month, v.claim.id): v for v in results.claims}
    assert verdicts["2026-03", "B1"].valid
    assert verdicts["2026-03", "B1"].streak_months == ("2026-01", "2026-02", "2026-03")
    used = verdicts["2026-05", "B1"]
    assert (used.valid, used.reason, used.month) == (False, "streak-month-used", "2026-03")
    assert used.used_by == "2026-03/bonuses/admin.yaml#B1"
    assert verdicts["2026-06", "B1"].valid
    assert verdicts["2026-09", "B1"].valid and not verdicts["2026-09", "B1"].counted
    assert verdicts["2026-09", "B2"].counted
    third = verdicts["2026-09", "B3"]
    assert (third.reason, third.month, third.used_by) == (
        "streak-month-used",
        "2026-07",
        "2026-09/bonuses/admin.yaml#B2",
    )
    # bonus: 0.5 in 03, 06 and 09 (B2 only)
    bonus = {m: department(results, m, "admin").bonus for m in months}
    assert bonus == {
        m: D("0.5") if m in ("2026-03", "2026-06", "2026-09") else D(0) for m in months
    }


def test_error_free_streak_needs_clean_months(make_records):
    files = clean_months(["2026-01", "2026-03"])
    files.update(month_tree("2026-02", admin=(50, 29, 10, 10)))  # one point lost in 02
    files["2026-03/bonuses/admin.yaml"] = claims({"id": "B1", "rule": "error-free-3"})
    files["2026-04/bonuses/admin.yaml"] = claims({"id": "B1", "rule": "error-free-3"})
    results = results_of(make_records(files))
    first, second = results.claims
    assert (first.reason, first.month) == ("streak-not-clean", "2026-02")
    # 2026-04 has no month folder records for admin: not clean
    assert (second.reason, second.month) == ("streak-not-clean", "2026-04")


def test_a_deduction_breaks_the_streak(make_records):
    files = clean_months(["2026-01", "2026-02", "2026-03"])
    files["2026-02/inspections/2026-02-10-yard.yaml"] = {
        "date": "2026-02-10",
        "inspectors": ["wang", "li"],
        "location": "大院",
        "findings": [{"id": "F1", "kind": "clutter", "description": "x", "deduction": 0.1}],
    }
    results = results_of(make_records(files))
    assert [department(results, m, "admin").clean for m in ("2026-01", "2026-02", "2026-03")] == [
        True,
        False,
        True,
    ]
    assert department(results, "2026-03", "admin").streak == 1


def test_department_streak_and_eligibility(make_records):
    files = clean_months([f"2026-{n:02d}" for n in range(1, 6)])
    files["2026-03/bonuses/admin.yaml"] = claims({"id": "B1", "rule": "error-free-3"})
    files["2026-06/month.yaml"] = {"status": "open", "overseers": ["liu", "qian"]}
    results = results_of(make_records(files))
    streaks = {s.department: s for s in results.streaks}
    # admin clean 01..05 (the open 06 has no record yet): streak 5 ending 2026-05;
    # error-free-3 in 05 would look at 03..05, and 03 counts for B1 -> not eligible yet
    assert (streaks["admin"].streak, streaks["admin"].end) == (5, "2026-05")
    assert streaks["admin"].eligible == ()
    assert department(results, "2026-05", "admin").streak == 5
    # security loses a point every month (discipline 9): no streak
    assert (streaks["security"].streak, streaks["security"].eligible) == (0, ())

    files.update(month_tree("2026-06", admin=CLEAN))
    streaks = {s.department: s for s in results_of(make_records(files)).streaks}
    # now 04..06 are clean and unused
    assert (streaks["admin"].streak, streaks["admin"].eligible) == (6, ("error-free-3",))


# ---------------------------------------------------------------- grades and quotas


def grade(id: str, min: int, quota: str | None = None) -> model.Grade:
    return model.Grade(id, id, D(min), D(quota) if quota else None)


GRADES = (grade("excellent", 95, "0.5"), grade("good", 85), grade("pass", 70), grade("fail", 0))


def test_quota_tie_group_straddling_the_limit_drops_whole():
    totals = {"a": D(97), "b": D(96), "c": D(96), "d": D("95.5")}
    awards = award_grades(totals, GRADES)
    # limit floor(0.5 × 4) = 2: a fits (1), the tie b, c would make 3 > 2 and drops
    # whole; d (95.5) is not admitted in their place
    assert {k: a.grade for k, a in awards.items()} == {
        "a": "excellent", "b": "good", "c": "good", "d": "good",
    }  # fmt: skip
    assert awards["d"].refused == ("excellent",)


def test_quota_cascades_and_lowest_grade_takes_the_rest():
    grades = (
        grade("excellent", 95, "0.2"),
        grade("good", 85, "0.4"),
        grade("pass", 70),
        grade("fail", 0),
    )
    totals = {"a": D(99), "b": D(90), "c": D(88), "d": D(88), "e": D(60)}
    awards = award_grades(totals, grades)
    # n 5: excellent floor(1.0) = 1 -> a; good floor(2.0) = 2 -> b fits, tie c, d would
    # make 3 -> both drop to pass; e below 70 -> fail
    assert [awards[k].grade for k in "abcde"] == ["excellent", "good", "pass", "pass", "fail"]


def test_quota_of_one_department_in_a_tie_at_the_top():
    awards = award_grades({"a": D(96), "b": D(96)}, GRADES)
    # limit floor(0.5 × 2) = 1; the tie of two cannot fit: both good
    assert [a.grade for a in awards.values()] == ["good", "good"]


# ---------------------------------------------------------------- years and versions


def test_year_spanning_two_calendar_years(make_records):
    files = without_base_month()
    files.update(month_tree("2025-12"))
    files.update(month_tree("2026-01", admin=(50, 30, 10, 10)))
    files.update(month_tree("2026-02", status="open"))
    results = results_of(make_records(files))
    assert [y.year for y in results.years] == [2025, 2026]
    y2025, y2026 = results.years
    admin_2025 = next(d for d in y2025.departments if d.department == "admin")
    admin_2026 = next(d for d in y2026.departments if d.department == "admin")
    assert (admin_2025.months, admin_2025.total) == (1, D("95.90"))
    # 2026-01: 0.7 × 100 + 0.3 × 91 = 97.3; the open 2026-02 stays out of the year
    assert (admin_2026.months, admin_2026.total) == (1, D("97.30"))
    assert y2026.counted_months == ("2026-01",)


def test_year_mean_and_months_without_counted_months(make_records):
    files = without_base_month()
    files.update(month_tree("2026-01"))
    files.update(month_tree("2026-02", admin=(50, 30, 10, 10)))
    files.update(month_tree("2026-03", status="assessing"))
    org = BASE["org.yaml"]
    files["org.yaml"] = dict(
        org,
        departments=[*org["departments"], {"id": "archive", "name": "档案室", "head": "zhao", "from": "2026-03"}],
    )  # fmt: skip
    results = results_of(make_records(files))
    (year,) = results.years
    rows = {d.department: d for d in year.departments}
    # admin: (95.9 + 97.3) / 2 = 96.6
    assert (rows["admin"].months, rows["admin"].total) == (2, D("96.60"))
    # security: (96.15 + 96.15) / 2 = 96.15; ranks 1 and 2; quota floor(0.5 × 2) = 1
    assert (rows["admin"].rank, rows["admin"].grade) == (1, "excellent")
    assert (rows["security"].rank, rows["security"].grade) == (2, "good")
    # archive exists from 2026-03 (assessing): listed with no counted month
    assert (rows["archive"].months, rows["archive"].total, rows["archive"].grade) == (0, None, None)


def test_versioned_weights_before_and_after_from(make_records):
    files = without_base_month()
    files.update(month_tree("2026-01"))
    files.update(month_tree("2026-02"))
    files["org.yaml"] = dict(
        BASE["org.yaml"],
        weights=[
            {"from": "2026-01", "value": {"business": 80, "public": 20, "indicator": 0.7, "leader": 0.3}},
            {"from": "2026-02", "value": {"business": 80, "public": 20, "indicator": 0.6, "leader": 0.4}},
        ],
    )  # fmt: skip
    results = results_of(make_records(files))
    # 2026-01: 0.7 × 98 + 0.3 × 91 = 95.9; 2026-02: 0.6 × 98 + 0.4 × 91 = 58.8 + 36.4 = 95.2
    assert department(results, "2026-01", "admin").total == D("95.90")
    assert department(results, "2026-02", "admin").total == D("95.20")
    assert results.month("2026-02").weights.indicator == D("0.6")


def test_departments_exist_only_in_their_months(make_records):
    org = BASE["org.yaml"]
    files = {
        "org.yaml": dict(
            org,
            departments=[org["departments"][0], dict(org["departments"][1], to="2026-10")],
        )
    }
    results = results_of(make_records(files))
    assert [d.department for d in results.month("2026-11").departments] == ["admin"]


# ---------------------------------------------------------------- services (§9)

CONTRACT = {
    "name": "机关大院绿化养护",
    "provider": "绿景园林",
    "category": "greening",
    "department": "admin",
    "from": "2026-09",
    "to": "2026-12",
    "monthly_fee": 48000.00,
    "checklist": [
        {"id": "lawn", "name": "草坪", "max": 25},
        {"id": "trees", "name": "乔灌木", "max": 25},
        {"id": "litter", "name": "垃圾", "max": 30},
        {"id": "log", "name": "台账", "max": 20},
    ],
    "factors": {"provider": 0, "department": 1, "office": 1.5},
    "payment": [
        {"min": 95, "share": 1},
        {"min": 90, "share": 0.98},
        {"min": 80, "share": 0.95},
        {"min": 0, "share": 0.9},
    ],
    "notice": {"below": 80, "months": 2},
}


def check(id: str, level: str, item: str, points: Any, day: str, **more: Any) -> dict[str, Any]:
    found = {
        "id": id,
        "level": level,
        "date": day,
        "item": item,
        "description": "问题",
        "points": points,
    }
    if level != "provider":
        found["by"] = ["wang", "li"]
    found.update(more)
    return found


def service_month(
    month: str, checks: list[dict[str, Any]], assessed: bool = True
) -> dict[str, Any]:
    sheet: dict[str, Any] = {"assessor": "wang", "checks": checks}
    if assessed:
        sheet["assessed"] = f"{month}-28"
    return {f"{month}/services/greening.yaml": sheet}


def services_tree() -> dict[str, Any]:
    files = without_base_month()
    for month in ("2026-09", "2026-10", "2026-11"):
        files.update(month_tree(month))
    files.update(month_tree("2026-12", status="open"))
    files["services/greening.yaml"] = CONTRACT
    # 09: a department check of 22 on the lawn -> 78; 10: 21 on the trees -> 79
    files.update(service_month("2026-09", [check("S1", "department", "lawn", 22, "2026-09-04")]))
    files.update(service_month("2026-10", [check("S1", "department", "trees", 21, "2026-10-04")]))
    files.update(
        service_month(
            "2026-11",
            [
                check("S1", "office", "lawn", 2, "2026-11-04"),
                check("S2", "department", "trees", 1.5, "2026-11-05"),
                check("S3", "provider", "litter", 4, "2026-11-02",
                      rectify_by="2026-11-06", rectified_on="2026-11-05"),
                check("S4", "provider", "litter", 3, "2026-11-02",
                      rectify_by="2026-11-06", rectified_on="2026-11-08"),
                check("S5", "provider", "log", 1, "2026-11-02", rectify_by="2026-11-06"),
            ],
        )
    )  # fmt: skip
    files.update(service_month("2026-12", [], assessed=False))
    return files


def test_services_month_figures(make_records):
    results = results_of(make_records(services_tree()))
    greening = results.month("2026-11").service("greening")
    # S1 office 2 × 1.5 = 3 (a decimal factor); S2 department 1.5 × 1 = 1.5;
    # S3 provider fixed in time (11-05 <= 11-06): × 0 = 0;
    # S4 provider fixed late (11-08 > 11-06): × department 1 = 3;
    # S5 provider never fixed: × 1 = 1
    weights = {w.check.id: (w.factor, w.weight, w.late) for i in greening.items for w in i.checks}
    assert weights == {
        "S1": (D("1.5"), D("3.0"), False),
        "S2": (D(1), D("1.5"), False),
        "S3": (D(0), D(0), False),
        "S4": (D(1), D(3), True),
        "S5": (D(1), D(1), True),
    }
    # deductions 3 + 1.5 + 0 + 3 + 1 = 8.5; score 91.5 -> band 90: share 0.98
    assert greening.deductions == D("8.50")
    assert greening.score == D("91.50")
    assert greening.share == D("0.98")
    # payable round2(48000 × 0.98) = 47040; withheld 960
    assert (greening.fee, greening.payable, greening.withheld) == (D(48000), D(47040), D(960))
    assert greening.complete and not greening.notice


def test_services_notice_streak_and_contract_start(make_records):
    results = results_of(make_records(services_tree()))
    by_month = {m.month: m.service("greening") for m in results.months}
    assert (by_month["2026-09"].score, by_month["2026-10"].score) == (D(78), D(79))
    # 09: the window 08..09 starts before the contract (from 2026-09): no notice
    assert not by_month["2026-09"].notice
    # 10: 09 (78) and 10 (79) both below 80, complete, in the period: notice
    assert by_month["2026-10"].notice
    assert by_month["2026-10"].notice_months == ("2026-09", "2026-10")
    # 11 scores 91.5: the streak is broken
    assert not by_month["2026-11"].notice
    # 12 has its file without `assessed`: incomplete, null figures
    december = by_month["2026-12"]
    assert not december.complete and not december.notice
    assert december.missing == ("2026-12/services/greening.yaml#assessed",)
    assert (december.score, december.payable, december.share) == (None, None, None)
    # the year: months 09, 10, 11 (12 is open); (78 + 79 + 91.5) / 3 = 82.8333… -> 82.83
    (year,) = results.years
    (greening,) = year.services
    assert (greening.months, greening.score) == (3, D("82.83"))
    # payable: 78 -> 0.9 × 48000 = 43200; 79 -> 43200; 91.5 -> 47040; sum 133440
    assert greening.payable == D(133440)
    assert greening.withheld == D(4800 + 4800 + 960)


def test_services_clamp_and_score_on_a_band_min(make_records):
    files = services_tree()
    files.update(
        service_month(
            "2026-11",
            [
                check("S1", "department", "log", 15, "2026-11-04"),
                check("S2", "office", "log", 5, "2026-11-05"),
            ],
        )
    )
    greening = results_of(make_records(files)).month("2026-11").service("greening")
    # log: 15 × 1 + 5 × 1.5 = 22.5, clamped at the item's max 20
    (log,) = [i for i in greening.items if i.item.id == "log"]
    assert (log.weighed, log.lost, log.clamped) == (D("22.5"), D(20), True)
    # score 100 − 20 = 80: exactly on the band min 80 -> share 0.95
    assert greening.score == D(80)
    assert greening.share == D("0.95")
    assert (greening.payable, greening.withheld) == (D(45600), D(2400))


def test_services_notice_needs_consecutive_month_folders(make_records):
    files = services_tree()
    for path in list(files):
        if path.startswith("2026-10/"):
            files[path] = None
    files.update(service_month("2026-11", [check("S1", "department", "lawn", 25, "2026-11-04")]))
    results = results_of(make_records(files))
    november = results.month("2026-11").service("greening")
    # 11 scores 75 but 10 has no folder (not complete): no notice
    assert november.score == D(75)
    assert not november.notice


def test_missing_service_file(make_records):
    files = services_tree()
    files["2026-12/services/greening.yaml"] = None
    december = results_of(make_records(files)).month("2026-12").service("greening")
    assert december.missing == ("2026-12/services/greening.yaml",)
    assert december.fee == D(48000)


# ---------------------------------------------------------------- properties (hypothesis)


DEADLINE = dt.date(2026, 11, 20)


def versioned(value: Any) -> model.Versioned[Any]:
    return model.Versioned((model.Version(None, value),))


points = st.integers(0, 8000).map(lambda n: D(n) / 100)  # 0.00 .. 80.00
public_points = st.integers(0, 2000).map(lambda n: D(n) / 100)
ratings = st.integers(0, 10000).map(lambda n: D(n) / 100)
shares = st.sampled_from(["0.5", "0.6", "0.7", "0.75", "0.33"]).map(D)


@st.composite
def records_strategy(draw: st.DrawFn) -> model.Records:
    """One month of 1..8 departments and 1..7 leaders with arbitrary marks and ratings."""
    count = draw(st.integers(1, 8))
    leaders = [f"l{n}" for n in range(draw(st.integers(1, 7)))]
    indicator_share = draw(shares)
    quota = draw(st.sampled_from([None, "0.1", "0.25", "0.3", "0.5", "1"]))
    org = model.Org(
        unit="u",
        language="en",
        people=tuple(model.Person(p, p, ("leader",)) for p in leaders),
        departments=tuple(model.Department(f"d{n}", f"d{n}", "x") for n in range(count)),
        weights=versioned(model.Weights(D(80), D(20), indicator_share, 1 - indicator_share)),
        leader_rating=versioned(model.LeaderRating(draw(st.booleans()))),
        grades=versioned(
            (
                model.Grade("a", "a", D(draw(st.integers(80, 100))), D(quota) if quota else None),
                model.Grade("b", "b", D(draw(st.integers(50, 79))), draw(st.sampled_from([None, D("0.5")]))),
                model.Grade("c", "c", D(0)),
            )
        ),
        bonus=versioned(model.BonusSettings(D(3))),
        appeals=versioned(model.AppealSettings(5)),
    )  # fmt: skip
    indicators = model.Indicators(
        public=versioned((model.PublicIndicator("p", "p", D(20)),)), boundaries=versioned(())
    )
    rules = model.BonusRules(
        (model.BonusCategory("c", "c", (model.BonusRule("innovation", "i", (D(1), D(3))),)),)
    )
    month = model.MonthRecords("2026-11", info=model.MonthInfo("published"))
    findings = []
    for n in range(count):
        d = f"d{n}"
        target = model.Target("K1", "key", "t", "s", DEADLINE, "x", D(80))
        month.targets[d] = model.TargetSheet((target,))
        month.assessments[d] = model.Assessment(
            "o", {"K1": model.Mark(draw(points))}, {"p": model.Mark(draw(public_points))}
        )
        deduction = draw(st.integers(0, 300).map(lambda v: D(v) / 100))
        if deduction:
            findings.append(model.Finding(f"F{n}", "x", department=d, deduction=deduction))
        bonus = draw(st.lists(st.integers(100, 300).map(lambda v: D(v) / 100), max_size=3))
        month.bonuses[d] = model.ClaimSheet(
            tuple(
                model.Claim(f"B{i}", "innovation", "x", "approved", p) for i, p in enumerate(bonus)
            )
        )
    month.inspections["2026-11-02-x"] = model.Inspection(DEADLINE, ("o",), "x", tuple(findings))
    for leader in leaders:
        month.ratings[leader] = model.RatingSheet(
            {f"d{n}": model.Rating(draw(ratings)) for n in range(count)}
        )
    return model.Records(
        org=org, indicators=indicators, bonus_rules=rules, months={"2026-11": month}
    )


@settings(max_examples=150, deadline=None)
@given(records_strategy())
def test_property_totals_are_recomputable(records):
    (month,) = score(records).months
    for figures in month.departments:
        w = figures.weights
        assert figures.indicator == figures.business + figures.public
        assert figures.bonus == min(figures.cap, figures.claimed) <= D(3)
        recomputed = round2(
            w.indicator * figures.indicator
            + w.leader * figures.leader
            - figures.deductions
            + figures.bonus
        )
        assert figures.total == max(D(0), recomputed)
        kept = [r.score for r in figures.ratings if not r.trimmed]
        assert figures.leader == round2(sum(kept) / len(kept))
        assert len(kept) == len(figures.ratings) - (2 if figures.trim else 0)


@settings(max_examples=150, deadline=None)
@given(records_strategy())
def test_property_ranks_and_grades_are_consistent(records):
    (month,) = score(records).months
    departments = month.departments
    n = len(departments)
    order = [g.id for g in month.grades]
    for figures in departments:
        assert figures.rank == 1 + sum(1 for o in departments if o.total > figures.total)
        grade = next(g for g in month.grades if g.id == figures.grade)
        assert grade.min <= figures.total
        for other in departments:
            if other.total == figures.total:
                assert other.grade == figures.grade
            elif other.total > figures.total:
                assert order.index(other.grade) <= order.index(figures.grade)
    for grade in month.grades:
        if grade.quota is not None:
            admitted = sum(1 for f in departments if f.grade == grade.id)
            assert admitted <= quota_limit(grade.quota, n)
