"""Property tests of damaged input: random harm to valid records never crashes a command.

Hypothesis starts from the valid base tree of ``conftest.BASE`` and applies one to three
random mutations (delete a key or a file, change a value's type, insert a random or
YAML-special string, duplicate a line, truncate a file, swap two files, or a harmless
change of a score or a text). The library runs in-process, as every command does:
validation never raises; a tree without errors always scores, and its JSON re-parses;
nothing is ever written to ``records/``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from conftest import BASE, EXAMPLE, engine_of, write_tree
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from scoring import exports
from scoring.cli import cli
from scoring.problems import ERROR

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Strings a YAML file or a record reader may trip over.
SPECIAL = [
    "no", "on", "Yes", "~", "null", "012", "0x1f", "1:30", ".inf", ".nan", "1e3", "2026-02-30",
    "2026-13", "<<", "*a", "&a", "!!python/object:os.system", "!x", "? ", "- ", ": ", "#", "'",
    '"', "{", "}", "[", "]", "|", ">", "%YAML 1.2", "---", "...", "\t", "\r\n", "\x00", "\x1b[2J",
    "\ufeff", "\u2028", "\u202e", "\\x01", "\\e", "9" * 5000, "1" * 40, "-0", "+5", "0.125",
    "../../etc/passwd", "/etc/passwd", "行政科", "🙂", "\U0010ffff",
]  # fmt: skip

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
# The base tree and one record of each kind it lacks, so that every rule has work to do.
EXTRA: dict[str, Any] = {
    "2026-11/inspections/2026-11-12-courtyard.yaml": {
        "date": "2026-11-12",
        "inspectors": ["wang", "li"],
        "location": "机关大院",
        "findings": [
            {
                "id": "F1",
                "kind": "clutter",
                "description": "单车棚堆放杂物",
                "target": "K1",
                "evidence": ["shed.png"],
                "rectify_by": "2026-11-19",
                "rectified_on": "2026-11-18",
            },
            {
                "id": "F2",
                "department": "security",
                "description": "消防通道堆放",
                "deduction": 0.5,
                "in_indicators": False,
                "evidence": ["shed.png"],
            },
        ],
    },
    "2026-11/evidence/shed.png": PNG,
    "2026-11/bonuses/admin.yaml": {
        "claims": [
            {
                "id": "B1",
                "rule": "adoption-city",
                "description": "信息被采用",
                "evidence": ["shed.png"],
                "decision": "approved",
            },
            {
                "id": "B2",
                "rule": "innovation",
                "points": 2,
                "description": "创新",
                "decision": "rejected",
                "reason": "不符合",
            },
        ]
    },
    "services/green.yaml": {
        "name": "机关大院绿化养护",
        "provider": "绿景园林公司",
        "category": "greening",
        "department": "admin",
        "from": "2026-01",
        "to": "2026-12",
        "monthly_fee": 48000,
        "checklist": [
            {"id": "lawn", "name": "草坪", "max": 60},
            {"id": "litter", "name": "垃圾", "max": 40},
        ],
        "payment": [{"min": 95, "share": 1}, {"min": 0, "share": 0.9}],
        "notice": {"below": 80, "months": 2},
    },
    "2026-11/services/green.yaml": {
        "assessor": "wang",
        "assessed": "2026-11-30",
        "checks": [
            {
                "id": "S1",
                "level": "office",
                "date": "2026-11-04",
                "by": ["wang", "li"],
                "item": "lawn",
                "description": "草坪未修剪",
                "points": 2,
                "evidence": ["shed.png"],
            },
            {
                "id": "S2",
                "level": "provider",
                "date": "2026-11-05",
                "item": "litter",
                "description": "自查",
                "points": 1,
                "rectify_by": "2026-11-07",
                "rectified_on": "2026-11-09",
            },
        ],
    },
    "appeals/2026-001.yaml": {
        "department": "admin",
        "month": "2026-11",
        "subject": "2026-11/inspections/2026-11-12-courtyard.yaml#F1",
        "filed": "2026-12-06",
        "grounds": "不属本科室",
        "status": "rejected",
        "decision": "维持",
        "decided": "2026-12-08",
    },
}
VALID = {**copy.deepcopy(BASE), **EXTRA}

TEXT = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=12))
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    TEXT,
    st.lists(st.integers(-5, 200), max_size=3),
    st.dictionaries(st.sampled_from(["id", "score", "x", ""]), st.integers(0, 100), max_size=2),
)


def locations(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path inside a loaded YAML value (mappings and lists), outermost first."""
    found: list[tuple[Any, ...]] = []
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in children:
        found.append((*prefix, key))
        found.extend(locations(child, (*prefix, key)))
    return found


def parent_of(data: Any, where: tuple[Any, ...]) -> Any:
    for key in where[:-1]:
        data = data[key]
    return data


def dumped(tree: dict[str, Any]) -> dict[str, str]:
    return {
        path: yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
        for path, value in tree.items()
    }


