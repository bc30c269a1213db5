"""Earlier versions of a record, derived from its final text.

The example's records are written once, in their final state; the history needs each
record as it stood at an earlier step of the process. Every function here takes the
final text and returns an earlier one by removing or rewriting whole lines, so a
version differs from the next exactly by what that step wrote: the status and dates
of month.yaml, the office's decisions on claims and appeals, the rectification dates
and sign-off of checks, the later entries of org.yaml, a routine file's owners before
a new head took over. Each asserts what it expects to find, so a change in the
generator's format fails here loudly, never silently.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..services import NOT_SIGNED_OFF


def _load(text: str | bytes) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


STATUSES = ("open", "assessing", "published", "closed")


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _key(line: str) -> str | None:
    """The key of a ``key: value`` line at any indentation (list dash included)."""
    match = re.match(r"^\s*(?:- )?([A-Za-z_][A-Za-z0-9_-]*):", line)
    return match[1] if match else None


# ---------------------------------------------------------------- month.yaml


def month_as(final: str, status: str, absent: bool = False) -> str:
    """month.yaml at ``status``: the meeting is scheduled when assessing starts, the
    absent leaders recorded (``absent``) at the meeting, the dates set at publication
    and closing."""
    rank = STATUSES.index(status)
    kept = []
    for line in _lines(final):
        key = _key(line) if not line.startswith(" ") else None
        if key == "status":
            line = f"status: {status}\n"
        elif key == "meeting" and rank < STATUSES.index("assessing"):
            continue
        elif key == "absent" and not absent:
            line = "absent: []\n"
        elif key == "published" and rank < STATUSES.index("published"):
            continue
        elif key == "closed" and rank < STATUSES.index("closed"):
            continue
        kept.append(line)
    text = "".join(kept)
    assert _load(text)["status"] == status, text
    return text


# ---------------------------------------------------------------- block lists


@dataclass
class Entry:
    id: str
    lines: list[str]


@dataclass
class BlockList:
    """A record holding one block list of entries (``  - id: F1`` then ``    key: …``):
    the lines before the list's key, its entries, the lines after it."""

    head: list[str]
    key: str
    entries: list[Entry] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str, key: str) -> BlockList:
        lines = _lines(text)
        start = next(i for i, line in enumerate(lines) if _key(line) == key and line[0] != " ")
        found = cls(lines[:start], key)
        index = start + 1
        while index < len(lines) and lines[index].startswith("  "):
            line = lines[index]
            if line.startswith("  - "):
                match = re.match(r"^  - id: (\S+)\n?$", line)
                assert match, f"not a block entry: {line!r}"
                found.entries.append(Entry(match[1], [line]))
            else:
                assert line.startswith("    ") and found.entries, f"unexpected line {line!r}"
                found.entries[-1].lines.append(line)
            index += 1
        found.tail = lines[index:]
        return found

    def text(self, entries: list[Entry]) -> str:
        head = list(self.head)
        opening = f"{self.key}:\n" if entries else f"{self.key}: []\n"
        body = [line for entry in entries for line in entry.lines]
        return "".join([*head, opening, *body, *self.tail])

    def value(self, entry: Entry, key: str) -> str | None:
        for line in entry.lines:
            if _key(line) == key:
                return line.split(":", 1)[1].strip()
        return None


def _without(entry: Entry, key: str) -> Entry:
    lines = [line for line in entry.lines if _key(line) != key]
    assert lines and lines[0] == entry.lines[0], f"{key} opens entry {entry.id}"
    return Entry(entry.id, lines)


def inspection_as(final: str, rectified: Collection[str]) -> str:
    """An inspection with only the rectifications of ``rectified`` findings recorded."""
    found = BlockList.parse(final, "findings")
    entries = [e if e.id in rectified else _without(e, "rectified_on") for e in found.entries]
    return found.text(entries)


def checks_as(
    final: str, recorded: Collection[str], rectified: Collection[str], signed: bool
) -> str:
    """A contract's month of checks with the ``recorded`` checks, the ``rectified`` ones'
    rectification dates, and the office's sign-off (``assessed``) when ``signed``."""
    found = BlockList.parse(final, "checks")
    entries = [
        e if e.id in rectified else _without(e, "rectified_on")
        for e in found.entries
        if e.id in recorded
    ]
    if not signed:
        found.head = [
            NOT_SIGNED_OFF + "\n" if _key(line) == "assessed" else line for line in found.head
        ]
    return found.text(entries)


def claims_as_filed(final: str) -> str:
    """Claims as the department files them: every decision pending, no office's reason."""
    found = BlockList.parse(final, "claims")
    entries = []
    for entry in found.entries:
        entry = _without(entry, "reason")
        entry.lines = [
            re.sub(r"^(\s+)decision: \S+$", r"\1decision: pending", line.rstrip("\n")) + "\n"
            for line in entry.lines
        ]
        entries.append(entry)
    text = found.text(entries)
    assert all(c["decision"] == "pending" for c in _load(text)["claims"]), text
    return text


