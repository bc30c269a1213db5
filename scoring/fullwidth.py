"""Full-width punctuation where YAML needs ASCII: the commonest Chinese typing mistakes.

A Chinese input method types ``：`` for ``:``, an ideographic space (U+3000) for a
space, ``［］｛｝`` for ``[]{}`` and ``，`` for ``,``. YAML does not know them: a
full-width colon leaves a line without a key (libyaml then complains about the next
line, in English), a full-width space is a character of the value, a full-width comma
joins two list items into one. The loader asks ``mistakes`` for the exact line and
column of each such character, in two situations:

- the file parsed: only mistakes that cannot be meant are reported (an ASCII key
  followed by ``：`` or by ``:`` and U+3000 at the start of a line, U+3000 in the
  indentation, a value wrapped in full-width brackets, full-width commas and colons
  where a flow list or mapping separates its entries);
- libyaml refused the file: the same, and around the line libyaml names (``near``)
  also a name typed as a key with ``：`` (``办公室：90``) and a value opened with a
  Chinese quotation mark (``title: “注意: 防冻”``: the quotes do not quote).

Free text keeps its full-width punctuation: a ``：`` or ``，`` inside a title, a
quoted value, a comment or a block scalar (``|``, ``>``) is never looked at. Only
lines holding one of the characters are examined, so a file without them costs one
scan of its text (``SUSPECT``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scoring.problems import Pos, Problem, error

SUSPECT = re.compile("[：\u3000［］｛｝，“‘]")
SPACE = "\u3000"
# What a file that parsed must show for a line to be worth a look: a full-width space or
# bracket anywhere, an ASCII key followed by ``：`` at a line's start, or a ``，`` after a
# ``[`` or ``{`` on a line. Chinese text is full of ``：`` and ``，``; these keep the cost
# of a file without mistakes to a few scans of its text.
_RARE = (SPACE, "［", "］", "｛", "｝")
_KEY_PREFIX = re.compile(r"[ -]*[A-Za-z_][A-Za-z0-9_-]*[ ]*")
_FLOW_COMMA = re.compile(r"[\[{][^\n]*，")
OPENERS = {"［": "[", "｛": "{"}
CLOSERS = {"］": "]", "｝": "}"}
_INDENT = re.compile(f"[ {SPACE}]*")
_GAP = re.compile(f"[ {SPACE}]*")
# A key as records write them, then the separator typed: ``title：``, ``title:　``.
_KEY = re.compile(f"([A-Za-z_][A-Za-z0-9_-]*)([ {SPACE}]*)([:：])")
# A name typed as a key (``办公室：``): short, no spaces, not punctuation; trusted near an error only.
_NAME_KEY = re.compile(
    f"([^\\s:：#\\[\\]{{}},，\"'`［｛“‘-][^\\s:：,，\"']{{0,15}})([ {SPACE}]*)："
)
_KEY_AHEAD = re.compile(f"[ {SPACE}]*[A-Za-z_][A-Za-z0-9_-]*[ {SPACE}]*[:：]")
_ASCII_KEY = re.compile(r"[ ]*[A-Za-z_][A-Za-z0-9_-]*[ ]*$")
_BLOCK_HEADER = re.compile(r"(?m)^( *)[^\n]*(?:^|[ :-])[|>][0-9+-]*[ ]*(?:#[^\n]*)?$")
_QUOTES = {"“": "”", "‘": "’"}

Finding = tuple[int, str, dict[str, str]]  # a 0-based column, the code, its parameters


def mistakes(path: str, text: str, near: tuple[int, int] | None = None) -> list[Problem]:
    """Full-width characters standing where YAML needs ASCII, one problem each.

    ``near`` (1-based first and last line) is where libyaml stopped when the file did
    not parse: there, names typed as keys and Chinese quotation marks count too.
    """
    if not (_worth_a_look(text) if near is None else SUSPECT.search(text)):
        return []
    lines = text.split("\n")
    skipped = _block_lines(text, lines)
    problems = []
    for number in _suspect_lines(text):
        if number in skipped:
            continue
        close = near is not None and near[0] <= number + 1 <= near[1]
        for column, code, params in _line(lines[number], close):
            line = number + 1
            at = Pos(path, line, column + 1)
            problems.append(error(at, code, line=line, column=column + 1, **params))
    return problems


def _worth_a_look(text: str) -> bool:
    if any(character in text for character in _RARE):
        return True
    colon = text.find("：")
    while colon >= 0:  # a few in a file: each checked for a key before it
        start = text.rfind("\n", 0, colon) + 1
        if _KEY_PREFIX.fullmatch(text, start, colon):
            return True
        colon = text.find("：", colon + 1)
    return "，" in text and ("[" in text or "{" in text) and bool(_FLOW_COMMA.search(text))


def _suspect_lines(text: str) -> Iterator[int]:
    """The 0-based numbers of the lines holding a suspect character, ascending, once each."""
    line = 0
    start = 0
    last = -1
    for match in SUSPECT.finditer(text):
        line += text.count("\n", start, match.start())
        start = match.start()
        if line != last:
            last = line
            yield line


def _block_lines(text: str, lines: list[str]) -> set[int]:
    """The 0-based lines inside block scalars (``key: |`` and what is indented below it)."""
    if "|" not in text and ">" not in text:
        return set()
    inside: set[int] = set()
    for header in _BLOCK_HEADER.finditer(text):
        number = text.count("\n", 0, header.start())
        indent = len(header.group(1))
        following = number + 1
        while following < len(lines):
            body = lines[following]
            if body.strip() and len(body) - len(body.lstrip(" ")) <= indent:
                break
            inside.add(following)
            following += 1
    return inside


def _line(line: str, near: bool) -> list[Finding]:
    """The mistakes of one line: indentation, list dashes, a key's separator, its value."""
    found: list[Finding] = []
    indent = _INDENT.match(line)
    assert indent is not None
    at = indent.end()
    if SPACE in indent.group():
        found.append((indent.group().index(SPACE), "full-width-space", {}))
    if line.startswith("#", at):
        return found
    while line.startswith("-", at) and line[at + 1 : at + 2] in (" ", SPACE):
        gap = _GAP.match(line, at + 1)
        assert gap is not None
        if SPACE in gap.group():
            found.append((at + 1 + gap.group().index(SPACE), "full-width-space", {}))
        at = gap.end()
    key = _KEY.match(line, at) or (_NAME_KEY.match(line, at) if near else None)
    if key:
        separator = key.start(3) if key.lastindex == 3 else key.end() - 1
        after = separator + 1
        if SPACE in key.group(2):
            found.append((key.start(2) + key.group(2).index(SPACE), "full-width-space", {}))
        if line[separator] == "：":
            found.append((separator, "full-width-colon", {}))
        elif line.startswith(SPACE, after):
            found.append((after, "full-width-space", {}))
        elif after < len(line) and line[after] not in " #":
            return found  # ``http://…``: not a key after all, and no value to look at
        gap = _GAP.match(line, after)
        assert gap is not None
        at = gap.end()
    found.extend(_value(line, at, near))
    return found


