"""What office staff type wrong, as validation reports it: each mistake over the valid base
tree of ``conftest.BASE`` and the exact list of problems it gives (path, line, column,
severity, code), so that one mistake reads as one message, at the character to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import validate

M = "2026-11"
TARGETS = f"{M}/targets/admin.yaml"
ASSESS = f"{M}/assessments/admin.yaml"
RATINGS = f"{M}/ratings/chen.yaml"
MONTH = f"{M}/month.yaml"

APPEAL = (
    f"department: admin\nmonth: {M}\nsubject: {ASSESS}#R1\nfiled: 2026-12-06\n"
    "grounds: 理由\nstatus: pending\n"
)

Found = list[tuple[str, int | None, int | None, str, str]]


def targets(first: str = "", second: str = "") -> str:
    """admin's targets in block style, with lines added to each item."""
    return (
        "items:\n"
        "  - id: K1\n    kind: key\n    title: 停车场改造方案\n    standard: 方案通过\n"
        "    deadline: 2026-11-25\n    owner: zhao\n    weight: 50\n" + first + "  - id: R1\n"
        "    kind: routine\n    title: 公文流转\n    standard: 按时办结\n"
        "    deadline: 2026-11-30\n    owner: zhao\n    weight: 30\n" + second
    )


def found(root: Path) -> Found:
    return [(p.path, p.line, p.column, p.severity, p.code) for p in validate(root).problems]


