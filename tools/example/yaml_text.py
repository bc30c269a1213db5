"""YAML written as text, the way people write records: block style for lists of
records, flow style for small mappings, plain scalars where YAML reads them back
unchanged (Chinese unescaped), JSON-style quotes only where a plain scalar would not.

Every function returns text; ``None`` values are left out of mappings, so a record's
optional fields are simply absent.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import yaml

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")  # characters that may not start a plain scalar


def _plain_allowed(text: str, flow: bool) -> bool:
    """Whether ``text`` can be written unquoted (inside a flow collection when ``flow``)."""
    if not text or text != text.strip() or "\n" in text:
        return False
    if text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    try:
        if yaml.safe_load(f"k: {text}") != {"k": text}:
            return False
        if flow and yaml.safe_load(f"{{k: {text}}}") != {"k": text}:
            return False
    except yaml.YAMLError:
        return False
    return True


def number(value: object) -> str:
    """A number of points with at most two decimals, written as people would."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    assert amount == amount.quantize(Decimal("0.01")), f"more than two decimals: {value}"
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")


def scalar(value: object, flow: bool = False) -> str:
    """One scalar: a boolean, a number, a date or a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal, float)):
        return number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if _plain_allowed(value, flow):
            return value
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(value)


def flow_sequence(items: list) -> str:
    return "[" + ", ".join(_flow_item(item) for item in items) + "]"


def _flow_item(item: object) -> str:
    return flow_mapping(item) if isinstance(item, dict) else scalar(item, True)


def flow_mapping(mapping: dict) -> str:
    parts = []
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, list):
            parts.append(f"{key}: {flow_sequence(value)}")
        elif isinstance(value, dict):
            parts.append(f"{key}: {flow_mapping(value)}")
        else:
            parts.append(f"{key}: {scalar(value, True)}")
    return "{" + ", ".join(parts) + "}"


def block_entry(mapping: dict, indent: int = 2) -> list[str]:
    """A mapping as a block-style list entry: ``- key: value``, then aligned keys."""
    lines = []
    pad = " " * indent
    first = True
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, list):
            text = flow_sequence(value)
        elif isinstance(value, dict):
            text = flow_mapping(value)
        else:
            text = scalar(value)
        prefix = pad + ("- " if first else "  ")
        lines.append(f"{prefix}{key}: {text}")
        first = False
    return lines
