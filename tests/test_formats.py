"""The declared formats agree with the model and with the JSON Schemas given to editors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from scoring.formats import KINDS, kind_of
from scoring.jsonschemas import schema_text
from scoring.records import list_files
from scoring.schema import Either, ListOf, MapOf, Obj, VersionedOf

REPO = Path(__file__).resolve().parent.parent


def objects(kind: Any) -> list[Obj]:
    found: list[Obj] = []
    if isinstance(kind, Obj):
        found.append(kind)
        for field in kind.fields.values():
            found += objects(field.type)
    elif isinstance(kind, (ListOf, VersionedOf)):
        found += objects(kind.item if isinstance(kind, ListOf) else kind.value)
    elif isinstance(kind, MapOf):
        found += objects(kind.value)
    elif isinstance(kind, Either):
        found += objects(kind.mapping)
    return found


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_optional_fields_have_model_defaults(kind: str) -> None:
    for obj in objects(KINDS[kind]):
        if not dataclasses.is_dataclass(obj.build):
            continue
        defaults = {
            f.name
            for f in dataclasses.fields(obj.build)
            if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        }
        for name, spec in obj.fields.items():
            if not spec.required:
                assert (spec.attribute or name) in defaults, (obj.build.__name__, name)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schemas_are_current(kind: str) -> None:
    path = REPO / "schemas" / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        "run `kaoping schema --output schemas`"
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def test_example_records_satisfy_the_json_schemas() -> None:
    root = REPO / "records"
    checked = 0
    for path in list_files(root):
        found = kind_of(path)
        if found is None or found[0] == "evidence":
            continue
        schema = json.loads(
            (REPO / "schemas" / f"{found[0]}.schema.json").read_text(encoding="utf-8")
        )
        data = _plain(yaml.safe_load((root / path).read_text(encoding="utf-8")))
        jsonschema.validate(data, schema)
        checked += 1
    assert checked > 300


def test_schemas_with_the_organisations_ids(tmp_path: Path) -> None:
    """``kaoping schema --records``: ids listed with names, and the example still satisfies them."""
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "schema", "--records", str(REPO / "records")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    schemas = json.loads(result.stdout)
    owner = schemas["targets"]["properties"]["items"]["items"]["properties"]["owner"]
    org = yaml.safe_load((REPO / "records/org.yaml").read_text(encoding="utf-8"))
    assert owner["enum"] == [person["id"] for person in org["people"]]
    assert owner["markdownEnumDescriptions"] == [person["name"] for person in org["people"]]
    scores = schemas["ratings"]["properties"]["scores"]["properties"]
    assert {key: value["description"] for key, value in scores.items()} == {
        dept["id"]: dept["name"] for dept in org["departments"]
    }
    public = schemas["assessments"]["properties"]["public"]["properties"]
    assert sorted(public) == ["discipline", "politics", "reporting", "study"]
    rule = schemas["bonuses"]["properties"]["claims"]["items"]["properties"]["rule"]
    assert "error-free-3" in rule["enum"]
    root = REPO / "records"
    for path in list_files(root):
        found = kind_of(path)
        if found is not None and found[0] != "evidence":
            data = _plain(yaml.safe_load((root / path).read_text(encoding="utf-8")))
            jsonschema.validate(data, schemas[found[0]])
    missing = subprocess.run(
        [sys.executable, "-m", "scoring", "schema", "--records", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 2 and f"no org.yaml in {tmp_path}" in missing.stderr