def _value(line: str, at: int, near: bool) -> list[Finding]:
    """A value written on the line from ``at``: full-width brackets, a flow collection."""
    first = line[at : at + 1]
    if first in OPENERS:
        body = line[at:].split(" #", 1)[0].rstrip(" ")
        if body[-1:] not in "］｝]}" or len(body) < 2:
            return []  # free text that happens to open with a bracket
        return [
            (at + offset, *_flow_mistake(character))
            for offset, character in enumerate(body)
            if character in OPENERS or character in CLOSERS or character == "，"
        ]
    if first in ("[", "{"):
        return list(_flow(line, at))
    if near and first in _QUOTES:
        body = line[at:].split(" #", 1)[0].rstrip(" ")
        # quotes meant to quote a colon, which YAML then reads as a key: “注意: 防冻”
        if len(body) > 1 and body.endswith(_QUOTES[first]) and ": " in body:
            return [(at, "chinese-quotes", {"open": first, "close": _QUOTES[first]})]
    return []


def _flow_mistake(character: str) -> tuple[str, dict[str, str]]:
    if character == "，":
        return "full-width-comma", {}
    ascii_form = OPENERS.get(character) or CLOSERS[character]
    return "full-width-bracket", {"character": character, "ascii": ascii_form}


def _flow(line: str, at: int) -> Iterator[Finding]:
    """The mistakes inside a flow collection that starts at ``at`` (this line only)."""
    stack: list[str] = []
    token = at  # where the current entry (key or item) began
    index = at
    while index < len(line):
        character = line[index]
        if character in "[{":
            stack.append(character)
            token = index + 1
        elif character in OPENERS:
            yield index, *_flow_mistake(character)
            stack.append(OPENERS[character])
            token = index + 1
        elif character in "]}" or character in CLOSERS:
            if character in CLOSERS:
                yield index, *_flow_mistake(character)
            if stack:
                stack.pop()
            if not stack:
                return
        elif character == ",":
            token = index + 1
        elif character == "，" and stack:
            if stack[-1] == "[" or _KEY_AHEAD.match(line, index + 1):
                yield index, "full-width-comma", {}
                token = index + 1
        elif character == "：" and stack and stack[-1] == "{":
            if _ASCII_KEY.match(line, token, index):
                yield index, "full-width-colon", {}
                token = index + 1
        elif character == SPACE and not line[token:index].strip(" "):
            yield index, "full-width-space", {}
        elif character in "\"'" and not line[token:index].strip(" "):
            index = _closing_quote(line, index)
        elif character == "#" and line[index - 1 : index] == " ":
            return
        index += 1


