"""Loading: YAML bytes to plain values that remember where they stood.

Records are plain data. The loader reads libyaml's event stream (``CSafeLoader``'s
parser, which keeps every line and column) and builds ``Mapping``/``Sequence``/scalars
from it in one iterative pass, so no input can exhaust the stack: nesting and size
are measured as the events arrive and a file over a limit is refused at the point it
crosses it. A container remembers the position of each of its children, so later
stages can point at the exact line of a value. Anything that is not plain data is
reported as a problem and never raises: anchors, aliases, tags, duplicate keys, tabs,
byte-order marks, CRLF line ends, control characters, bytes that are not UTF-8, files
over the size limit, nesting deeper or values more numerous than any record needs,
and YAML 1.1 scalars whose meaning differs from how they look (``no``, ``on``,
``012``, ``1:30``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from scoring.fullwidth import SUSPECT, repair
from scoring.fullwidth import mistakes as full_width_mistakes
from scoring.problems import Pos, Problem, error

MAX_FILE_BYTES = 1_048_576  # a record file above this is refused before parsing
MAX_DEPTH = 24  # no record nests deeper than a handful of levels
MAX_VALUES = (
    50_000  # keys, values and items of one file; the largest real record has a few thousand
)
MAX_INT_DIGITS = 600  # below any interpreter's int/str conversion limit (640 at the least)

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a dependency, but fail soft
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
_PLAIN_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# What libyaml refuses as "control characters", and the line separators (NEL, U+2028,
# U+2029) YAML 1.1 reads as line breaks where editors show none: both are invisible.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# The same, and carriage returns, written as escapes in a double-quoted scalar ("\e[2J"):
# a record's text ends up in terminals, spreadsheets and pages, which each choke on them.
_ESCAPED_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_RESOLVER = yaml.resolver.Resolver()
_RESOLVED: dict[tuple[str, Any], str] = {}  # ids, numbers, dates repeat: resolve each once
_RESOLVED_MAX = 8_192
_STR = _TAG + "str"
# The first characters YAML 1.1's implicit resolvers look at. A plain scalar starting with
# any other character (most Chinese text) is a string without asking them: that is what
# ``Resolver.resolve`` itself concludes, as no resolver is registered for every character
# (the ``None`` key) and the safe loaders have no path resolvers.
_RESOLVED_BY_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key)
assert None not in _RESOLVER.yaml_implicit_resolvers and not _RESOLVER.yaml_path_resolvers
_new_pos = tuple.__new__  # Pos(path, line, column) without the named tuple's Python __new__


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
    """The text, or None when it cannot be parsed as a record (the problems say why)."""
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
    unreadable = False
    tab = text.find("\t")
    if tab >= 0:
        problems.append(error(_pos_of(path, tab, text), "tab"))
        unreadable = True
    invisible = _INVISIBLE.search(text)
    if invisible:
        character = f"U+{ord(invisible.group()):04X}"
        pos = _pos_of(path, invisible.start(), text)
        problems.append(error(pos, "control-character", character=character))
        unreadable = True
    return None if unreadable else text


def _scalar(text: str, style: str | None, tag: str, pos: Pos, problems: list[Problem]) -> Any:
    if style not in (None, ""):  # quoted or block scalar: always a string
        hidden = _ESCAPED_INVISIBLE.search(text) if style == '"' else None
        if hidden:
            character = f"U+{ord(hidden.group()):04X}"
            problems.append(error(pos, "control-character", character=character))
        return text
    tag = tag[len(_TAG) :] if tag.startswith(_TAG) else tag
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
            # Beyond any count a record needs, and beyond what int() may convert: exact all the same.
            return int(text) if len(text) <= MAX_INT_DIGITS else Decimal(text)
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


def _resolve(text: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML 1.1 gives a scalar written as ``text`` (cached: short texts repeat)."""
    if not implicit[0] or (text and text[0] not in _RESOLVED_BY_FIRST):
        return _STR  # quoted, or plain text no implicit resolver would look at
    key = (text, implicit)
    tag = _RESOLVED.get(key)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)
        if len(text) <= 64 and len(_RESOLVED) < _RESOLVED_MAX:
            _RESOLVED[key] = tag
    return tag


