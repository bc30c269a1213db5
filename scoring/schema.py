"""Record formats, declared once: reading positioned values into the model, and JSON Schema.

Each record kind (DESIGN.md §3, §9) is an ``Obj`` of typed fields. ``Obj.read`` turns a
loaded ``Mapping`` into a model object and reports every field that is missing,
unknown (with a "did you mean" hint), of the wrong type or out of range, at the line
and column it was written. ``Obj.json_schema`` describes the same format for editors,
so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from scoring import model
from scoring.loading import BadDate, Mapping, Sequence, Surprise
from scoring.problems import Pos, Problem, error, warning

FILE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
# No point value, weight or fee reaches this; refusing larger numbers keeps every sum and
# product well inside decimal's 28 digits, so rounding never fails.
MAX_MAGNITUDE = Decimal(10) ** 15


# JSON Schema's comment keyword marks an id naming something of the organisation
# (``jsonschemas.with_ids`` lists the organisation's own there).
REFERS_PREFIX = "kaoping: an id of "


class Invalid:
    """Marks a value that could not be read (its problem is already reported)."""

    def __reduce__(self) -> str:
        return "INVALID"  # the one marker, also as the engine's store gives it back


INVALID = Invalid()


class Reader:
    """Collects the problems of reading one file; ``text`` is the file's text, whose lines
    tell whether a comment follows a value (YAML drops comments: ``Prose`` warns when one
    probably was meant as part of the text)."""

    def __init__(self, text: str = "") -> None:
        self.problems: list[Problem] = []
        self._lines: list[str] = []
        self.commented: frozenset[int] = frozenset()  # 1-based lines with `` #`` after a value
        if " #" in text:
            self._lines = text.split("\n")
            self.commented = frozenset(
                number
                for number, line in enumerate(self._lines, 1)
                if " #" in line and not line.lstrip(" -").startswith("#")
            )

    def fail(self, pos: Pos, code: str, **params: object) -> Invalid:
        self.problems.append(error(pos, code, **params))
        return INVALID

    def warn(self, pos: Pos, code: str, **params: object) -> None:
        self.problems.append(warning(pos, code, **params))

    def line(self, number: int) -> str:
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""


def _describe(value: Any) -> str:
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, Sequence):
        return "list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, Decimal)):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return "text"


def _shown(number: Decimal | int) -> str:
    """A number as a message shows it: huge ones shortened to their leading digits."""
    number = Decimal(number)
    text = f"{number:f}"
    return text if len(text) <= 24 else f"{number:.6E}"


def _surprise(value: Any, pos: Pos, reader: Reader) -> Invalid | None:
    if isinstance(value, Surprise):
        return reader.fail(pos, "yaml-surprise", text=value.text, meaning=value.meaning)
    if isinstance(value, BadDate):
        return reader.fail(pos, "invalid-date", text=value.text)
    return None


_CHINESE_QUOTES = {"“": "”", "‘": "’"}
_FULL_WIDTH_MARKS = (
    ("\u3000", "full-width-space"),
    ("，", "full-width-comma"),
    ("：", "full-width-colon"),
)


def _quoted_in_chinese(value: str) -> tuple[str, str] | None:
    """The Chinese quotation marks wrapping the whole of ``value`` (“…”), if they do:
    quotes around a phrase inside a text (落实“两个确保”) are ordinary punctuation."""
    close = _CHINESE_QUOTES.get(value[:1])
    if close is None or len(value) < 2 or value[-1] != close:
        return None
    if value.count(value[0]) != 1 or value.count(close) != 1:
        return None
    return value[0], close


def _shifted(pos: Pos, offset: int) -> Pos:
    """``offset`` characters further along a value's line (for a value on one line)."""
    return Pos(pos.path, pos.line, pos.column + offset) if pos.column is not None else pos


