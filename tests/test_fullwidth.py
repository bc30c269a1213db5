"""Full-width punctuation typed by a Chinese input method, and libyaml's complaints, in
our codes: the exact problems of a file (code, line, column), never one line below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.loading import load_bytes

REPO = Path(__file__).resolve().parent.parent

Expected = list[tuple[str, int | None, int | None]]


def problems(text: str) -> Expected:
    document = load_bytes("t.yaml", text.encode("utf-8"))
    return [(p.code, p.line, p.column) for p in document.problems]


MISTAKES: list[tuple[str, str, Expected]] = [
    # a full-width colon after a key: libyaml would complain about the next line
    (
        "colon in a list item",
        "items:\n  - id: K1\n    title：防冻保养\n    kind: key\n",
        [("full-width-colon", 3, 10)],
    ),
    ("colon, file parses as text", "title：防冻保养\n", [("full-width-colon", 1, 6)]),
    ("colon on a later key", "status: open\nmeeting：2026-12-03\n", [("full-width-colon", 2, 8)]),
    ("colon in a flow mapping", "items: {K1：{score: 5}}\n", [("full-width-colon", 1, 11)]),
    ("name typed as a key", "scores:\n  办公室：90\n  admin: 92\n", [("full-width-colon", 2, 6)]),
    # full-width spaces
    (
        "space after a colon",
        "items:\n  - id:\u3000K1\n    kind: key\n",
        [("full-width-space", 2, 8)],
    ),
    ("space after a colon, parses", "status:\u3000open\n", [("full-width-space", 1, 8)]),
    (
        "space in indentation",
        "items:\n  - id: K1\n\u3000\u3000kind: key\n",
        [("full-width-space", 3, 1)],
    ),
    ("space after a dash", "items:\n  -\u3000id: K1\n", [("full-width-space", 2, 4)]),
    ("space in a flow list", "overseers: [chen,\u3000zhao]\n", [("full-width-space", 1, 18)]),
    # full-width brackets and commas
    (
        "brackets around a list",
        "overseers: ［chen, zhao］\nstatus: open\n",
        [("full-width-bracket", 1, 12), ("full-width-bracket", 1, 23)],
    ),
    (
        "closing bracket only",
        "overseers: [chen, zhao］\nstatus: open\n",
        [("full-width-bracket", 1, 23)],
    ),
    (
        "braces around a mapping",
        "items: ｛K1: 5｝\n",
        [("full-width-bracket", 1, 8), ("full-width-bracket", 1, 14)],
    ),
    (
        "comma in a flow list",
        "overseers: [chen，zhao]\nstatus: open\n",
        [("full-width-comma", 1, 17)],
    ),
    ("comma between keys", "a: {id: K1，kind: key}\n", [("full-width-comma", 1, 11)]),
    # Chinese quotes that were meant to quote (libyaml refused the file)
    ("quotes around a colon", "title: “注意: 防冻”\n", [("chinese-quotes", 1, 8)]),
]

PLAIN_TEXT: list[tuple[str, str]] = [
    ("colon and comma inside a text", "title: 注意：防冻，今冬落实“两个确保”\n"),
    ("quoted values", "title: \"K1：完成\"\nstandard: '甲，乙'\n"),
    ("block scalar", "description: |\n  K1：完成\n  \u3000\u3000第二段\n"),
    ("comment lines", "# 说明：这是注释，不是值\ntitle: 甲\n"),
    ("comment after a value", "title: 甲  # 注释：全角冒号\n"),
    (
        "comma in a flow mapping's text",
        "items:\n  - {id: K1, title: 派车单填写完整，全月无事故, kind: key}\n",
    ),
    ("bracket opening a text", "title: ［2026］12号文件落实\n"),
    ("evidence list", "evidence: [东侧.jpg]\n"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MISTAKES], ids=[c[0] for c in MISTAKES]
)
def test_full_width_mistakes_are_located(text: str, expected: Expected) -> None:
    assert problems(text) == expected


@pytest.mark.parametrize("text", [c[1] for c in PLAIN_TEXT], ids=[c[0] for c in PLAIN_TEXT])
def test_full_width_punctuation_in_text_is_left_alone(text: str) -> None:
    assert problems(text) == []


def test_the_example_records_have_no_full_width_mistakes() -> None:
    for path in sorted((REPO / "records").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert problems(text) == [], path


SYNTAX: list[tuple[str, str, Expected]] = [
    # the line lacking its colon, not the line after it
    ("missing colon", "items:\n- a\nb\n", [("yaml-expected-colon", 3, 1)]),
    (
        "missing colon, read on into the next key",
        "a: 1\nb 2\nc: 3\n",
        [("yaml-expected-colon", 2, 1)],
    ),
    ("colon and space in a text", "title: 停车场: 改造\n", [("yaml-unexpected-colon", 1, 11)]),
    ("key indented too far", "a:\n  b: 1\n   c: 2\n", [("yaml-unexpected-colon", 3, 5)]),
    ("reserved character", "b: `x`\n", [("yaml-bad-character", 1, 4)]),
    ("indentation", "a:\n  b: 1\n c: 2\n", [("yaml-indentation", 3, 2)]),
    ("dash after a key", "a: - b\n", [("yaml-unexpected-dash", 1, 4)]),
    # the bracket left open, not where libyaml gave up
    ("unclosed bracket", "a: [x, y\nb: 1\n", [("yaml-unclosed-bracket", 1, 4)]),
    ("unclosed brace", "a: {x: 1\nb: 1\n", [("yaml-unclosed-bracket", 1, 4)]),
    ("bracket with a stray colon", "a: [x: 1: 2]\n", [("yaml-unclosed-bracket", 1, 9)]),
    ("unclosed quote", 'a: "abc\nb: 1\n', [("yaml-unclosed-quote", 1, 4)]),
    ("bad escape", 'a: "C:\\data"\n', [("yaml-bad-escape", 1, 7)]),
    ("second document", "a: 1\n---\nb: 2\n", [("yaml-several-documents", 2, 1)]),
    ("anything else", "a: !<x\n", [("yaml-syntax", 1, 7)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX])
def test_syntax_errors_have_codes_and_point_at_the_mistake(text: str, expected: Expected) -> None:
    assert problems(text) == expected


def test_a_full_width_mistake_elsewhere_keeps_the_syntax_error() -> None:
    """A full-width character far from where libyaml stopped does not explain it."""
    text = "a: [chen，zhao]\nb: 2\nc: 3\nd: [x\ne: 1\n"
    assert problems(text) == [("full-width-comma", 1, 9), ("yaml-unclosed-bracket", 4, 4)]
