"""JSON Schemas of every record kind, generated from the formats the reader uses.

Editors (VS Code with the YAML extension, through ``.vscode/settings.json``) use them
to complete and check records while they are typed.
"""

from __future__ import annotations

import json
from typing import Any

from scoring.formats import KINDS

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


def all_schemas() -> dict[str, dict[str, Any]]:
    return {kind: schema_for(kind) for kind in KINDS}


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