@st.composite
def damaged_trees(draw: st.DrawFn) -> dict[str, str | bytes | None]:
    """The base tree as file texts, after one to three random mutations."""
    data = copy.deepcopy(VALID)
    paths = sorted(data)
    structural = draw(st.lists(st.sampled_from(["delete", "retype", "harmless"]), max_size=2))
    for kind in structural:
        path = draw(st.sampled_from(paths))
        spots = locations(data[path])
        if not spots:
            continue
        where = draw(st.sampled_from(spots))
        parent = parent_of(data[path], where)
        if kind == "delete":
            del parent[where[-1]]
        elif kind == "retype":
            parent[where[-1]] = draw(VALUES)
        elif isinstance(parent[where[-1]], (int, float)) and not isinstance(
            parent[where[-1]], bool
        ):
            parent[where[-1]] = float(draw(st.decimals(0, 100, places=2)))
        elif isinstance(parent[where[-1]], str) and where[-1] in (
            "name",
            "reason",
            "title",
            "unit",
        ):
            parent[where[-1]] = draw(st.text(min_size=1, max_size=20).filter(str.strip))
    files = dumped(data)
    textual = draw(
        st.lists(st.sampled_from(["insert", "duplicate", "truncate", "swap", "remove"]), max_size=2)
    )
    for kind in textual:
        path = draw(st.sampled_from(paths))
        text = files[path]
        if not isinstance(text, str):
            continue
        if kind == "insert":
            at = draw(st.integers(0, len(text)))
            files[path] = text[:at] + draw(TEXT) + text[at:]
        elif kind == "duplicate":
            lines = text.splitlines(keepends=True)
            at = draw(st.integers(0, len(lines) - 1))
            files[path] = "".join(lines[: at + 1] + lines[at:])
        elif kind == "truncate":
            encoded = text.encode("utf-8")
            files[path] = encoded[: draw(st.integers(0, len(encoded)))]
        elif kind == "swap":
            other = draw(st.sampled_from(paths))
            files[path], files[other] = files[other], files[path]
        else:
            files[path] = None
    return files


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Each file's content hash and modification time (ns): any write shows."""
    return {
        str(path.relative_to(root)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def in_records_tree(files: dict[str, str | bytes | None], check: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory) / "records"
        write_tree(root, files)
        check(root)


@SETTINGS
@given(damaged_trees())
def test_damage_never_crashes_and_clean_trees_score(files: dict[str, str | bytes | None]) -> None:
    def check(root: Path) -> None:
        before = snapshot(root)
        engine = engine_of(root)
        validation = engine.evaluation()
        for problem in validation.problems:
            problem.message("zh")
            problem.message("en")
        event("validates" if validation.errors == 0 else "refused")
        if validation.errors == 0:
            results = engine.figures()
            data = json.loads(exports.to_json(results))
            assert [m["month"] for m in data["months"]] == list(validation.months)
            for table in exports.TABLES:
                exports.to_csv(results, table)
            exports.to_table(results)
        assert snapshot(root) == before

    in_records_tree(files, check)


@settings(max_examples=15, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(str.strip), st.decimals(0, 100, places=2))
def test_any_text_and_score_survive_every_export(name: str, rating: Any) -> None:
    """Whatever a valid record's text holds, JSON, CSV, XLSX and the table are written."""
    tree = copy.deepcopy(BASE)
    tree["org.yaml"]["departments"][0]["name"] = name
    tree["2026-11/ratings/chen.yaml"]["scores"]["admin"] = float(rating)

    def check(root: Path) -> None:
        engine = engine_of(root)
        validation = engine.evaluation()
        if validation.errors:  # the name held what records may not: reported where it is
            assert any(
                p.path == "org.yaml" and p.code in ("control-character", "empty-text")
                for p in validation.problems
                if p.severity == ERROR
            ), validation.problems
            return
        results = engine.figures()
        assert json.loads(exports.to_json(results))["months"][0]["departments"][0]["name"] == name
        exports.to_xlsx(results)
        exports.to_csv(results)
        exports.to_table(results)

    in_records_tree(dumped(tree), check)


def test_commands_never_write_to_records(tmp_path: Path) -> None:
    """Every command that is not meant to write leaves the example records byte for byte."""
    root = tmp_path / "records"
    write_tree(root, {})
    for path in sorted(EXAMPLE.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(EXAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(root)
    latest = sorted(p.name for p in root.iterdir() if p.name[:1].isdigit())[-1]
    department = yaml.safe_load((root / "org.yaml").read_text(encoding="utf-8"))["departments"][0][
        "id"
    ]
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["validate"],
        ["validate", "--format", "json"],
        ["validate", "--format", "github", "--strict"],
        ["score"],
        ["score", "--format", "json"],
        ["score", "--format", "csv", "--table", "years"],
        ["score", "--format", "xlsx", "--output", str(out / "results.xlsx")],
        ["explain", department, latest],
        ["seal", latest],
        ["rotation", latest[:4]],
        ["schema", "--output", str(out / "schemas")],
    ]
    runner = CliRunner()
    for command in commands:
        result = runner.invoke(cli, [*command[:1], "--records", str(root), *command[1:]])
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert result.exit_code in (0, 1), (command, result.output[-2000:])
        assert snapshot(root) == before, command
    assert (out / "results.xlsx").stat().st_size > 0