def _typing_mistake(value: Any, pos: Pos, reader: Reader) -> Invalid | None:
    """A value that is not text, typed with a Chinese input method: wrapped in Chinese
    quotation marks, holding a full-width space, or full-width digits and letters."""
    if not isinstance(value, str):
        return None
    quotes = _quoted_in_chinese(value)
    if quotes:
        open_quote, close = quotes
        return reader.fail(
            pos, "chinese-quotes", line=pos.line, column=pos.column, open=open_quote, close=close
        )
    for character, code in _FULL_WIDTH_MARKS:
        if character in value:  # where the loader saw it too: the same problem, said once
            at = _shifted(pos, value.index(character))
            return reader.fail(at, code, line=at.line, column=at.column)
    folded = unicodedata.normalize("NFKC", value)
    if folded != value and folded.isascii():
        return reader.fail(pos, "full-width-characters", text=value, ascii=folded)
    return None


class Type:
    """A field type: reads a loaded value at a position; describes itself as JSON Schema."""

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


class Text(Type):
    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if type(value) is str:  # most values: the checks below, in short
            if not value.strip():
                return reader.fail(pos, "empty-text")
            if value[0] in _CHINESE_QUOTES:
                _warn_quotes(value, pos, reader)
            return value
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        if not isinstance(value, str):
            return reader.fail(pos, "expected-text", found=_describe(value))
        if not value.strip():
            return reader.fail(pos, "empty-text")
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


def _warn_quotes(value: str, pos: Pos, reader: Reader) -> None:
    quotes = _quoted_in_chinese(value)
    if quotes:
        open_quote, close = quotes
        reader.warn(
            pos, "chinese-quotes", line=pos.line, column=pos.column, open=open_quote, close=close
        )


_COMMENT = re.compile(r"( +)#(.*)$")


class Prose(Text):
    """Free text a person writes (titles, standards, reasons, descriptions, ...).

    YAML reads `` #`` as the start of a comment and drops the rest of the line; after
    a free text (``title: 防冻保养 #含3号车库``) that is rarely what was meant, so a
    comment right after such a value is a warning. After numbers, dates and ids a
    comment is ordinary YAML and stays silent.
    """

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        read = super().read(value, pos, reader)
        if reader.commented and pos.line in reader.commented and type(read) is str:
            line = reader.line(pos.line)
            start = (pos.column or 1) - 1
            if line.startswith(read, start):  # a plain value on one line, as typed
                comment = _COMMENT.match(line, start + len(read))
                if comment:
                    at = _shifted(pos, len(read) + len(comment.group(1)))
                    reader.warn(at, "comment-in-text", comment=comment.group(2).strip())
        return read


ID_RULES = {FILE_ID.pattern: "file-id", ITEM_ID.pattern: "item-id"}


@dataclass
class Ident(Type):
    pattern: re.Pattern[str] = FILE_ID
    refers: str | None = None  # what the id names ("people", "departments", ...), if anything
    allowed: str = ""  # the words for what the pattern allows (a term); by default from it

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if type(value) is not str:
            surprise = _surprise(value, pos, reader)
            if surprise:
                return surprise
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return reader.fail(pos, "expected-id", found=_describe(value))
        if not self.pattern.match(value):
            mistake = _typing_mistake(value, pos, reader)
            if mistake:
                return mistake
            allowed = self.allowed or ID_RULES.get(self.pattern.pattern, self.pattern.pattern)
            # an id of the organisation gets a suggestion once it is known (``suggestions``)
            refers = {"refers": self.refers} if self.refers else {}
            return reader.fail(pos, "bad-id", id=value, allowed=allowed, **refers)
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": self.pattern.pattern}
        if self.refers:
            schema["$comment"] = REFERS_PREFIX + self.refers
        return schema


class GitHubHandle(Type):
    """A GitHub user name or ``org/team``, optionally with its ``@``: one CODEOWNERS word."""

    pattern = re.compile(r"^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        text = Text().read(value, pos, reader)
        if text is INVALID:
            return text
        if not self.pattern.match(text):
            return reader.fail(pos, "bad-handle", handle=text)
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.pattern.pattern}


