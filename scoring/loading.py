"""Loading: YAML bytes to plain values that remember where they stood.

Records are plain data. The loader composes nodes with libyaml (``CSafeLoader``), which
keeps every line and column, and turns them into ``Mapping``/``Sequence``/scalars. A
container remembers the position of each of its children, so later stages can point at
the exact line of a value. Anything that is not plain data is reported as a problem
and never raises: anchors, aliases, tags, duplicate keys, tabs, byte-order marks,
CRLF line ends, bytes that are not UTF-8, files over the size limit, nesting deeper
than any record needs, and YAML 1.1 scalars whose meaning differs from how they look
(``no``, ``on``, ``012``, ``1:30``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from scoring.problems import Pos, Problem, error

MAX_FILE_BYTES = 1_048_576  # a record file above this is refused before parsing
MAX_DEPTH = 24  # no record nests deeper than a handful of levels
_CHEAP_NESTING_BOUND = 2_000  # above this many openers, measure the depth before composing

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a dependency, but fail soft
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
_PLAIN_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


@dataclass(frozen=True)
class Surprise:
    """A plain scalar that YAML 1.1 reads as something other than it looks (``no``, ``012``)."""

    text: str
    meaning: str  # "boolean", "octal number", "sexagesimal number", "float", ...

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class BadDate:
    """A plain scalar shaped like a date that names no real day (2026-02-30)."""

    text: str

    def __str__(self) -> str:
        return self.text


class Mapping(dict[str, Any]):
    """A YAML mapping; ``key_pos`` and ``value_pos`` locate each entry."""

    __slots__ = ("pos", "key_pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}

    def at(self, key: str) -> Pos:
        """The position of a key's value, or of the mapping when the key is absent."""
        return self.value_pos.get(key, self.pos)