def _closing_quote(line: str, index: int) -> int:
    """The index of the quote closing the one at ``index`` (the line's end when none)."""
    quote = line[index]
    index += 1
    while index < len(line):
        if line[index] == "\\" and quote == '"':
            index += 2
            continue
        if line[index] == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return index


def repair(text: str, problems: list[Problem]) -> tuple[str, dict[int, list[int]]]:
    """``text`` with the full-width characters of ``problems`` typed as meant (``：`` as
    ``: ``, U+3000 as a space, ``［，］`` as ``[,]``, “…” as "…"), so that the rest of a file
    libyaml refused can be read; and, per line, the columns of the repaired line where a
    space was added after a colon (every later column on it is one more than written)."""
    lines = text.split("\n")
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        if problem.line is not None and problem.column is not None:
            by_line.setdefault(problem.line, []).append(problem)
    added: dict[int, list[int]] = {}
    for number, found in by_line.items():
        written = lines[number - 1]
        characters = list(written)
        spaced: set[int] = set()
        for problem in found:
            index = (problem.column or 1) - 1
            character = written[index : index + 1]
            if character == "：":
                characters[index] = ":"
                if written[index + 1 : index + 2] not in ("", " ", SPACE):
                    spaced.add(index)
            elif character == SPACE:
                characters[index] = " "
            elif character in OPENERS or character in CLOSERS:
                characters[index] = OPENERS.get(character) or CLOSERS[character]
            elif character == "，":
                characters[index] = ","
            elif character in _QUOTES:
                close = written.rfind(_QUOTES[character])
                inside = written[index + 1 : close]
                if close > index and '"' not in inside and "\\" not in inside:
                    characters[index] = characters[close] = '"'
        repaired: list[str] = []
        columns = []
        for index, character in enumerate(characters):
            repaired.append(character)
            if index in spaced:
                repaired.append(" ")
                columns.append(len(repaired))
        lines[number - 1] = "".join(repaired)
        if columns:
            added[number] = columns
    return "\n".join(lines), added