def decisions(final: str) -> list[tuple[str, str]]:
    """The claims' (id, decision) in file order."""
    return [(str(c["id"]), str(c["decision"])) for c in _load(final)["claims"]]


# ---------------------------------------------------------------- appeals


def appeal_as_filed(final: str) -> str:
    """An appeal as the department files it: pending, no decision."""
    kept = []
    for line in _lines(final):
        key = _key(line)
        if key in ("decision", "decided"):
            continue
        kept.append("status: pending\n" if key == "status" else line)
    text = "".join(kept)
    assert _load(text)["status"] == "pending", text
    return text


def as_published(text: str, changes: list[tuple[str, str]]) -> str:
    """An appeal's subject before the decision: each (now, then) text put back."""
    for now, then in changes:
        assert text.count(now) == 1, f"the appeal's change is not in its subject: {now!r}"
        text = text.replace(now, then)
    return text


# ---------------------------------------------------------------- org.yaml and indicators.yaml


def _top_blocks(text: str) -> list[tuple[str | None, list[str]]]:
    """Top-level blocks: (key, lines) for each top-level key with its indented lines,
    (None, lines) for comments and blank lines between them."""
    blocks: list[tuple[str | None, list[str]]] = []
    for line in _lines(text):
        if line.startswith((" ", "\t")) and blocks:
            blocks[-1][1].append(line)
        elif line.startswith("#") or not line.strip():
            blocks.append((None, [line]))
        else:
            blocks.append((_key(line), [line]))
    return blocks


def _list_entries(lines: list[str]) -> list[list[str]] | None:
    """A top-level key's list entries (``  - …`` with their deeper lines, each with the
    comment lines just before it), or None when its value is not such a list."""
    entries: list[list[str]] = []
    pending: list[str] = []
    for line in lines[1:]:
        if line.startswith("  - "):
            entries.append([*pending, line])
            pending = []
        elif line.startswith("  #") or not line.strip():
            pending.append(line)
        elif line.startswith("    ") and entries:
            entries[-1].append(line)
        else:
            return None
    if pending:
        return None
    return entries or None


def _entry_value(entry: list[str]) -> object:
    text = "".join(line[2:] for line in entry if not line.startswith("  #"))
    loaded = _load(text)
    return loaded[0] if isinstance(loaded, list) and loaded else None


def _starts_after(value: object, month: str) -> bool:
    return isinstance(value, dict) and str(value.get("from") or "") > month


def _named(departments: list[object]) -> set[str]:
    """The person ids the departments name as head or member."""
    named: set[str] = set()
    for department in departments:
        if not isinstance(department, dict):
            continue
        head = department.get("head")
        heads = [head] if isinstance(head, str) else [v.get("value") for v in head or []]
        members = [
            m if isinstance(m, str) else m.get("id") for m in department.get("members") or []
        ]
        named.update(str(person) for person in [*heads, *members] if person)
    return named


def as_of(final: str, month: str) -> str:
    """org.yaml (or indicators.yaml) as it stood in ``month``: the list entries whose own
    ``from`` is later (people, departments, versions of a setting) left out, and a person
    only when no department kept names them."""
    blocks = _top_blocks(final)
    entries = {key: _list_entries(lines) for key, lines in blocks if key}
    values = {key: [_entry_value(e) for e in found] for key, found in entries.items() if found}
    kept_departments = [v for v in values.get("departments", []) if not _starts_after(v, month)]
    named = _named(kept_departments)
    out: list[str] = []
    for key, lines in blocks:
        found = entries.get(key) if key else None
        if not found:
            out.extend(lines)
            continue
        out.append(lines[0])
        for entry, value in zip(found, values[key], strict=True):
            later = _starts_after(value, month)
            if key == "people" and isinstance(value, dict) and value.get("id") in named:
                later = False
            if not later:
                out.extend(entry)
    return "".join(out)


def routine_as_of(final: str, latest: str, head: str) -> str:
    """A routine file as it stood while ``head`` headed the department: the items that
    ``latest`` (the head in force in the last month, whom the final text names) owns
    named as ``head``'s."""
    if head == latest:
        return final
    owner = re.compile(rf"^(\s*owner: ){re.escape(latest)}$")
    lines = [owner.sub(rf"\g<1>{head}", line.rstrip("\n")) + "\n" for line in _lines(final)]
    assert lines != _lines(final), f"no item of {latest} in the routine file"
    return "".join(lines)


def added_entries(before: str, after: str) -> dict[str, list[object]]:
    """Top-level key -> the list entries of ``after`` that ``before`` did not have."""
    old = {key: _list_entries(lines) or [] for key, lines in _top_blocks(before) if key}
    new = {key: _list_entries(lines) or [] for key, lines in _top_blocks(after) if key}
    added: dict[str, list[object]] = {}
    for key, entries in new.items():
        had = ["".join(entry) for entry in old.get(key, [])]
        fresh = [_entry_value(e) for e in entries if "".join(e) not in had]
        if fresh:
            added[key] = fresh
    return added