class Sequence(list[Any]):
    """A YAML sequence; ``item_pos`` locates each item."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


@dataclass
class Document:
    """One loaded file: its value (``None`` when unreadable) and what went wrong."""

    path: str
    value: Any
    problems: list[Problem] = field(default_factory=list)
    text: str = ""

    @property
    def pos(self) -> Pos:
        return Pos(self.path, 1, 1)


def _pos_of(path: str, index: int, text: str) -> Pos:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Pos(path, line, column)


def _decode(path: str, data: bytes, problems: list[Problem]) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        problems.append(
            error(_pos_of(path, len(good), good), "not-utf8", byte=f"0x{data[exc.start]:02x}")
        )
        return None
    if text.startswith("\ufeff"):
        problems.append(error(Pos(path, 1, 1), "byte-order-mark"))
        text = text[1:]
    if "\r" in text:
        problems.append(error(_pos_of(path, text.index("\r"), text), "crlf"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        for match in re.finditer("\t", text):
            problems.append(error(_pos_of(path, match.start(), text), "tab"))
            break
        return None
    return text


def _nesting_depth(text: str) -> int:
    """Exact nesting depth from libyaml's events (iterative, safe on hostile input)."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def _not_plain(path: str, text: str) -> list[Problem]:
    """Anchors, aliases and tags, found from the event stream (only when one may exist)."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        pos = Pos(path, mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            problems.append(error(pos, "yaml-alias", name=event.anchor))
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            problems.append(error(pos, "yaml-anchor", name=event.anchor))
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            explicit = event.tag is not None and not (
                isinstance(event, yaml.ScalarEvent) and event.implicit[0]
            )
            if isinstance(event, yaml.CollectionStartEvent):
                explicit = event.tag is not None and not event.implicit
            if explicit and event.tag != "!":
                problems.append(error(pos, "yaml-tag", tag=event.tag))
    return problems


def _scalar(node: yaml.ScalarNode, pos: Pos, problems: list[Problem]) -> Any:
    text = node.value
    if node.style not in (None, ""):  # quoted or block scalar: always a string
        return text
    tag = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else node.tag
    if tag == "str":
        return text
    if tag == "null":
        return None
    if tag == "bool":
        if text in ("true", "false"):
            return text == "true"
        return Surprise(text, "boolean")
    if tag == "int":
        if _PLAIN_INT.match(text):
            return int(text)
        meaning = "sexagesimal number" if ":" in text else "octal or prefixed number"
        return Surprise(text, meaning)
    if tag == "float":
        if _PLAIN_DECIMAL.match(text):
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                return Surprise(text, "float")
        return Surprise(text, "float")
    if tag == "timestamp":
        match = _PLAIN_DATE.match(text)
        if not match:
            return Surprise(text, "timestamp")
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return BadDate(text)
    if tag == "merge":
        problems.append(error(pos, "yaml-merge"))
        return None
    return text


def _convert(node: yaml.Node, path: str, depth: int, problems: list[Problem]) -> Any:
    pos = Pos(path, node.start_mark.line + 1, node.start_mark.column + 1)
    if depth > MAX_DEPTH:
        raise _TooDeep(pos)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, pos, problems)
    if isinstance(node, yaml.SequenceNode):
        sequence = Sequence(pos)
        for child in node.value:
            sequence.item_pos.append(
                Pos(path, child.start_mark.line + 1, child.start_mark.column + 1)
            )
            sequence.append(_convert(child, path, depth + 1, problems))
        return sequence
    mapping = Mapping(pos)
    for key_node, value_node in node.value:
        key_pos = Pos(path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(error(key_pos, "key-not-text"))
            continue
        key = _scalar(key_node, key_pos, problems)
        if key is None or key_node.tag == _TAG + "merge":
            continue
        key = str(key) if not isinstance(key, str) else key
        if key in mapping:
            problems.append(
                error(key_pos, "duplicate-key", key=key, first=mapping.key_pos[key].line)
            )
            continue
        mapping.key_pos[key] = key_pos
        mapping.value_pos[key] = Pos(
            path, value_node.start_mark.line + 1, value_node.start_mark.column + 1
        )
        mapping[key] = _convert(value_node, path, depth + 1, problems)
    return mapping


class _TooDeep(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


def load_bytes(path: str, data: bytes) -> Document:
    """Load one record file's bytes; never raises."""
    problems: list[Problem] = []
    if len(data) > MAX_FILE_BYTES:
        problems.append(error(Pos(path), "file-too-large", size=len(data), limit=MAX_FILE_BYTES))
        return Document(path, None, problems)
    text = _decode(path, data, problems)
    if text is None:
        return Document(path, None, problems)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        problems.append(error(Pos(path), "empty-file"))
        return Document(path, None, problems, text)
    try:
        if "&" in text or "*" in text or "!" in text:
            not_plain = _not_plain(path, text)
            if not_plain:
                problems.extend(not_plain)
                return Document(path, None, problems, text)
        openers = text.count("[") + text.count("{") + text.count("- ")
        if openers > _CHEAP_NESTING_BOUND and _nesting_depth(text) > MAX_DEPTH:
            problems.append(error(Pos(path, 1, 1), "too-deep", limit=MAX_DEPTH))
            return Document(path, None, problems, text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(path, mark.line + 1, mark.column + 1) if mark else Pos(path)
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        problems.append(error(pos, "yaml-syntax", detail=detail))
        return Document(path, None, problems, text)
    except yaml.YAMLError as exc:
        problems.append(error(Pos(path), "yaml-syntax", detail=str(exc).splitlines()[0]))
        return Document(path, None, problems, text)
    if node is None:
        problems.append(error(Pos(path), "empty-file"))
        return Document(path, None, problems, text)
    try:
        value = _convert(node, path, 0, problems)
    except _TooDeep as exc:
        problems.append(error(exc.pos, "too-deep", limit=MAX_DEPTH))
        return Document(path, None, problems, text)
    return Document(path, value, problems, text)