_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
REPOSITORY_URL = re.compile(
    r"^https?://"
    rf"{_HOST_LABEL}(?:\.{_HOST_LABEL})*(?::[0-9]{{1,5}})?"  # host and port: no user, no %
    r"(?:/(?!\.\.?(?:/|$))[A-Za-z0-9._~-]+)*/?$"  # path segments, never . or ..
)
_AUTHORITY_END = re.compile(r"[/?#\\]")


def repository_url_fault(url: str) -> tuple[str, dict[str, str]] | None:
    """Why ``url`` cannot be the repository's address (a problem code and its
    parameters), or None: it is a plain http(s) URL, ASCII, host and path only.

    Anything before an ``@`` in the authority is a user name that browsers skip
    (``https://github.com@evil.example/`` opens evil.example), so it is refused on
    its own; so are spaces, control characters, backslashes, ``%``, a query, a
    fragment and ``.``/``..`` segments, which browsers read differently from us.
    """
    if REPOSITORY_URL.match(url):
        return None
    scheme, separator, rest = url.partition("://")
    authority = _AUTHORITY_END.split(rest, maxsplit=1)[0]
    if separator and scheme in ("http", "https") and "@" in authority:
        return "repository-userinfo", {"url": url, "host": authority.rpartition("@")[2]}
    return "repository-url", {"url": url}


class RepositoryUrl(Type):
    """The repository's web address (org.yaml ``repository``): the site links through it."""

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        text = Text().read(value, pos, reader)
        if text is INVALID:
            return text
        fault = repository_url_fault(text)
        if fault is not None:
            code, params = fault
            return reader.fail(pos, code, **params)
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": REPOSITORY_URL.pattern}


@dataclass
class Enum(Type):
    values: tuple[str, ...]

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        if value not in self.values:
            mistake = _typing_mistake(value, pos, reader)
            if mistake:
                return mistake
            hint = difflib.get_close_matches(str(value), self.values, n=1)
            return reader.fail(
                pos,
                "bad-choice",
                value=value,
                choices=", ".join(self.values),
                hint=hint[0] if hint else "",
            )
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


# Dates as people write them: 2026/12/28, 2026.12.28, 2026年12月28日, 2026-1-5, with
# full-width digits, or with a time of day.
_LOOSE_DATE = re.compile(
    r"^\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?\s*(?:Z|[-+][0-9:]+)?)?\s*$"
)
_COMPACT_DATE = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
_LOOSE_MONTH = re.compile(r"^\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?\s*$")