class _Composer(_Loader):  # type: ignore[misc, valid-type]
    """libyaml's composer with the resolver's answers taken from ``_resolve``."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in _RESOLVED_BY_FIRST):
                return _STR  # as in ``_resolve``, without a call for most values
            return _resolve(value, implicit)
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


def _compose(text: str) -> yaml.Node | None:
    loader = _Composer(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


class _Refused(Exception):
    """The file crossed a limit; its problem is already recorded."""


_SKIP = object()  # a key already reported (merge key, alias): drop its value quietly


class _Builder:
    """Builds the positioned value of one document from parser events, without recursion."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.not_plain = False  # anchors, aliases or tags: the file is refused as a whole
        self.values = 0
        # Each open collection: [container, expecting a key?, the pending key or _SKIP].
        self.stack: list[list[Any]] = []
        self.root: Any = _SKIP
        self.documents = 0

    def build(self, events: Iterable[Any]) -> Any:
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                pos = self._node(event)
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _resolve(event.value, event.implicit)
                value = _scalar(event.value, event.style, tag, pos, self.problems)
                if tag == _MERGE and not event.style:
                    key: Any = _SKIP
                elif value is None:
                    key = None
                else:
                    key = event.value
                self._deliver(value, pos, key)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                pos = self._node(event)
                container = Mapping(pos) if kind is yaml.MappingStartEvent else Sequence(pos)
                self.stack.append([container, True, _SKIP])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container = self.stack.pop()[0]
                self._deliver(container, container.pos, None)
            elif kind is yaml.AliasEvent:
                pos = self._node(event)
                self.problems.append(error(pos, "yaml-alias", name=event.anchor))
                self.not_plain = True
                self._deliver(None, pos, _SKIP)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    pos = Pos(self.path, mark.line + 1, mark.column + 1)
                    self.problems.append(error(pos, "yaml-several-documents", line=pos.line))
                    raise _Refused
        return self.root

    def _node(self, event: Any) -> Pos:
        """The position of a node's event, after the checks every node passes."""
        pos = self._count(event.start_mark)
        if event.anchor is not None and type(event) is not yaml.AliasEvent:
            self.problems.append(error(pos, "yaml-anchor", name=event.anchor))
            self.not_plain = True
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            explicit = (
                not event.implicit[0] if type(event) is yaml.ScalarEvent else not event.implicit
            )
            if explicit:
                self.problems.append(error(pos, "yaml-tag", tag=tag))
                self.not_plain = True
        return pos

    def _count(self, mark: Any) -> Pos:
        """One more value at ``mark``: refused past the limits on values and nesting."""
        pos = Pos(self.path, mark.line + 1, mark.column + 1)
        self.values += 1
        if self.values > MAX_VALUES:
            self.problems.append(error(pos, "too-many-values", limit=MAX_VALUES))
            raise _Refused
        if len(self.stack) > MAX_DEPTH:
            self.problems.append(error(pos, "too-deep", limit=MAX_DEPTH))
            raise _Refused
        return pos

    def _deliver(self, value: Any, pos: Pos, key: Any) -> None:
        """Put a finished value into the open collection (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if type(container) is Sequence:
            container.append(value)
            container.item_pos.append(pos)
            return
        if frame[1]:  # this value is a key
            frame[1] = False
            frame[2] = _SKIP
            if key is _SKIP:
                return
            if key is None:
                self.problems.append(error(pos, "key-not-text"))
            elif key in container.key_pos:
                first = container.key_pos[key].line
                self.problems.append(error(pos, "duplicate-key", key=key, first=first))
            else:
                container.key_pos[key] = pos
                frame[2] = key
            return
        frame[1] = True
        if frame[2] is not _SKIP:
            container[frame[2]] = value
            container.value_pos[frame[2]] = pos


_BLOCK_PREFIX = re.compile(r"^[ ?-]*", re.M)
_COMPOSE_SAFE_DEPTH = 200  # far below any nesting libyaml's recursive composer cannot take


def _plain_and_shallow(text: str) -> bool:
    """Whether ``text`` can take the fast path: libyaml composes it, this module walks it.

    Only text with no anchor, alias or tag characters and no document markers, whose
    nesting is bounded well below what the recursive composer survives: flow openers
    plus the longest run of block indicators and indentation at a line's start bound
    the depth from above. Anything else takes the event path, which measures as it goes.
    """
    if "&" in text or "*" in text or "!" in text or "---" in text or "..." in text:
        return False
    flow = text.count("[") + text.count("{")
    if flow > _COMPOSE_SAFE_DEPTH:
        return False
    block = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    return flow + block <= _COMPOSE_SAFE_DEPTH


class _Walker(_Builder):
    """The fast path: the same values and problems as ``_Builder``, from composed nodes.

    The same steps in the same order as the event path (count and measure the node, read
    a scalar, check a key, then walk its value), with the collections built in place.
    """

    def walk(self, node: yaml.Node) -> Any:
        self.root = self._walk(node, 0)[0]
        return self.root

    def _walk(self, node: yaml.Node, depth: int) -> tuple[Any, Pos]:
        mark = node.start_mark
        pos: Pos = _new_pos(Pos, (self.path, mark.line + 1, mark.column + 1))
        self.values += 1
        if self.values > MAX_VALUES:
            self.problems.append(error(pos, "too-many-values", limit=MAX_VALUES))
            raise _Refused
        if depth > MAX_DEPTH:
            self.problems.append(error(pos, "too-deep", limit=MAX_DEPTH))
            raise _Refused
        if type(node) is yaml.ScalarNode:
            if not node.style and node.tag == _STR:  # most values: plain text
                return node.value, pos
            return _scalar(node.value, node.style, node.tag, pos, self.problems), pos
        walk = self._walk
        if type(node) is yaml.SequenceNode:
            sequence = Sequence(pos)
            append, append_pos = sequence.append, sequence.item_pos.append
            for child in node.value:
                value, child_pos = walk(child, depth + 1)
                append(value)
                append_pos(child_pos)
            return sequence, pos
        mapping = Mapping(pos)
        key_pos, value_pos = mapping.key_pos, mapping.value_pos
        for key_node, value_node in node.value:
            key_value, at = walk(key_node, depth + 1)
            key: Any = None
            if type(key_node) is yaml.ScalarNode:
                if key_node.tag == _MERGE and not key_node.style:
                    key = _SKIP
                elif key_value is not None:
                    key = key_node.value
            if key is None:
                self.problems.append(error(at, "key-not-text"))
            elif key is not _SKIP and key in key_pos:
                first = key_pos[key].line
                self.problems.append(error(at, "duplicate-key", key=key, first=first))
                key = None
            elif key is not _SKIP:
                key_pos[key] = at
            value, at = walk(value_node, depth + 1)
            if key is not None and key is not _SKIP:
                mapping[key] = value
                value_pos[key] = at
        return mapping, pos


# libyaml's commonest complaints, each with a code of its own (its message in the
# organisation's language) and the mark that points at the mistake: the start of the
# line lacking its colon, the bracket or quote left open, else where libyaml stopped.
_SYNTAX = (
    ("could not find expected ':'", "yaml-expected-colon", "context"),
    ("mapping values are not allowed", "yaml-unexpected-colon", "problem"),
    ("found character that cannot start any token", "yaml-bad-character", "problem"),
    ("did not find expected key", "yaml-indentation", "problem"),
    ("did not find expected '-' indicator", "yaml-indentation", "problem"),
    ("block sequence entries are not allowed", "yaml-unexpected-dash", "problem"),
    ("did not find expected ',' or ']'", "yaml-unclosed-bracket", "context"),
    ("did not find expected ',' or '}'", "yaml-unclosed-bracket", "context"),
    ("found unexpected end of stream", "yaml-unclosed-quote", "context"),
    ("found unknown escape character", "yaml-bad-escape", "problem"),
    ("but found another document", "yaml-several-documents", "problem"),
)
_CLOSING = {"[": "]", "{": "}", '"': '"', "'": "'"}


def _char_at(text: str, mark: Any) -> str:
    return text[mark.index] if 0 <= mark.index < len(text) else ""


_COLON = re.compile(r":( |$)")


def _colon_missing_above(text: str, mark: Any) -> tuple[int, int] | None:
    """Where a line lacking its colon starts (1-based line and column), when libyaml read it
    as text running on into the key of the line it complains about: lines just above
    ``mark``'s, indented as it is, with no colon."""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    current = lines[mark.line]
    indent = len(current) - len(current.lstrip(" "))
    if _COLON.search(current[indent : mark.column]):
        return None  # the complaint is about a second colon on the line
    found = None
    above = mark.line - 1
    while above >= 0:
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#"):
            break
        if len(line) - len(line.lstrip(" ")) != indent or _COLON.search(line):
            break
        found = (above + 1, indent + 1)
        above -= 1
    return found


