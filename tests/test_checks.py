"""Every validation rule: a failing record, the code it gives and where it points.

Each case overlays a few files on the valid base tree of ``conftest.BASE`` (raw YAML
where the position matters) and expects one problem: path, line, column, code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE, validate

M = "2026-11"
TARGETS_ADMIN = f"{M}/targets/admin.yaml"
ASSESS_ADMIN = f"{M}/assessments/admin.yaml"
INSPECTION = f"{M}/inspections/2026-11-12-courtyard.yaml"


def inspection(finding: str, date: str = "2026-11-12", team: str = "[wang, li]") -> str:
    return (
        f"date: {date}\ninspectors: {team}\nlocation: 机关大院\nfindings:\n"
        f"  - id: F1\n    description: 单车棚堆放杂物\n{finding}"
    )


def targets(weight_k1: str = "50", extra: str = "") -> str:
    return (
        "items:\n"
        "  - {id: K1, kind: key, title: 停车场改造, standard: 方案通过, deadline: 2026-11-25,"
        f" owner: zhao, weight: {weight_k1}}}\n"
        "  - {id: R1, kind: routine, title: 公文流转, standard: 按时办结, deadline: 2026-11-30,"
        " owner: zhao, weight: 30}\n" + extra
    )


APPEAL_PENDING = (
    f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}#R1\nfiled: 2026-12-06\n"
    "grounds: 理由\nstatus: pending\n"
)
APPEAL_REJECTED = APPEAL_PENDING.replace(
    "status: pending\n", "status: rejected\ndecision: 维持\ndecided: 2026-12-08\n"
)
APPEAL_REVIEW = APPEAL_PENDING.replace("filed: 2026-12-06", "filed: 2026-12-10") + (
    "review_of: 2026-001\n"
)


CASES: list[tuple[str, dict[str, Any], tuple[str, int | None, int | None, str]]] = [
    # --- values and keys
    (
        "unknown key",
        {TARGETS_ADMIN: targets().replace("owner: zhao, weight: 50", "owner: zhao, wieght: 50")},
        [
            ("2026-11/targets/admin.yaml", 2, 5, "missing-key"),
            ("2026-11/targets/admin.yaml", 2, 90, "unknown-key"),
        ],
    ),
    (
        "missing key",
        {f"{M}/ratings/chen.yaml": "score:\n  admin: 92\n"},
        [
            ("2026-11/ratings/chen.yaml", 1, 1, "missing-key"),
            ("2026-11/ratings/chen.yaml", 1, 1, "unknown-key"),
        ],
    ),
    (
        "unquoted no as id",
        {
            f"{M}/month.yaml": "status: published\nmeeting: 2026-12-03\noverseers: [chen, no]\npublished: 2026-12-05\n"
        },
        (f"{M}/month.yaml", 3, 19, "yaml-surprise"),
    ),
    (
        "octal-looking number",
        {f"{M}/ratings/chen.yaml": "scores:\n  admin: 012\n  security: 88\n"},
        (f"{M}/ratings/chen.yaml", 2, 10, "yaml-surprise"),
    ),
    (
        "impossible date",
        {f"{M}/month.yaml": "status: published\nmeeting: 2026-02-30\npublished: 2026-12-05\n"},
        (f"{M}/month.yaml", 2, 10, "invalid-date"),
    ),
    (
        "wrong top-level type",
        {f"{M}/ratings/chen.yaml": "- admin\n"},
        (f"{M}/ratings/chen.yaml", 1, 1, "expected-mapping"),
    ),
    (
        "three decimals",
        {f"{M}/ratings/chen.yaml": "scores:\n  admin: 92.125\n  security: 88\n"},
        (f"{M}/ratings/chen.yaml", 2, 10, "too-many-decimals"),
    ),
    (
        "rating above 100",
        {f"{M}/ratings/chen.yaml": "scores:\n  admin: 101\n  security: 88\n"},
        (f"{M}/ratings/chen.yaml", 2, 10, "out-of-range"),
    ),
    (
        "bad enum",
        {TARGETS_ADMIN: targets().replace("kind: key", "kind: kye")},
        (TARGETS_ADMIN, 2, 20, "bad-choice"),
    ),
    ("unexpected file", {f"{M}/notes.txt": "x"}, (f"{M}/notes.txt", None, None, "unexpected-file")),
    (
        "bad file name",
        {f"{M}/targets/Admin.yaml": targets()},
        (f"{M}/targets/Admin.yaml", None, None, "bad-file-name"),
    ),
    # --- organisation
    ("org weights", {"org.yaml": None}, ("org.yaml", None, None, "missing-file")),
    # --- targets
    (
        "target weights above",
        {TARGETS_ADMIN: targets("60")},
        [
            ("2026-11/assessments/admin.yaml", 4, 12, "reason-required"),
            ("2026-11/targets/admin.yaml", 2, 3, "weights-sum"),
        ],
    ),
    (
        "target weights below once assessing",
        {
            TARGETS_ADMIN: targets("40"),
            ASSESS_ADMIN: "assessor: wang\nitems: {K1: {score: 40}, R1: {score: 30}}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n",
        },
        (TARGETS_ADMIN, 2, 3, "weights-sum"),
    ),
    (
        "unknown owner",
        {TARGETS_ADMIN: targets().replace("owner: zhao, weight: 50", "owner: nobody, weight: 50")},
        (TARGETS_ADMIN, 2, 84, "unknown-person"),
    ),
    (
        "duplicate item",
        {
            TARGETS_ADMIN: targets(
                "25",
                "  - {id: K1, kind: key, title: 又一个, standard: 方案, deadline: 2026-11-25, owner: zhao, weight: 25}\n",
            )
        },
        [
            ("2026-11/assessments/admin.yaml", 4, 12, "score-above-weight"),
            ("2026-11/targets/admin.yaml", 4, 10, "duplicate-id"),
        ],
    ),
    (
        "targets of unknown department",
        {f"{M}/targets/garden.yaml": targets()},
        (f"{M}/targets/garden.yaml", None, None, "unknown-department"),
    ),
    (
        "department key disagrees",
        {TARGETS_ADMIN: "department: security\n" + targets()},
        (TARGETS_ADMIN, 1, 13, "key-mismatch"),
    ),
    # --- assessments
    (
        "score above weight",
        {
            ASSESS_ADMIN: "assessor: wang\nitems:\n  K1: {score: 51}\n  R1: {score: 30}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n"
        },
        (ASSESS_ADMIN, 3, 15, "score-above-weight"),
    ),
    (
        "reason missing",
        {
            ASSESS_ADMIN: "assessor: wang\nitems:\n  K1: {score: 49}\n  R1: {score: 30}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n"
        },
        (ASSESS_ADMIN, 3, 15, "reason-required"),
    ),
    (
        "item not scored",
        {
            ASSESS_ADMIN: "assessor: wang\nitems:\n  K1: {score: 50}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n"
        },
        (ASSESS_ADMIN, 3, 3, "unscored-item"),
    ),
    (
        "indicator not scored",
        {
            ASSESS_ADMIN: "assessor: wang\nitems: {K1: {score: 50}, R1: {score: 30}}\npublic: {politics: {score: 10}}\n"
        },
        (ASSESS_ADMIN, 3, 9, "unscored-indicator"),
    ),
    (
        "unknown item scored",
        {
            ASSESS_ADMIN: "assessor: wang\nitems: {K1: {score: 50}, R1: {score: 30}, K9: {score: 1}}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n"
        },
        (ASSESS_ADMIN, 2, 47, "unknown-item"),
    ),
    (
        "assessor not office",
        {
            ASSESS_ADMIN: "assessor: zhao\nitems: {K1: {score: 50}, R1: {score: 30}}\npublic: {politics: {score: 10}, discipline: {score: 10}}\n"
        },
        (ASSESS_ADMIN, 1, 11, "bad-assessor"),
    ),
    # --- inspections
    (
        "inspection date differs from file name",
        {INSPECTION: inspection("    department: admin\n", date="2026-11-13")},
        (INSPECTION, 1, 7, "inspection-date"),
    ),
    (
        "inspection outside month",
        {INSPECTION: inspection("    department: admin\n", date="2026-10-12")},
        (INSPECTION, 1, 7, "date-outside-month"),
    ),
    (
        "one inspector only",
        {INSPECTION: inspection("    department: admin\n", team="[li]")},
        (INSPECTION, 2, 13, "inspector-count"),
    ),
    (
        "no inspector role",
        {INSPECTION: inspection("    department: admin\n", team="[wang, zhao]")},
        (INSPECTION, 2, 13, "bad-inspector"),
    ),
    ("unrouted finding", {INSPECTION: inspection("")}, (INSPECTION, 5, 5, "unrouted-finding")),
    (
        "route conflict",
        {INSPECTION: inspection("    kind: clutter\n    department: security\n")},
        (INSPECTION, 8, 17, "route-conflict"),
    ),
    (
        "unknown kind",
        {INSPECTION: inspection("    kind: graffiti\n    department: admin\n")},
        (INSPECTION, 7, 11, "unknown-kind"),
    ),
    (
        "target and deduction",
        {
            INSPECTION: inspection(
                "    kind: clutter\n    target: K1\n    deduction: 1\n    evidence: []\n"
            )
        },
        [
            ("2026-11/inspections/2026-11-12-courtyard.yaml", 9, 16, "deduction-without-evidence"),
            ("2026-11/inspections/2026-11-12-courtyard.yaml", 9, 16, "target-and-deduction"),
        ],
    ),
    (
        "unknown target",
        {INSPECTION: inspection("    kind: clutter\n    target: K7\n")},
        (INSPECTION, 8, 13, "unknown-target"),
    ),
    (
        "outside the indicators without deduction",
        {INSPECTION: inspection("    kind: clutter\n    in_indicators: false\n")},
        (INSPECTION, 8, 20, "outside-needs-deduction"),
    ),
    (
        "missing evidence",
        {
            INSPECTION: inspection(
                "    kind: clutter\n    deduction: 0.5\n    evidence: [shed.jpg]\n"
            )
        },
        (INSPECTION, 9, 15, "missing-evidence"),
    ),
    (
        "evidence escapes",
        {
            INSPECTION: inspection(
                "    kind: clutter\n    deduction: 0.5\n    evidence: [../../org.yaml]\n"
            )
        },
        (INSPECTION, 9, 15, "evidence-path"),
    ),
    (
        "absolute evidence",
        {
            INSPECTION: inspection(
                "    kind: clutter\n    deduction: 0.5\n    evidence: [/etc/passwd]\n"
            )
        },
        (INSPECTION, 9, 15, "evidence-path"),
    ),
    # --- ratings
    (
        "rating by a non-leader",
        {f"{M}/ratings/wang.yaml": "scores: {admin: 90, security: 90}\n"},
        (f"{M}/ratings/wang.yaml", None, None, "not-a-leader"),
    ),
    (
        "department not rated",
        {f"{M}/ratings/chen.yaml": "scores:\n  admin: 92\n"},
        (f"{M}/ratings/chen.yaml", 2, 3, "unrated-department"),
    ),
    (
        "rating of unknown department",
        {f"{M}/ratings/chen.yaml": "scores:\n  admin: 92\n  security: 88\n  garden: 70\n"},
        (f"{M}/ratings/chen.yaml", 4, 11, "unknown-department"),
    ),
    (
        "absent leader rated",
        {
            f"{M}/month.yaml": "status: published\nmeeting: 2026-12-03\nabsent: [liu]\npublished: 2026-12-05\n"
        },
        (f"{M}/ratings/liu.yaml", None, None, "absent-but-rated"),
    ),
    (
        "non-leader absent",
        {
            f"{M}/month.yaml": "status: published\nmeeting: 2026-12-03\nabsent: [zhao]\npublished: 2026-12-05\n"
        },
        (f"{M}/month.yaml", 3, 9, "absent-not-leader"),
    ),
    (
        "every leader absent",
        {
            f"{M}/month.yaml": "status: published\nmeeting: 2026-12-03\nabsent: [chen, liu]\npublished: 2026-12-05\n",
            f"{M}/ratings/chen.yaml": None,
            f"{M}/ratings/liu.yaml": None,
        },
        (f"{M}/month.yaml", 3, 9, "all-absent"),
    ),
    # --- months and completeness
    (
        "published without date",
        {f"{M}/month.yaml": "status: published\nmeeting: 2026-12-03\n"},
        (f"{M}/month.yaml", 1, 9, "published-date"),
    ),
    (
        "closed without date",
        {f"{M}/month.yaml": "status: closed\nmeeting: 2026-12-03\npublished: 2026-12-05\n"},
        [
            ("2026-11/month.yaml", 1, 9, "closed-date"),
            ("2026-11/seal.yaml", None, None, "seal-missing"),
        ],
    ),
    (
        "overseer not leader or head",
        {
            f"{M}/month.yaml": "status: published\nmeeting: 2026-12-03\noverseers: [wang]\npublished: 2026-12-05\n"
        },
        (f"{M}/month.yaml", 3, 12, "bad-overseer"),
    ),
    (
        "incomplete after publication",
        {f"{M}/ratings/liu.yaml": None},
        (f"{M}/ratings/liu.yaml", None, None, "missing-record"),
    ),
    (
        "missing assessment after publication",
        {ASSESS_ADMIN: None},
        (ASSESS_ADMIN, None, None, "missing-record"),
    ),
    (
        "month folder without month.yaml",
        {"2026-10/targets/admin.yaml": targets()},
        ("2026-10/month.yaml", None, None, "missing-file"),
    ),
    # --- deadlines
    (
        "deadline copied from last month",
        {TARGETS_ADMIN: targets().replace("deadline: 2026-11-25", "deadline: 2026-10-25")},
        (TARGETS_ADMIN, 2, 65, "deadline-outside-month"),
    ),
    (
        "deadline two months on",
        {TARGETS_ADMIN: targets().replace("deadline: 2026-11-25", "deadline: 2027-01-08")},
        (TARGETS_ADMIN, 2, 65, "deadline-outside-month"),
    ),
    # --- claims judged when filed
    (
        "pending error-free claim without the clean months before",
        {
            f"{M}/month.yaml": "status: open\n",
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: error-free-3, description: 无差错, decision: pending}\n",
        },
        (f"{M}/bonuses/admin.yaml", 2, 62, "claim-cannot-be-valid"),
    ),
    (
        "pending claim with points outside the range",
        {
            f"{M}/month.yaml": "status: open\n",
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: innovation, points: 5, description: 创新, decision: pending}\n",
        },
        (f"{M}/bonuses/admin.yaml", 2, 70, "claim-cannot-be-valid"),
    ),
    # --- bonuses
    (
        "unknown bonus rule",
        {
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: adoption-cty, description: 信息采用, decision: approved}\n"
        },
        (f"{M}/bonuses/admin.yaml", 2, 20, "unknown-rule"),
    ),
    (
        "ranged claim without points",
        {
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: innovation, description: 创新, decision: approved}\n"
        },
        (f"{M}/bonuses/admin.yaml", 2, 5, "claim-points-missing"),
    ),
    (
        "fixed claim with other points",
        {
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: adoption-city, points: 1, description: 采用, decision: approved}\n"
        },
        (f"{M}/bonuses/admin.yaml", 2, 43, "claim-points-differ"),
    ),
    (
        "rejected without reason",
        {
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: adoption-city, description: 采用, decision: rejected}\n"
        },
        (f"{M}/bonuses/admin.yaml", 2, 62, "reason-required-rejected"),
    ),
    (
        "pending after publication",
        {
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: adoption-city, description: 采用, decision: pending}\n"
        },
        (f"{M}/bonuses/admin.yaml", 2, 62, "pending-claim"),
    ),
    (
        "error-free streak not clean",
        {
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: error-free-3, description: 连续无差错, decision: approved}\n"
        },
        (f"{M}/bonuses/admin.yaml", 2, 5, "invalid-claim"),
    ),
    (
        "ranged points out of range",
        {
            f"{M}/bonuses/security.yaml": "claims:\n  - {id: B1, rule: innovation, points: 5, description: 创新, decision: approved}\n"
        },
        (f"{M}/bonuses/security.yaml", 2, 5, "invalid-claim"),
    ),
    # --- appeals
    (
        "appeal out of time",
        {
            "appeals/2026-001.yaml": f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}#R1\nfiled: 2026-12-11\ngrounds: 延期原因是外部审批\nstatus: pending\n"
        },
        ("appeals/2026-001.yaml", 4, 8, "appeal-out-of-time"),
    ),
    (
        "appeal before publication",
        {
            "appeals/2026-001.yaml": f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}#R1\nfiled: 2026-12-04\ngrounds: 延期原因是外部审批\nstatus: pending\n"
        },
        ("appeals/2026-001.yaml", 4, 8, "appeal-out-of-time"),
    ),
    (
        "appeal about unknown item",
        {
            "appeals/2026-001.yaml": f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}#K9\nfiled: 2026-12-06\ngrounds: 理由\nstatus: pending\n"
        },
        ("appeals/2026-001.yaml", 3, 10, "unknown-subject-item"),
    ),
    (
        "appeal about missing file",
        {
            "appeals/2026-001.yaml": f"department: admin\nmonth: {M}\nsubject: {M}/inspections/nothing.yaml\nfiled: 2026-12-06\ngrounds: 理由\nstatus: pending\n"
        },
        ("appeals/2026-001.yaml", 3, 10, "unknown-subject"),
    ),
    (
        "decided appeal without date",
        {
            "appeals/2026-001.yaml": f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}\nfiled: 2026-12-06\ngrounds: 理由\nstatus: rejected\ndecision: 维持\n"
        },
        ("appeals/2026-001.yaml", 6, 9, "decided-required"),
    ),
    (
        "appeal with both parties",
        {
            "appeals/2026-001.yaml": f"department: admin\ncontract: guard\nmonth: {M}\nsubject: {ASSESS_ADMIN}\nfiled: 2026-12-06\ngrounds: 理由\nstatus: pending\n"
        },
        ("appeals/2026-001.yaml", 1, 1, "appeal-party"),
    ),
    (
        "review of no appeal",
        {
            "appeals/2026-001.yaml": f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}#R1\nfiled: 2026-12-06\ngrounds: 理由\nstatus: pending\nreview_of: 2026-009\n"
        },
        ("appeals/2026-001.yaml", 7, 12, "review-unknown"),
    ),
    (
        "review of a pending appeal",
        {
            "appeals/2026-001.yaml": APPEAL_PENDING,
            "appeals/2026-002.yaml": APPEAL_PENDING + "review_of: 2026-001\n",
        },
        ("appeals/2026-002.yaml", 7, 12, "review-undecided"),
    ),
    (
        "review of another subject",
        {
            "appeals/2026-001.yaml": APPEAL_REJECTED,
            "appeals/2026-002.yaml": APPEAL_REVIEW.replace("#R1", "#K1"),
        },
        ("appeals/2026-002.yaml", 3, 10, "review-differs"),
    ),
    (
        "review out of time",
        {
            "appeals/2026-001.yaml": APPEAL_REJECTED,
            "appeals/2026-002.yaml": APPEAL_REVIEW.replace(
                "filed: 2026-12-10", "filed: 2026-12-16"
            ),
        },
        ("appeals/2026-002.yaml", 4, 8, "review-out-of-time"),
    ),
    (
        "appeal file year",
        {
            "appeals/2025-001.yaml": f"department: admin\nmonth: {M}\nsubject: {ASSESS_ADMIN}\nfiled: 2026-12-06\ngrounds: 理由\nstatus: pending\n"
        },
        ("appeals/2025-001.yaml", 4, 8, "appeal-year"),
    ),
]


# Near misses of the cases above that are no problem at all.
SILENT_CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "deadline early next month",
        {TARGETS_ADMIN: targets().replace("deadline: 2026-11-25", "deadline: 2026-12-08")},
    ),
    (
        "pending claim that may still be approved",
        {
            f"{M}/month.yaml": "status: open\n",
            f"{M}/bonuses/admin.yaml": "claims:\n  - {id: B1, rule: innovation, points: 2, description: 创新, decision: pending}\n",
        },
    ),
]


def found(root: Path) -> list[tuple[str, int | None, int | None, str]]:
    validation = validate(root)
    return [(p.path, p.line, p.column, p.code) for p in validation.problems]


def test_base_tree_is_valid(make_records: Callable[..., Path]) -> None:
    assert found(make_records()) == []


@pytest.mark.parametrize("files", [c[1] for c in SILENT_CASES], ids=[c[0] for c in SILENT_CASES])
def test_near_misses_are_no_problem(
    make_records: Callable[..., Path], files: dict[str, Any]
) -> None:
    assert found(make_records(files)) == []


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(make_records: Callable[..., Path], files: dict[str, Any], expected: tuple) -> None:
    problems = found(make_records(files))
    assert problems == (expected if isinstance(expected, list) else [expected]), problems


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://github.com@evil.example/example/performance", "repository-userinfo"),
        ("https://github.com:443@evil.example/x", "repository-userinfo"),
        ("https://user:secret@github.com/example/performance", "repository-userinfo"),
        ("https://github.com\\@evil.example/x", "repository-url"),  # a browser reads \\ as /
        ("https://github.com%40evil.example/x", "repository-url"),
        ("https:/\\evil.example/x", "repository-url"),
        ("https:///evil.example/x", "repository-url"),
        ("//evil.example/x", "repository-url"),
        ("javascript:alert(1)//https://github.com/x", "repository-url"),
        ("data:text/html,<script>alert(1)</script>", "repository-url"),
        ("ftp://github.com/example/performance", "repository-url"),
        ("HTTPS://github.com/example/performance", "repository-url"),
        ("https://github.com/example/per formance", "repository-url"),
        (" https://github.com/example/performance", "repository-url"),
        ("https://github.com/example/performance?x=1", "repository-url"),
        ("https://github.com/example/performance#x", "repository-url"),
        ("https://github.com/example/../../evil.example", "repository-url"),
        ('https://github.com/example/"onmouseover="alert(1)', "repository-url"),
        ("https://gіthub.com/example/performance", "repository-url"),  # Cyrillic і
    ],
)
def test_repository_url_tricks_are_refused(
    make_records: Callable[..., Path], url: str, code: str
) -> None:
    root = make_records({"org.yaml": {**BASE["org.yaml"], "repository": url}})
    assert found(root) == [("org.yaml", 61, 13, code)]


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/example/performance",
        "https://github.com/example/performance.git",
        "https://github.com/example/performance/",
        "http://git.example.org:8080/team/sub-group/records_2026",
        "https://github.com/example/.github",
    ],
)
def test_repository_url_plain_addresses_pass(make_records: Callable[..., Path], url: str) -> None:
    assert found(make_records({"org.yaml": {**BASE["org.yaml"], "repository": url}})) == []


JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("shed.jpg", b"<html>not a photo</html>", "evidence-content"),
        ("shed.png", JPEG, "evidence-content"),
        ("shed.exe", b"MZ\x90\x00", "evidence-type"),
        ("notes", b"x", "evidence-type"),
    ],
)
def test_evidence_content(
    make_records: Callable[..., Path], name: str, content: bytes, code: str
) -> None:
    root = make_records({f"{M}/evidence/{name}": content})
    assert found(root) == [(f"{M}/evidence/{name}", None, None, code)]


def test_evidence_too_large(make_records: Callable[..., Path]) -> None:
    root = make_records({f"{M}/evidence/big.jpg": JPEG})
    with (root / M / "evidence/big.jpg").open("r+b") as handle:
        handle.truncate(6 * 1024 * 1024)
    assert found(root) == [(f"{M}/evidence/big.jpg", None, None, "evidence-too-large")]


def test_evidence_symlink_outside(make_records: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(JPEG)
    root = make_records(
        {
            INSPECTION: inspection(
                "    kind: clutter\n    deduction: 0.5\n    evidence: [link.jpg]\n"
            )
        }
    )
    (root / M / "evidence").mkdir(parents=True, exist_ok=True)
    (root / M / "evidence/link.jpg").symlink_to(secret)
    assert found(root) == [
        (f"{M}/evidence/link.jpg", None, None, "evidence-outside"),
        (INSPECTION, 9, 15, "evidence-outside"),
    ]


def test_record_symlink_is_refused(make_records: Callable[..., Path], tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("scores: {admin: 90, security: 90}\n")
    root = make_records({f"{M}/ratings/liu.yaml": None})
    (root / M / "ratings/liu.yaml").symlink_to(outside)
    assert found(root) == [(f"{M}/ratings/liu.yaml", None, None, "symlink-record")]


CONTRACT = (
    "name: 机关大院绿化养护\nprovider: 绿景园林公司\ncategory: greening\ndepartment: admin\n"
    "from: 2026-01\nto: 2026-12\nmonthly_fee: 48000\n"
    "checklist:\n  - {id: lawn, name: 草坪, max: 60}\n  - {id: litter, name: 垃圾, max: 40}\n"
    "payment:\n  - {min: 95, share: 1}\n  - {min: 0, share: 0.9}\n"
)
SERVICE_MONTH = "assessor: wang\nassessed: 2026-11-30\nchecks:\n"


def service_check(body: str) -> str:
    return SERVICE_MONTH + "  - id: S1\n" + body


SERVICE_CASES: list[tuple[str, dict[str, Any], tuple[str, int | None, int | None, str]]] = [
    (
        "checklist sum",
        {"services/green.yaml": CONTRACT.replace("max: 40", "max: 30")},
        [
            ("2026-11/services/green.yaml", None, None, "missing-record"),
            ("services/green.yaml", 9, 3, "checklist-sum"),
        ],
    ),
    (
        "bands without min 0",
        {"services/green.yaml": CONTRACT.replace("{min: 0, share: 0.9}", "{min: 60, share: 0.9}")},
        [
            ("2026-11/services/green.yaml", None, None, "missing-record"),
            ("services/green.yaml", 13, 11, "payment-bands-lowest"),
        ],
    ),
    (
        "share rises",
        {
            "services/green.yaml": CONTRACT.replace(
                "{min: 0, share: 0.9}", "{min: 0, share: 1}"
            ).replace("{min: 95, share: 1}", "{min: 95, share: 0.95}")
        },
        [
            ("2026-11/services/green.yaml", None, None, "missing-record"),
            ("services/green.yaml", 13, 21, "payment-share-rises"),
        ],
    ),
    (
        "contract id clashes",
        {"services/admin.yaml": CONTRACT},
        [
            ("2026-11/services/admin.yaml", None, None, "missing-record"),
            ("services/admin.yaml", None, None, "contract-id-clash"),
        ],
    ),
    (
        "checks file for unknown contract",
        {f"{M}/services/green.yaml": SERVICE_MONTH + "  []\n"},
        (f"{M}/services/green.yaml", None, None, "unknown-contract"),
    ),
    (
        "unknown checklist item",
        {
            "services/green.yaml": CONTRACT,
            f"{M}/services/green.yaml": service_check(
                "    level: office\n    date: 2026-11-04\n    by: [wang, li]\n    item: trees\n    description: 树木未修剪\n    points: 2\n    evidence: []\n"
            ),
        },
        [
            ("2026-11/services/green.yaml", 8, 11, "unknown-checklist-item"),
            ("2026-11/services/green.yaml", 10, 13, "points-without-evidence"),
        ],
    ),
    (
        "points above item max",
        {
            "services/green.yaml": CONTRACT,
            f"{M}/services/green.yaml": service_check(
                "    level: office\n    date: 2026-11-04\n    by: [wang, li]\n    item: litter\n    description: 垃圾\n    points: 41\n"
            ),
        },
        [
            ("2026-11/services/green.yaml", 10, 13, "points-above-max"),
            ("2026-11/services/green.yaml", 10, 13, "points-without-evidence"),
        ],
    ),
    (
        "provider check without rectify_by",
        {
            "services/green.yaml": CONTRACT,
            f"{M}/services/green.yaml": service_check(
                "    level: provider\n    date: 2026-11-04\n    item: lawn\n    description: 自查草坪\n    points: 1\n"
            ),
        },
        (f"{M}/services/green.yaml", 4, 5, "rectify-by-required"),
    ),
    (
        "department check without by",
        {
            "services/green.yaml": CONTRACT,
            f"{M}/services/green.yaml": service_check(
                "    level: department\n    date: 2026-11-04\n    item: lawn\n    description: 草坪\n    points: 1\n    evidence: []\n"
            ),
        },
        [
            ("2026-11/services/green.yaml", 4, 5, "check-by-required"),
            ("2026-11/services/green.yaml", 9, 13, "points-without-evidence"),
        ],
    ),
    (
        "office check by heads only",
        {
            "services/green.yaml": CONTRACT,
            f"{M}/services/green.yaml": service_check(
                "    level: office\n    date: 2026-11-04\n    by: [zhao]\n    item: lawn\n    description: 草坪\n    points: 1\n    evidence: []\n"
            ),
        },
        [
            ("2026-11/services/green.yaml", 7, 9, "check-by-office"),
            ("2026-11/services/green.yaml", 10, 13, "points-without-evidence"),
        ],
    ),
    (
        "check outside the month",
        {
            "services/green.yaml": CONTRACT,
            f"{M}/services/green.yaml": service_check(
                "    level: office\n    date: 2026-10-04\n    by: [wang]\n    item: lawn\n    description: 草坪\n    points: 1\n    evidence: []\n"
            ),
        },
        [
            ("2026-11/services/green.yaml", 6, 11, "date-outside-month"),
            ("2026-11/services/green.yaml", 10, 13, "points-without-evidence"),
        ],
    ),
    (
        "published month without the contract's checks",
        {"services/green.yaml": CONTRACT},
        (f"{M}/services/green.yaml", None, None, "missing-record"),
    ),
    (
        "checks not assessed after publication",
        {"services/green.yaml": CONTRACT, f"{M}/services/green.yaml": "checks: []\n"},
        (f"{M}/services/green.yaml", 1, 1, "not-assessed"),
    ),
    (
        "month outside the contract",
        {
            "services/green.yaml": CONTRACT.replace("to: 2026-12", "to: 2026-10"),
            f"{M}/services/green.yaml": SERVICE_MONTH + "  []\n",
        },
        (f"{M}/services/green.yaml", None, None, "outside-contract"),
    ),
    # organisation rules
    (
        "repository not http",
        {"org.yaml": {**BASE["org.yaml"], "repository": "javascript:alert(1)"}},
        ("org.yaml", 61, 13, "repository-url"),
    ),
    ("org weights", {"org.yaml": None}, ("org.yaml", None, None, "missing-file")),
    (
        "public maxima",
        {"indicators.yaml": "public:\n  - {id: politics, name: 政治学习, max: 10}\n"},
        [
            ("2026-11/assessments/admin.yaml", 12, 5, "unknown-indicator"),
            ("2026-11/assessments/security.yaml", 9, 5, "unknown-indicator"),
            ("indicators.yaml", 2, 3, "public-sum"),
        ],
    ),
    (
        "boundary to unknown department",
        {
            "indicators.yaml": "public:\n  - {id: politics, name: 政治学习, max: 10}\n  - {id: discipline, name: 作风纪律, max: 10}\n"
            "boundaries:\n  - {kind: clutter, name: 杂物, department: garden}\n"
        },
        ("indicators.yaml", 5, 43, "unknown-department"),
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [c[1:] for c in SERVICE_CASES], ids=[c[0] for c in SERVICE_CASES]
)
def test_service_and_organisation_rules(
    make_records: Callable[..., Path], files: dict[str, Any], expected: tuple
) -> None:
    problems = found(make_records(files))
    assert problems == (expected if isinstance(expected, list) else [expected]), problems


# ---------------------------------------------------------------- dated staff and rewards (§3, §11)

ORG_PEOPLE = """\
unit: 测试局
language: zh
people:
  - {id: chen, name: 陈明, roles: [leader]}
  - {id: liu, name: 刘建华, roles: [leader]}
  - {id: wang, name: 王芳, roles: [office, inspector]}
  - {id: li, name: 李娜, roles: [inspector]}
  - {id: zhao, name: 赵强, roles: [head]}
  - {id: qian, name: 钱伟, roles: [head]}
  - {id: sun, name: 孙丽, roles: [head], from: 2026-09}
  - {id: zhou, name: 周敏, roles: []}