def _loose_date(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written in another common form, if it is one."""
    folded = unicodedata.normalize("NFKC", text)
    found = _LOOSE_DATE.match(folded) or _COMPACT_DATE.match(folded)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


class Date(Type):
    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if isinstance(value, dt.date):
            return value
        written = value.text if isinstance(value, Surprise) else value
        if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
            try:
                return dt.date.fromisoformat(value)  # a quoted date
            except ValueError:
                pass
        if isinstance(value, BadDate):
            return reader.fail(pos, "invalid-date", text=value.text)
        if isinstance(written, (str, int)) and not isinstance(written, bool):
            parts = _loose_date(str(written))
            if parts:
                try:
                    meant = dt.date(*parts)
                except ValueError:
                    return reader.fail(pos, "invalid-date", text=written)
                return reader.fail(pos, "date-format", text=written, date=meant.isoformat())
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        mistake = _typing_mistake(value, pos, reader)
        if mistake:
            return mistake
        found = value if isinstance(value, str) else _describe(value)
        return reader.fail(pos, "expected-date", found=found)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


class Month(Type):
    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if isinstance(value, str) and MONTH.match(value):
            return value
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        written = str(value) if isinstance(value, (str, int, Decimal)) else ""
        loose = _LOOSE_MONTH.match(unicodedata.normalize("NFKC", written))
        if loose and 1 <= int(loose[2]) <= 12 and not isinstance(value, bool):
            meant = f"{int(loose[1]):04d}-{int(loose[2]):02d}"
            return reader.fail(pos, "month-format", text=written, month=meant)
        mistake = _typing_mistake(value, pos, reader)
        if mistake:
            return mistake
        return reader.fail(pos, "expected-month", found=value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": MONTH.pattern}


def _quantum(places: int) -> Decimal:
    """``Decimal(1).scaleb(-places)``, made once per number of places."""
    quantum = _QUANTA.get(places)
    if quantum is None:
        quantum = _QUANTA[places] = Decimal(1).scaleb(-places)
    return quantum


_QUANTA: dict[int, Decimal] = {}


@dataclass
class Number(Type):
    """A decimal number; ``places`` limits the decimals, bounds are inclusive unless noted."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    places: int | None = 2
    above_minimum: bool = False

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return _typing_mistake(value, pos, reader) or reader.fail(
                pos, "expected-number", found=_describe(value)
            )
        number = Decimal(value)
        if abs(number) >= MAX_MAGNITUDE:
            return reader.fail(
                pos, "out-of-range", value=_shown(number), bound=f"< {MAX_MAGNITUDE:f}"
            )
        if self.places is not None and number != number.quantize(_quantum(self.places)):
            return reader.fail(pos, "too-many-decimals", value=number, places=self.places)
        if self.minimum is not None:
            if number < self.minimum or (self.above_minimum and number == self.minimum):
                relation = ">" if self.above_minimum else ">="
                return reader.fail(
                    pos, "out-of-range", value=number, bound=f"{relation} {self.minimum}"
                )
        if self.maximum is not None and number > self.maximum:
            return reader.fail(pos, "out-of-range", value=number, bound=f"<= {self.maximum}")
        return number

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "number"}
        if self.minimum is not None:
            key = "exclusiveMinimum" if self.above_minimum else "minimum"
            schema[key] = float(self.minimum)
        if self.maximum is not None:
            schema["maximum"] = float(self.maximum)
        else:
            schema["exclusiveMaximum"] = float(MAX_MAGNITUDE)
        if self.places is not None:  # multipleOf misjudges binary floats; say it instead
            schema["description"] = f"at most {self.places} decimals"
        return schema


@dataclass
class Integer(Type):
    minimum: int | None = None
    maximum: int | None = None

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        if isinstance(value, bool) or not isinstance(value, int):
            return _typing_mistake(value, pos, reader) or reader.fail(
                pos, "expected-integer", found=_describe(value)
            )
        if self.minimum is not None and value < self.minimum:
            return reader.fail(pos, "out-of-range", value=_shown(value), bound=f">= {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            return reader.fail(pos, "out-of-range", value=_shown(value), bound=f"<= {self.maximum}")
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class Plain(Type):
    """Any scalar, kept as written (a seal's copy of the figures)."""

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if isinstance(value, (Mapping, Sequence)):
            return reader.fail(pos, "expected-scalar", found=_describe(value))
        if isinstance(value, (Surprise, BadDate, dt.date)):
            return str(value)  # kept as written: a figure is a number, text or null
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
            if abs(number) >= MAX_MAGNITUDE:
                bound = f"< {MAX_MAGNITUDE:f}"
                return reader.fail(pos, "out-of-range", value=_shown(number), bound=bound)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": ["string", "number", "integer", "boolean", "null"]}


class Boolean(Type):
    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        surprise = _surprise(value, pos, reader)
        if surprise:
            return surprise
        if not isinstance(value, bool):
            return _typing_mistake(value, pos, reader) or reader.fail(
                pos, "expected-boolean", found=_describe(value)
            )
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class DayOfMonth(Type):
    """A routine target's deadline: a day 1–28 or ``last``."""

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if value == "last":
            return value
        return Integer(1, 28).read(value, pos, reader)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 28}, {"const": "last"}]}


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    unique: bool = False

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if value is None and self.min_items == 0:
            return ()
        if not isinstance(value, Sequence):
            return reader.fail(pos, "expected-list", found=_describe(value))
        if len(value) < self.min_items:
            return reader.fail(pos, "too-few-items", minimum=self.min_items)
        items = []
        seen: set[Any] = set()  # unique lists hold ids and texts: hashable, checked in O(1)
        for item, item_pos in zip(value, value.item_pos, strict=True):
            read = self.item.read(item, item_pos, reader)
            if read is INVALID:
                continue
            if self.unique:
                if read in seen:
                    reader.fail(item_pos, "duplicate-item", item=read)
                    continue
                seen.add(read)
            items.append(read)
        return tuple(items)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass
