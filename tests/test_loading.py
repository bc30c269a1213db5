"""The loader: positions kept, and every kind of non-plain YAML a located error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from scoring.loading import MAX_FILE_BYTES, MAX_VALUES, BadDate, Mapping, Surprise, load_bytes


def codes(data: bytes) -> list[tuple[str, int | None, int | None]]:
    document = load_bytes("x.yaml", data)
    return [(p.code, p.line, p.column) for p in document.problems]


def test_positions_of_values() -> None:
    document = load_bytes("x.yaml", b"a: 1\nb:\n  - x\n  - {c: 2.5}\nd: 2026-02-28\n")
    value = document.value
    assert isinstance(value, Mapping)
    assert value["a"] == 1
    assert (value.at("a").line, value.at("a").column) == (1, 4)
    assert value["b"].item_pos[1].line == 4
    assert value["b"][1]["c"] == Decimal("2.5")
    assert value["d"] == dt.date(2026, 2, 28)
    assert document.problems == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: 1\na: 2\n", [("duplicate-key", 2, 1)]),
        (b"a: &x 1\nb: *x\n", [("yaml-anchor", 1, 4), ("yaml-alias", 2, 4)]),
        (b"a: !!str 1\n", [("yaml-tag", 1, 4)]),
        (b"a:\n\t- 1\n", [("tab", 2, 1)]),
        (b"a: \xff\n", [("not-utf8", 1, 4)]),
        (b"\xef\xbb\xbfa: 1\n", [("byte-order-mark", 1, 1)]),
        (b"a: 1\r\nb: 2\r\n", [("crlf", 1, 5)]),
        (b"", [("empty-file", None, None)]),
        (b"# only a comment\n", [("empty-file", None, None)]),
        (b"a: [1, 2\n", [("yaml-unclosed-bracket", 1, 4)]),
        (b"a: 1\n---\nb: 2\n", [("yaml-several-documents", 2, 1)]),
        (b"<<: {a: 1}\n", [("yaml-merge", 1, 1)]),
        (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", [("too-deep", 1, 28)]),
        (b"? " * 100_000 + b"x\n", [("too-deep", 1, 51)]),  # crashed libyaml's composer
        (b"a: 1\x00\n", [("control-character", 1, 5)]),
        (b"a: \xe2\x80\xa8x\n", [("control-character", 1, 4)]),  # U+2028
        (b'a: "x\\e[2J"\n', [("control-character", 1, 4)]),
        (b"a: 1\n~: 2\n", [("key-not-text", 2, 1)]),
        (b"[a]: 1\n", [("key-not-text", 1, 1)]),
    ],
)
def test_structural_problems_are_located(data: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert codes(data) == expected


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 "lol"']
    for level in range(1, 30):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    document = load_bytes("bomb.yaml", "\n".join(lines).encode())
    assert document.value is None
    assert {p.code for p in document.problems} == {"yaml-anchor", "yaml-alias"}


def test_too_many_values_are_refused_where_the_limit_is_crossed() -> None:
    document = load_bytes("x.yaml", b"a: [" + b"1," * MAX_VALUES + b"1]\n")
    assert document.value is None
    # the mapping, its key and the list are three values: item 49,997 is the 50,001st
    assert codes(b"a: [" + b"1," * MAX_VALUES + b"1]\n") == [
        ("too-many-values", 1, 5 + 2 * (MAX_VALUES - 3))
    ]


def test_numbers_beyond_any_conversion_limit_stay_exact() -> None:
    value = load_bytes("x.yaml", b"a: " + b"9" * 5000 + b"\n").value
    assert value["a"] == Decimal("9" * 5000)


def test_oversized_file_is_refused_before_parsing() -> None:
    document = load_bytes("big.yaml", b"a: " + b"x" * MAX_FILE_BYTES)
    assert [p.code for p in document.problems] == ["file-too-large"]


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("no", "boolean"),
        ("on", "boolean"),
        ("Yes", "boolean"),
        ("012", "octal or prefixed number"),
        ("0x1f", "octal or prefixed number"),
        ("1:30", "sexagesimal number"),
        (".inf", "float"),
        ("1.0e+3", "float"),
    ],
)
def test_yaml_11_surprises_are_kept_as_written(text: str, meaning: str) -> None:
    value = load_bytes("x.yaml", f"a: {text}\n".encode()).value["a"]
    assert value == Surprise(text, meaning)


def test_impossible_date_is_marked() -> None:
    assert load_bytes("x.yaml", b"a: 2026-02-30\n").value["a"] == BadDate("2026-02-30")


def test_quoted_scalars_stay_text() -> None:
    value = load_bytes("x.yaml", b"a: 'no'\nb: \"012\"\nc: '2026-02-30'\n").value
    assert (value["a"], value["b"], value["c"]) == ("no", "012", "2026-02-30")


def _shape(value: object) -> object:
    """A value with every position spelled out, to compare the two loading paths."""
    if isinstance(value, Mapping):
        return (
            "map", value.pos,
            [(k, value.key_pos[k], value.value_pos[k], _shape(v)) for k, v in value.items()],
        )  # fmt: skip
    if isinstance(value, list):
        return ("seq", value.pos, value.item_pos, [_shape(v) for v in value])  # type: ignore[attr-defined]
    return (type(value).__name__, value)


def _both_paths(text: str) -> tuple[object, object]:
    from scoring import loading

    results = []
    for fast in (True, False):
        original = loading._plain_and_shallow
        loading._plain_and_shallow = lambda _text, fast=fast: fast  # type: ignore[assignment]
        try:
            document = load_bytes("x.yaml", text.encode())
        finally:
            loading._plain_and_shallow = original
        results.append(
            (_shape(document.value), [(p.code, p.line, p.column) for p in document.problems])
        )
    return results[0], results[1]


def test_fast_and_event_paths_agree_on_the_example() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "records"
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 300
    for path in files:
        fast, events = _both_paths(path.read_text(encoding="utf-8"))
        assert fast == events, path


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n", "a: no\nb: 012\nc: 2026-02-30\n", "<<: {a: 1}\n", "~: 1\n",
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 30)) + "    x: 1\n",
        "a: [" + "[" * 30 + "]" * 30 + "]\n", "k: {b: [1, {c: d}], e: 'f'}\n", "- - - - x\n",
        "a: \"\\e[2J\"\n", "a: |\n  text\n  more\n",
        "? [a]\n: 1\nb: 2\n", "null: 1\nb: 2\n", "'': 1\n", "a: {<<: {b: 1}, c: 2}\n",
        "1: x\ntrue: y\nno: z\n", "a: 1\nb:\n  a: 1\n  a: {x: 1}\n  c: [1]\n",
        "[a, b]: {c: 1}\nd: 2\n", "a: 标题\nb: '标题'\nc: 1标题\nd: -\ne: ~\n",
    ],
)  # fmt: skip
def test_fast_and_event_paths_agree(text: str) -> None:
    fast, events = _both_paths(text)
    assert fast == events


_FIRST_CHARACTERS = sorted(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


@given(
    st.one_of(
        st.text(max_size=12),
        st.builds("".join, st.lists(st.sampled_from([*_FIRST_CHARACTERS, "标", "x", ":", " "]))),
    ),
    st.sampled_from([(True, False), (False, True), (False, False)]),
)
def test_the_loader_resolves_tags_as_pyyaml_does(text: str, implicit: tuple[bool, bool]) -> None:
    """The loader's shortcut for plain text no resolver looks at gives PyYAML's own tags."""
    from scoring import loading

    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, implicit)
    assert loading._resolve(text, implicit) == expected
    composer = loading._Composer("")
    try:
        assert composer.resolve(yaml.ScalarNode, text, implicit) == expected
        for kind in (yaml.SequenceNode, yaml.MappingNode):
            assert composer.resolve(kind, None, True) == yaml.resolver.Resolver().resolve(
                kind, None, True
            )
    finally:
        composer.dispose()