def _marked_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """libyaml's complaint as a problem of its own code, at the mark where the mistake is."""
    problem = exc.problem or ""
    context, mark = exc.context_mark, exc.problem_mark
    if problem.startswith("mapping values are not allowed") and mark is not None:
        above = _colon_missing_above(text, mark)
        if above is not None:  # a key without its colon, read as text up to this colon
            return error(Pos(path, *above), "yaml-expected-colon", line=above[0])
    for start, code, which in _SYNTAX:
        if not problem.startswith(start) or mark is None:
            continue
        params: dict[str, object] = {}
        if which == "context" and context is not None:
            if code != "yaml-unclosed-bracket" or context.line != mark.line:
                mark = context  # an open bracket on the same line: the problem mark is nearer
        if code in ("yaml-unclosed-bracket", "yaml-unclosed-quote"):
            opening = _char_at(text, context) if context is not None else ""
            params = {"opening": opening, "closing": _CLOSING.get(opening, "")}
        elif code == "yaml-bad-character":
            params = {"character": _char_at(text, mark)}
        line = mark.line + 1
        return error(Pos(path, line, mark.column + 1), code, line=line, **params)
    mark = exc.problem_mark or exc.context_mark
    pos = Pos(path, mark.line + 1, mark.column + 1) if mark else Pos(path)
    detail = " ".join(part for part in (exc.context, exc.problem) if part)
    return error(pos, "yaml-syntax", detail=detail)