class MapOf(Type):
    """A mapping from ids to values (assessment items, ratings); keys in file order."""

    key: Ident
    value: Type

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            return reader.fail(pos, "expected-mapping", found=_describe(value))
        result = {}
        for key, item in value.items():
            key_pos = value.key_pos[key]
            if self.key.read(key, key_pos, reader) is INVALID:
                continue
            read = self.value.read(item, value.value_pos[key], reader)
            if read is not INVALID:
                result[key] = read
        return result

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": self.key.json_schema(),
            "additionalProperties": self.value.json_schema(),
        }


@dataclass
class Field:
    type: Type
    required: bool = False
    attribute: str | None = None  # the model's name when the YAML key is a keyword (from/to)
    description: str = ""
    # Another attribute read from the same value, silently (``Column``): what can be judged
    # of a list whose items did not all read.
    also: tuple[str, Type] | None = None


@dataclass
class Column(Type):
    """One key of each mapping of a list, read without reporting: None where it is missing
    or unreadable. The weights of a targets file whose items did not all read (an owner
    typed as a name drops its item) can still be summed."""

    key: str
    item: Type

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if not isinstance(value, Sequence):
            return ()
        quiet = Reader()
        column = []
        for item in value:
            read: Any = INVALID
            if isinstance(item, Mapping) and self.key in item:
                read = self.item.read(item[self.key], item.value_pos[self.key], quiet)
            column.append(None if read is INVALID else read)
        return tuple(column)

    def json_schema(self) -> dict[str, Any]:  # pragma: no cover - never a field of its own
        return {}


_ABSENT = object()


@dataclass
class Obj(Type):
    """A mapping with declared keys, built into a model class."""

    build: Callable[..., Any]
    fields: dict[str, Field]
    title: str = ""
    # Per field, bound once: key, model attribute, required, reader, whether null is the
    # default, and another attribute read from the same value.
    _plan: tuple[tuple[str, str, bool, Callable[..., Any], bool, tuple[str, Type] | None], ...] = (
        field(init=False, repr=False, compare=False)
    )

    def __post_init__(self) -> None:
        self._plan = tuple(
            (name, spec.attribute or name, spec.required, spec.type.read,
             not isinstance(spec.type, ListOf), spec.also)
            for name, spec in self.fields.items()
        )  # fmt: skip

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if not isinstance(value, Mapping):
            return reader.fail(pos, "expected-mapping", found=_describe(value))
        ok = True
        for key in value:
            if key not in self.fields:
                hint = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                reader.fail(
                    value.key_pos[key],
                    "unknown-key",
                    key=key,
                    hint=hint[0] if hint else "",
                    known=", ".join(self.fields),
                )
        arguments: dict[str, Any] = {}
        where: dict[str, Pos] = {}
        value_pos = value.value_pos
        for name, attribute, required, read_field, null_is_default, also in self._plan:
            item = value.get(name, _ABSENT)
            if item is _ABSENT or (item is None and required):
                if required:
                    reader.fail(value.pos, "missing-key", key=name)
                    ok = False
                continue
            at = where[attribute] = value_pos.get(name, value.pos)
            if item is None and null_is_default:
                continue  # an explicit null is the default
            read = read_field(item, at, reader)
            if read is INVALID:
                ok = ok and not required
                continue
            arguments[attribute] = read
            if also is not None:
                arguments[also[0]] = also[1].read(item, at, reader)
        if not ok:
            return INVALID
        return self.build(**arguments, at=value.pos, where=where)

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for name, spec in self.fields.items():
            schema = dict(spec.type.json_schema())
            if spec.description:
                schema["description"] = spec.description
            if not spec.required:  # an explicit null means the default
                schema = {"anyOf": [schema, {"type": "null"}]}
            properties[name] = schema
        schema = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
            "required": [name for name, spec in self.fields.items() if spec.required],
        }
        if self.title:
            schema["title"] = self.title
        return schema


