"""JSON Schemas of every record kind, generated from the formats the reader uses.

Editors (VS Code with the YAML extension, through ``.vscode/settings.json``) use them
to complete and check records while they are typed.
"""

from __future__ import annotations

import json
from typing import Any

from scoring import model
from scoring.formats import KINDS
from scoring.schema import REFERS_PREFIX

Ids = dict[str, list[tuple[str, str]]]  # what ids name ("people", ...) -> (id, name) pairs

# Which files each schema applies to, as globs relative to the repository root.
GLOBS: dict[str, str] = {
    "org": "records/org.yaml",
    "indicators": "records/indicators.yaml",
    "bonus-rules": "records/bonus-rules.yaml",
    "routine": "records/routine/*.yaml",
    "month": "records/*/month.yaml",
    "targets": "records/*/targets/*.yaml",
    "assessments": "records/*/assessments/*.yaml",
    "inspections": "records/*/inspections/*.yaml",
    "ratings": "records/*/ratings/*.yaml",
    "bonuses": "records/*/bonuses/*.yaml",
    "appeals": "records/appeals/*.yaml",
    "contract": "records/services/*.yaml",
    "services": "records/*/services/*.yaml",
    "seal": "records/*/seal.yaml",
}


def schema_for(kind: str) -> dict[str, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"kaoping:{kind}",
        **KINDS[kind].json_schema(),
    }
    schema.setdefault("title", kind)
    return schema


def all_schemas(ids: Ids | None = None) -> dict[str, dict[str, Any]]:
    """Every kind's schema; with ``ids``, the organisation's own ids listed for completion."""
    schemas = {kind: schema_for(kind) for kind in KINDS}
    return {kind: with_ids(schema, ids) for kind, schema in schemas.items()} if ids else schemas


def organisation_ids(records: model.Records) -> Ids:
    """The people, departments, public indicators and bonus rules the records define."""
    ids: Ids = {"people": [], "departments": [], "public": [], "bonus-rules": []}
    if records.org:
        ids["people"] = [(person.id, person.name) for person in records.org.people]
        ids["departments"] = [(dept.id, dept.name) for dept in records.org.departments]
    if records.indicators:
        seen: dict[str, str] = {}
        for version in records.indicators.public.versions:
            seen.update((indicator.id, indicator.name) for indicator in version.value)
        ids["public"] = sorted(seen.items())
    if records.bonus_rules:
        ids["bonus-rules"] = [
            (rule.id, rule.name)
            for category in records.bonus_rules.categories
            for rule in category.rules
        ]
    return ids


def _refers(schema: dict[str, Any]) -> str | None:
    comment = schema.get("$comment")
    if isinstance(comment, str) and comment.startswith(REFERS_PREFIX):
        return comment[len(REFERS_PREFIX) :]
    return None


def with_ids(schema: Any, ids: Ids) -> Any:
    """``schema`` with every id that names something of the organisation listed: values as
    an ``enum`` (with the names as descriptions), mapping keys as ``properties``."""
    if isinstance(schema, list):
        return [with_ids(item, ids) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: with_ids(value, ids) for key, value in schema.items()}
    known = ids.get(_refers(result) or "")
    if known:
        result["enum"] = [identifier for identifier, _ in known]
        result["markdownEnumDescriptions"] = [name for _, name in known]
    names = result.get("propertyNames")
    keys = ids.get(_refers(names) or "") if isinstance(names, dict) else None
    if keys:
        value = result.get("additionalProperties", {})
        result["properties"] = {
            identifier: {**value, "description": name} for identifier, name in keys
        }
    return result


def schema_text(kind: str, schema: dict[str, Any] | None = None) -> str:
    """A kind's schema file (``schema``: one of ``all_schemas``, by default the plain one)."""
    value = schema if schema is not None else schema_for(kind)
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def vscode_settings(folder: str = "schemas") -> dict[str, Any]:
    return {
        "yaml.schemas": {f"./{folder}/{kind}.schema.json": glob for kind, glob in GLOBS.items()},
        "yaml.customTags": [],
        "yaml.validate": True,
        "yaml.completion": True,
        "files.eol": "\n",
        "files.encoding": "utf8",
        "editor.insertSpaces": True,
    }