def _syntax_problems(path: str, text: str, exc: yaml.YAMLError) -> tuple[list[Problem], bool]:
    """What libyaml refused, in our codes, and whether full-width characters explain it
    (then they are the problems, not libyaml's complaint about what follows them)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        found = _marked_problem(path, text, exc)
        marks = [m.line + 1 for m in (exc.context_mark, exc.problem_mark) if m is not None]
        if not marks or not SUSPECT.search(text):
            return [found], False
        last = max(marks)
        near = (max(1, min(marks) - 1 if exc.context_mark is not None else last - 2), last)
        typed = full_width_mistakes(path, text, near)
        if any(near[0] <= (p.line or 0) <= near[1] for p in typed):
            return typed, True  # the full-width character is the mistake libyaml tripped over
        return [*typed, found], False
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts UTF-8 bytes; the pure-Python reader counts characters
        index = exc.position
        if _Loader is not yaml.SafeLoader:
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        return [error(_pos_of(path, index, text), "yaml-syntax", detail=exc.reason)], False
    return [error(Pos(path), "yaml-syntax", detail=str(exc).splitlines()[0])], False


def _parse(path: str, text: str, problems: list[Problem]) -> tuple[Any, bool]:
    """The document's value (``_SKIP`` when it has none) and whether it is plain data;
    raises ``_Refused`` past a limit and ``yaml.YAMLError`` on a syntax error."""
    if _plain_and_shallow(text):
        walker = _Walker(path, problems)
        node = _compose(text)
        value = walker.walk(node) if node is not None else _SKIP
        return value, not walker.not_plain
    builder = _Builder(path, problems)
    value = builder.build(yaml.parse(text, Loader=_Loader))
    return value, not builder.not_plain


class _Moved:
    """Positions in a repaired text (``fullwidth.repair``) as they stand in the text written."""

    def __init__(self, added: dict[int, list[int]]) -> None:
        self.added = added  # line -> columns of the repaired line where a space was added

    def pos(self, pos: Pos) -> Pos:
        columns = self.added.get(pos.line or 0)
        if not columns or pos.column is None:
            return pos
        shift = sum(1 for column in columns if column < pos.column)
        return Pos(pos.path, pos.line, pos.column - shift) if shift else pos

    def problem(self, problem: Problem) -> Problem:
        return dataclasses.replace(problem, pos=self.pos(problem.pos))

    def value(self, root: Any) -> Any:
        """``root`` with the positions its containers keep moved back (in place)."""
        if not self.added:
            return root
        pending = [root]
        while pending:
            node = pending.pop()
            if isinstance(node, Mapping):
                node.pos = self.pos(node.pos)
                for key in node:
                    node.key_pos[key] = self.pos(node.key_pos[key])
                    node.value_pos[key] = self.pos(node.value_pos[key])
                pending.extend(node.values())
            elif isinstance(node, Sequence):
                node.pos = self.pos(node.pos)
                node.item_pos[:] = [self.pos(at) for at in node.item_pos]
                pending.extend(node)
        return root


def _read_past(
    path: str, text: str, typed: list[Problem], problems: list[Problem]
) -> tuple[Any, bool]:
    """Read a file libyaml refused for its full-width characters as if they were typed in
    ASCII (``fullwidth.repair``), so that every other problem of the file is reported at
    once; positions are those of the file as written. ``_SKIP`` when it still fails."""
    repaired, added = repair(text, typed)
    moved = _Moved(added)
    found: list[Problem] = []
    try:
        value, plain = _parse(path, repaired, found)
    except (_Refused, yaml.YAMLError):
        return _SKIP, False  # another mistake: told once the full-width ones are fixed
    problems.extend(moved.problem(problem) for problem in found)
    return moved.value(value), plain


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
        value, plain = _parse(path, text, problems)
        if SUSPECT.search(text):
            problems.extend(full_width_mistakes(path, text))
    except _Refused:
        return Document(path, None, problems, text)
    except yaml.YAMLError as exc:
        refused, explained = _syntax_problems(path, text, exc)
        problems.extend(refused)
        if not explained:
            return Document(path, None, problems, text)
        value, plain = _read_past(path, text, refused, problems)
        if value is _SKIP:
            return Document(path, None, problems, text)
    if not plain:
        return Document(path, None, problems, text)
    if value is _SKIP:
        problems.append(error(Pos(path), "empty-file"))
        return Document(path, None, problems, text)
    return Document(path, value, problems, text)