@dataclass
class Positioned(Type):
    """A value kept with where it was written: ``(value, pos)`` (a map's values, which a
    plain ``MapOf`` keeps without their positions)."""

    value: Type

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        read = self.value.read(value, pos, reader)
        return read if read is INVALID else (read, pos)

    def json_schema(self) -> dict[str, Any]:
        return self.value.json_schema()


@dataclass
class Either(Type):
    """A value written either as a plain scalar or as a mapping (``admin: 92`` or ``{score: 92}``)."""

    scalar: Type
    mapping: Obj
    wrap: Callable[[Any, Pos], Any]

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        if isinstance(value, Mapping):
            return self.mapping.read(value, pos, reader)
        read = self.scalar.read(value, pos, reader)
        return read if read is INVALID else self.wrap(read, pos)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [self.scalar.json_schema(), self.mapping.json_schema()]}


class PointsOrRange(Type):
    """A bonus rule's points: a number, or ``[low, high]`` when the claim states them."""

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        points = Number(Decimal(0), above_minimum=True)
        if isinstance(value, Sequence):
            if len(value) != 2:
                return reader.fail(pos, "bad-range")
            low = points.read(value[0], value.item_pos[0], reader)
            high = points.read(value[1], value.item_pos[1], reader)
            if low is INVALID or high is INVALID:
                return INVALID
            if low > high:
                return reader.fail(pos, "bad-range")
            return (low, high)
        return points.read(value, pos, reader)

    def json_schema(self) -> dict[str, Any]:
        number = {"type": "number", "exclusiveMinimum": 0}
        return {"oneOf": [number, {"type": "array", "items": number, "minItems": 2, "maxItems": 2}]}


@dataclass
class VersionedOf(Type):
    """A setting in its flat form, or a list of ``{from, value}`` versions, oldest first."""

    value: Type

    def read(self, value: Any, pos: Pos, reader: Reader) -> Any:
        is_version_list = (
            isinstance(value, Sequence)
            and len(value) > 0
            and all(isinstance(item, Mapping) and "from" in item for item in value)
        )
        if not is_version_list:
            read = self.value.read(value, pos, reader)
            if read is INVALID:
                return INVALID
            return model.Versioned((model.Version(None, read, at=pos),), flat=True, at=pos)
        versions: list[model.Version[Any]] = []
        for item, item_pos in zip(value, value.item_pos, strict=True):
            version = Obj(
                lambda **kw: kw,
                {"from": Field(Month(), required=True), "value": Field(self.value, required=True)},
            ).read(item, item_pos, reader)
            if version is INVALID:
                continue
            if versions and version["from"] <= versions[-1].start:
                reader.fail(item_pos, "versions-order")
                continue
            versions.append(
                model.Version(
                    version["from"], version["value"], at=item_pos, where=version["where"]
                )
            )
        if not versions:
            return INVALID
        return model.Versioned(tuple(versions), flat=False, at=pos)

    def json_schema(self) -> dict[str, Any]:
        version = {
            "type": "object",
            "properties": {"from": Month().json_schema(), "value": self.value.json_schema()},
            "required": ["from", "value"],
            "additionalProperties": False,
        }
        return {"oneOf": [self.value.json_schema(), {"type": "array", "items": version}]}