"""
ORG_RULES = """\
weights: {business: 80, public: 20, indicator: 0.7, leader: 0.3}
leader_rating: {trim: false}
grades:
  - {id: excellent, name: 优秀, min: 95, quota: 0.5}
  - {id: good, name: 良好, min: 85}
  - {id: pass, name: 合格, min: 70}
  - {id: fail, name: 不合格, min: 0}
bonus: {cap_per_month: 3}
appeals: {window_days: 5}
"""
ADMIN_DATED = """\
departments:
  - id: admin
    name: 行政科
    head:
      - {from: 2026-01, value: zhao}
      - {from: 2026-11, value: qian}
    members: [zhou, {id: sun, from: 2026-09}]
  - {id: security, name: 保卫处, head: qian}
"""
COEFFICIENTS = "{excellent: 1.2, good: 1, pass: 0.8, fail: 0}"
REWARDS = f"rewards:\n  base: 6000\n  coefficients: {COEFFICIENTS}\n"


def org_text(departments: str = ADMIN_DATED, rules: str = ORG_RULES, extra: str = "") -> str:
    return ORG_PEOPLE + departments + rules + extra


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


ORG_TEXTS: list[tuple[str, str, str, str]] = [
    # name, org.yaml, the text the problem points at, code
    (
        "head version not a person",
        org_text(ADMIN_DATED.replace("value: qian}", "value: ghost}")),
        "ghost",
        "unknown-person",
    ),
    (
        "head before the person exists",
        org_text(
            ADMIN_DATED.replace("{from: 2026-11, value: qian}", "{from: 2026-07, value: sun}")
        ),
        "sun}",
        "head-absent",
    ),
    (
        "head versions out of order",
        org_text(ADMIN_DATED.replace("from: 2026-11", "from: 2025-11")),
        "{from: 2025-11",
        "versions-order",
    ),
    (
        "head without the role",
        org_text(ADMIN_DATED.replace("value: qian}", "value: zhou}")),
        "zhou}",
        "head-without-role",
    ),
    (
        "member not a person",
        org_text(ADMIN_DATED.replace("{id: sun, from: 2026-09}", "{id: ghost, from: 2026-09}")),
        "ghost",
        "unknown-person",
    ),
    (
        "member period backwards",
        org_text(
            ADMIN_DATED.replace("{id: sun, from: 2026-09}", "{id: sun, from: 2026-09, to: 2026-03}")
        ),
        "2026-03}",
        "bad-period",
    ),
    (
        "member listed twice alike",
        org_text(ADMIN_DATED.replace("members: [zhou,", "members: [zhou, zhou,")),
        "zhou, {",
        "duplicate-item",
    ),
    (
        "member with an unknown key",
        org_text(ADMIN_DATED.replace("{id: sun, from: 2026-09}", "{id: sun, since: 2026-09}")),
        "since",
        "unknown-key",
    ),
    (
        "rewards coefficient missing",
        org_text(extra=REWARDS.replace(", fail: 0", "")),
        "{excellent: 1.2",
        "rewards-coefficient-missing",
    ),
    (
        "rewards grade unknown",
        org_text(extra=REWARDS.replace("fail: 0", "fail: 0, superb: 2")),
        "2}",
        "rewards-grade-unknown",
    ),
    (
        "rewards coefficient negative",
        org_text(extra=REWARDS.replace("fail: 0", "fail: -0.5")),
        "-0.5",
        "out-of-range",
    ),
    (
        "rewards coefficient with three decimals",
        org_text(extra=REWARDS.replace("good: 1,", "good: 1.125,")),
        "1.125",
        "too-many-decimals",
    ),
    (
        "rewards base with three decimals",
        org_text(extra=REWARDS.replace("base: 6000", "base: 6000.001")),
        "6000.001",
        "too-many-decimals",
    ),
    (
        "rewards base negative",
        org_text(extra=REWARDS.replace("base: 6000", "base: -1")),
        "-1\n",
        "out-of-range",
    ),
    (
        "rewards versions out of order",
        org_text(
            extra="rewards:\n"
            f"  - {{from: 2026-07, value: {{base: 6000, coefficients: {COEFFICIENTS}}}}}\n"
            f"  - {{from: 2026-01, value: {{base: 6600, coefficients: {COEFFICIENTS}}}}}\n"
        ),
        "{from: 2026-01, value: {base: 6600",
        "versions-order",
    ),
    (
        "rewards version meets a later grade table",
        org_text(
            rules=ORG_RULES.split("grades:")[0] + "grades:\n  - from: 2026-01\n    value:\n"
            "      - {id: excellent, name: 优秀, min: 95, quota: 0.5}\n"
            "      - {id: good, name: 良好, min: 85}\n"
            "      - {id: pass, name: 合格, min: 70}\n"
            "      - {id: fail, name: 不合格, min: 0}\n"
            "  - from: 2027-01\n    value:\n"
            "      - {id: good, name: 良好, min: 85}\n"
            "      - {id: fair, name: 基本合格, min: 60}\n"
            "      - {id: fail, name: 不合格, min: 0}\n"
            "bonus:" + ORG_RULES.split("bonus:")[1],
            extra=REWARDS,
        ),
        "{excellent: 1.2",
        "rewards-coefficient-missing",
    ),
    (
        "publish_rewards not a boolean",
        org_text(extra=REWARDS + "publish_rewards: sometimes\n"),
        "sometimes",
        "expected-boolean",
    ),
]


def test_dated_staff_and_rewards_are_valid(make_records: Callable[..., Path]) -> None:
    text = org_text(
        extra="rewards:\n"
        f"  - {{from: 2026-01, value: {{base: 6000, coefficients: {COEFFICIENTS}}}}}\n"
        f"  - {{from: 2027-01, value: {{base: 6600, coefficients: {COEFFICIENTS}}}}}\n"
        "publish_rewards: true\n"
    )
    assert found(make_records({"org.yaml": text})) == []


# As CASES: (name, files, (path, line, column, code)), the position found from the text.
ORG_CASES = [
    (name, {"org.yaml": text}, ("org.yaml", *at(text, needle), code))
    for name, text, needle, code in ORG_TEXTS
]
# A value that cannot be read leaves its grade without a coefficient as well.
ORG_EXACT: dict[str, list[tuple[str, int | None, int | None, str]]] = {
    "rewards coefficient negative": [
        ("org.yaml", 31, 17, "rewards-coefficient-missing"),
        ("org.yaml", 31, 60, "out-of-range"),
    ],
    "rewards coefficient with three decimals": [
        ("org.yaml", 31, 17, "rewards-coefficient-missing"),
        ("org.yaml", 31, 40, "too-many-decimals"),
    ],
}


@pytest.mark.parametrize(("name", "files", "expected"), ORG_CASES, ids=[c[0] for c in ORG_CASES])
def test_staff_and_rewards_rules(
    make_records: Callable[..., Path], name: str, files: dict[str, Any], expected: tuple
) -> None:
    """The case's problems, exactly: its own, or the whole list ``ORG_EXACT`` states."""
    assert found(make_records(files)) == ORG_EXACT.get(name, [expected])