CASES: list[tuple[str, dict[str, Any], Found]] = [
    (
        "full-width colon after a key",
        {TARGETS: targets().replace("    title: 停车场改造方案", "    title：停车场改造方案")},
        [(TARGETS, 4, 10, "error", "full-width-colon")],
    ),
    (
        "the rest of the file is read past a full-width colon",
        {
            TARGETS: targets()
            .replace("    title: 停车场改造方案", "    title：停车场改造方案")
            .replace("owner: zhao\n    weight: 50", "owner：赵强\n    weight: 50")
            .replace("weight: 30", "weight: ３0")
        },
        [
            (TARGETS, 4, 10, "error", "full-width-colon"),
            (TARGETS, 7, 10, "error", "full-width-colon"),
            (TARGETS, 7, 11, "error", "name-not-id"),
            (TARGETS, 15, 13, "error", "full-width-characters"),
        ],
    ),
    (
        "quotes meant to quote a colon",
        {TARGETS: targets().replace("title: 停车场改造方案", "title: “注意: 停车场改造”")},
        [(TARGETS, 4, 12, "error", "chinese-quotes")],
    ),
    (
        "full-width space after a colon",
        {MONTH: "status: published\nmeeting:\u30002026-12-03\npublished: 2026-12-05\n"},
        [(MONTH, 2, 9, "error", "full-width-space")],
    ),
    (
        "full-width brackets around a list",
        {
            MONTH: "status: published\nmeeting: 2026-12-03\noverseers: ［chen, zhao］\n"
            "published: 2026-12-05\n"
        },
        [
            (MONTH, 3, 12, "error", "expected-list"),
            (MONTH, 3, 12, "error", "full-width-bracket"),
            (MONTH, 3, 23, "error", "full-width-bracket"),
        ],
    ),
    (
        "full-width comma in a list",
        {
            MONTH: "status: published\nmeeting: 2026-12-03\noverseers: [chen，zhao]\n"
            "published: 2026-12-05\n"
        },
        [(MONTH, 3, 17, "error", "full-width-comma")],
    ),
    (
        "Chinese quotes around a text",
        {TARGETS: targets().replace("title: 停车场改造方案", "title: “停车场改造方案”")},
        [(TARGETS, 4, 12, "warning", "chinese-quotes")],
    ),
    (
        "Chinese quotes inside a text are punctuation",
        {TARGETS: targets().replace("title: 停车场改造方案", "title: 落实“两个确保”要求")},
        [],
    ),
    (
        "Chinese quotes around an id",
        {
            TARGETS: targets().replace(
                "owner: zhao\n    weight: 50", "owner: “zhao”\n    weight: 50"
            )
        },
        [(TARGETS, 7, 12, "error", "chinese-quotes")],
    ),
    (
        "a comment after a text",
        {TARGETS: targets().replace("title: 停车场改造方案", "title: 停车场改造方案 #含3号车库")},
        [(TARGETS, 4, 20, "warning", "comment-in-text")],
    ),
    (
        "a comment after numbers, dates and ids",
        {
            TARGETS: targets()
            .replace("weight: 50", "weight: 50  # 原为 45")
            .replace("deadline: 2026-11-25", "deadline: 2026-11-25 # 月底前")
            .replace("owner: zhao\n    weight: 50", "owner: zhao # 科长\n    weight: 50")
        },
        [],
    ),
    (
        "a quoted text keeps its comment a comment",
        {TARGETS: targets().replace("title: 停车场改造方案", 'title: "停车场改造方案" # 备注')},
        [],
    ),
    (
        "date with slashes",
        {TARGETS: targets().replace("deadline: 2026-11-25", "deadline: 2026/11/25")},
        [(TARGETS, 6, 15, "error", "date-format")],
    ),
    (
        "date with dots",
        {TARGETS: targets().replace("deadline: 2026-11-25", "deadline: 2026.11.25")},
        [(TARGETS, 6, 15, "error", "date-format")],
    ),
    (
        "date in Chinese",
        {TARGETS: targets().replace("deadline: 2026-11-25", "deadline: 2026年11月25日")},
        [(TARGETS, 6, 15, "error", "date-format")],
    ),
    (
        "date in full-width digits",
        {TARGETS: targets().replace("deadline: 2026-11-25", "deadline: ２０２６－１１－２５")},
        [(TARGETS, 6, 15, "error", "date-format")],
    ),
    (
        "date without leading zeros",
        {TARGETS: targets().replace("deadline: 2026-11-25", "deadline: 2026-11-5")},
        [(TARGETS, 6, 15, "error", "date-format")],
    ),
    (
        "a day that does not exist",
        {TARGETS: targets().replace("deadline: 2026-11-25", "deadline: 2026/11/31")},
        [(TARGETS, 6, 15, "error", "invalid-date")],
    ),
    (
        "month with a slash",
        {
            "2026-11/services/green.yaml": None,
            "appeals/2026-001.yaml": APPEAL.replace(f"month: {M}", "month: 2026/11"),
        },
        [("appeals/2026-001.yaml", 2, 8, "error", "month-format")],
    ),
    (
        "number in full-width digits",
        {TARGETS: targets().replace("weight: 50", "weight: ５０")},
        [(TARGETS, 8, 13, "error", "full-width-characters")],
    ),
    # libyaml's complaints, at the line of the mistake (more in test_fullwidth)
    (
        "a line without its colon",
        {RATINGS: "scores:\n  admin 92\n  security: 88\n"},
        [(RATINGS, 2, 3, "error", "yaml-expected-colon")],
    ),
    (
        "a reserved character",
        {RATINGS: "scores:\n  admin: `92`\n  security: 88\n"},
        [(RATINGS, 2, 10, "error", "yaml-bad-character")],
    ),
    (
        "a key indented less than its siblings",
        {RATINGS: "scores:\n  admin: 92\n security: 88\n"},
        [(RATINGS, 3, 2, "error", "yaml-indentation")],
    ),
    (
        "a list started after a key",
        {MONTH: "status: published\noverseers: - chen\n"},
        [(MONTH, 2, 12, "error", "yaml-unexpected-dash")],
    ),
    (
        "a backslash in double quotes",
        {TARGETS: targets().replace("title: 停车场改造方案", 'title: "见C:\\dd目录"')},
        [(TARGETS, 4, 16, "error", "yaml-bad-escape")],
    ),
    (
        "a tag never closed",
        {RATINGS: "scores: !<x\n"},
        [(RATINGS, 1, 12, "error", "yaml-syntax")],
    ),
    # ids typed as names: the id meant is suggested (messages: test_messages)
    (
        "owner typed as a name",
        {TARGETS: targets().replace("owner: zhao\n    weight: 50", "owner: 赵强\n    weight: 50")},
        [(TARGETS, 7, 12, "error", "name-not-id")],
    ),
    (
        "ratings key typed as a name",
        {RATINGS: "scores:\n  行政科: 92\n  security: 88\n"},
        [(RATINGS, 2, 3, "error", "name-not-id")],
    ),
    (
        "public indicator typed as part of its name",
        {
            ASSESS: "assessor: wang\nitems: {K1: {score: 50}, R1: {score: 28, reason: 延期2天}}\n"
            "public: {politics: {score: 10}, 纪律: {score: 10}}\n"
        },
        [(ASSESS, 3, 33, "error", "name-not-id")],
    ),
    (
        "a name that matches nobody",
        {
            TARGETS: targets().replace(
                "owner: zhao\n    weight: 50", "owner: 张三丰\n    weight: 50"
            )
        },
        [(TARGETS, 7, 12, "error", "bad-id")],
    ),
    # the weights are judged even while an item has another error
    (
        "weights summed around an unreadable owner",
        {TARGETS: targets().replace("owner: zhao\n    weight: 50", "owner: 赵强\n    weight: 60")},
        [(TARGETS, 2, 3, "error", "weights-sum"), (TARGETS, 7, 12, "error", "name-not-id")],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_typing_mistakes(
    make_records: Callable[..., Path], files: dict[str, Any], expected: Found
) -> None:
    assert found(make_records(files)) == expected
