"""The command line in the organisation's language: help, usage errors and every line said.

How it works (follow it when adding or converting a command):

1. **The language is known before click renders anything.** ``Group.main`` reads
   ``language:`` from the org.yaml of the records folder the arguments name
   (``--records DIR``, else ``records/`` at the top of the git work tree, else
   ``./records``) with a cheap look at the text, not a parse; without one, the
   ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` environment (``zh…`` → Chinese),
   else English. It travels as the root context's ``obj`` (a ``Session``);
   ``language()`` reads it inside a command.
2. **Every text is a key of the ``UI`` table of both catalogues** (``scoring/labels/``):
   - a command's help is ``help.COMMAND`` (its first line is the summary listed by
     ``kaoping --help``; a blank line, then the rest);
   - an option's help is ``help.COMMAND.PARAM`` (PARAM is the Python name, e.g.
     ``output_format``), else ``help.option.PARAM`` for options every command shares
     (``records``, ``no_cache``);
   - a line a command prints is ``say("cli.KEY", **params)``; a usage error (exit 2)
     is ``raise usage_error("cli.KEY", **params)``.
   Decorators need no ``help=`` text: the catalogue holds it (a test checks that every
   command and option has its keys in both languages). The function's docstring stays
   what it is for developers.
3. **Click's own words** (``Usage:``, ``Options``, ``[default: …]``, ``Error: …``, the
   messages of its parser and types) are rendered by ``Command``/``Group`` here from
   the ``cli.*`` keys; ``Group.command`` makes ``Command``s, so ``@cli.command()`` is all
   a new command needs.

Problems found in the records are not rendered here: they carry codes and are worded
by ``scoring.messages`` in the language of the records' own org.yaml.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click

from scoring.messages import UI, ui_text

_LANGUAGE = re.compile(r"""^language:[ \t]*["']?(zh|en)\b""", re.M)
_ORG_HEAD = 65_536  # `language:` sits near the top of org.yaml; never read a whole large file


@dataclass(frozen=True)
class Session:
    """What the command line knows before a command runs: the language to speak."""

    language: str = "en"


def default_records(start: Path | None = None) -> Path:
    """``records/`` at the top of the git work tree around ``start`` (the current folder),
    else ``./records`` (DESIGN.md §6): a command run from a subfolder finds the records."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder / "records"
    return Path("records")


def _records_argument(arguments: Sequence[str]) -> Path | None:
    for index, argument in enumerate(arguments):
        if argument == "--":
            return None
        if argument == "--records" and index + 1 < len(arguments):
            return Path(arguments[index + 1])
        if argument.startswith("--records="):
            return Path(argument.partition("=")[2])
    return None


def detect_language(arguments: Sequence[str]) -> str:
    """The organisation's language for a command line (see the module's docstring)."""
    records = _records_argument(arguments) or default_records()
    try:
        with open(records / "org.yaml", "rb") as handle:
            head = handle.read(_ORG_HEAD).decode("utf-8", errors="replace")
    except OSError:
        head = ""
    found = _LANGUAGE.search(head)
    if found:
        return found.group(1)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def language(ctx: click.Context | None = None) -> str:
    """The language of the running command line (English outside one)."""
    ctx = ctx or click.get_current_context(silent=True)
    session = ctx.find_root().obj if ctx is not None else None
    return session.language if isinstance(session, Session) else "en"


def say(key: str, **params: object) -> str:
    """The command line's text ``key`` in its language, with ``params`` filled in."""
    return _said(None, key, **params)


def _said(ctx: click.Context | None, key: str, **params: object) -> str:
    text = ui_text(key, language(ctx))
    return text.format(**params) if params else text


def usage_error(key: str, **params: object) -> click.UsageError:
    """A usage error (exit 2) worded by the catalogue; raise it."""
    return click.UsageError(say(key, **params))


# ---------------------------------------------------------------- help

_CLOSING = frozenset("，。、；：？！）」』》〉】”’")  # never starts a line
_OPENING = frozenset("（「『《〈【“‘")  # never ends one


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if _wide(character) else 1 for character in text)


def _units(text: str) -> list[str]:
    """What a line may break between: words of narrow characters, each wide character,
    and spaces; punctuation stays with the character it follows or precedes."""
    units: list[str] = []
    glue = False  # the next unit joins the last one (which ends with an opening bracket)

    def push(unit: str) -> None:
        nonlocal glue
        if glue and units:
            units[-1] += unit
        else:
            units.append(unit)
        glue = unit[-1] in _OPENING

    word = ""
    for character in text:
        if character != " " and not _wide(character):
            word += character
            continue
        if word:
            push(word)
            word = ""
        if character == " ":
            units.append(" ")
            glue = False
        elif character in _CLOSING and units and units[-1] != " ":
            units[-1] += character
        else:
            push(character)
    if word:
        push(word)
    return units


def wrap(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped to lines of ``width`` terminal columns starting with ``indent``,
    paragraphs kept: Chinese breaks between characters (never before closing
    punctuation, nor after opening), other text between words."""
    room = max(width - len(indent), 10)
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines: list[str] = []
        line, used = "", 0
        for unit in _units(" ".join(paragraph.split())):
            if unit == " ":
                if line:
                    line += " "
                    used += 1
                continue
            size = _width(unit)
            if used + size > room and line.strip():
                lines.append(indent + line.rstrip())
                line, used = "", 0
            line += unit
            used += size
        lines.append(indent + line.rstrip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


class Formatter(click.HelpFormatter):
    """Click's help layout, measuring Chinese text by the columns it takes."""

    def write_heading(self, heading: str) -> None:
        colon = (
            "：" if heading and _wide(heading[-1]) else ":"
        )  # a Chinese heading, a Chinese colon
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        first_column = min(max((_width(first) for first, _ in rows), default=0), col_max)
        first_column += col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _width(first) <= first_column - col_spacing:
                self.write(" " * (first_column - _width(first)))
            else:
                self.write("\n" + " " * (first_column + self.current_indent))
            indent = " " * (first_column + self.current_indent)
            text_width = max(self.width - first_column - 2, 10)
            self.write(wrap(second, text_width + len(indent), indent).lstrip(" ") + "\n")


class Context(click.Context):
    formatter_class = Formatter


def _help(ctx: click.Context, key: str) -> str | None:
    return UI.get(language(ctx), UI["en"]).get(key) or UI["en"].get(key)


def _command_key(ctx: click.Context, command: click.Command) -> str:
    """``help.NAME``; a subcommand's NAME is its path under ``kaoping`` (``evidence add``)."""
    path = ctx.command_path.split()[1:]
    if ctx.command is not command:  # a group listing one of its commands
        path.append(command.name or "")
    return "help." + " ".join(path or [command.name or ""])


def command_help(ctx: click.Context, command: click.Command) -> str:
    """A command's help in the language (its docstring when the catalogue lacks it)."""
    return _help(ctx, _command_key(ctx, command)) or (command.help or "")


def option_help(ctx: click.Context, command: click.Command, param: click.Parameter) -> str:
    found = _help(ctx, f"{_command_key(ctx, command)}.{param.name}") or _help(
        ctx, f"help.option.{param.name}"
    )
    return found or getattr(param, "help", None) or ""


class Command(click.Command):
    """A click command whose help and usage speak the organisation's language."""

    context_class = Context

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [_said(ctx, "cli.options-metavar")]
        for param in self.get_params(ctx):
            pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_said(ctx, "cli.usage"))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = command_help(ctx, self)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or not isinstance(param, click.Option):
                continue
            if param.name == "help":
                text = _said(ctx, "cli.help-option")
            else:
                text = option_help(ctx, self, param)
                default = param.get_help_extra(ctx).get("default")
                if default:
                    text = f"{text}{_said(ctx, 'cli.default', value=default)}".strip()
            rows.append((record[0], text))
        if rows:
            with formatter.section(_said(ctx, "cli.options")):
                formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(command_help(click.get_current_context(), self))


def summary(text: str) -> str:
    """The first line of a help text: what ``kaoping --help`` lists."""
    return text.strip().splitlines()[0] if text.strip() else ""


class Group(click.Group):
    """The ``kaoping`` group: detects the language, localises help and usage errors."""

    command_class = Command
    context_class = Context
    group_class = type  # a group of commands (``kaoping evidence``) speaks the language too

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        extra.setdefault("obj", Session(detect_language(arguments)))
        return super().main(arguments, prog_name, complete_var, standalone_mode, **extra)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            _localise(exc, extra.get("obj"))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            _localise(exc, ctx.find_root().obj)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_said(ctx, "cli.options-metavar"), _said(ctx, "cli.command-metavar")]

    format_usage = Command.format_usage
    format_help_text = Command.format_help_text

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)  # type: ignore[arg-type]
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command_help(ctx, command))))
        if rows:
            with formatter.section(_said(ctx, "cli.commands")):
                formatter.write_dl(rows)


# ---------------------------------------------------------------- usage errors

# Click's own English messages, recognised to be said again in the language.
_CLICK_MESSAGES = (
    (re.compile(r"^No such command '(?P<name>.+)'\.$"), "cli.no-such-command"),
    (re.compile(r"^Option '(?P<option>.+)' requires an argument\.$"), "cli.option-needs-value"),
    (re.compile(r"^Option '(?P<option>.+)' does not take a value\.$"), "cli.option-takes-no-value"),
    (re.compile(r"^Got unexpected extra arguments? \((?P<arguments>.+)\)$"), "cli.extra-arguments"),
    (re.compile(r"^'?(?P<value>.*?)'? is not one of (?P<choices>.+)\.$"), "cli.bad-choice"),
    (re.compile(r"^'?(?P<value>.*?)'? is not a valid integer(?: range)?\.$"), "cli.bad-integer"),
    (re.compile(r"^(?P<value>.+) is not in the range (?P<range>.+)\.$"), "cli.out-of-range"),
    (re.compile(r"^Directory '(?P<path>.+)' is a file\.$"), "cli.is-a-file"),
)


def click_message(exc: click.ClickException, language_code: str) -> str:
    """A click exception's message in ``language_code``."""
    text = lambda key, **params: ui_text(key, language_code).format(**params)  # noqa: E731
    if isinstance(exc, click.NoSuchOption):
        message = text("cli.no-such-option", option=exc.option_name)
        if exc.possibilities:
            message += text("cli.did-you-mean", options=", ".join(sorted(exc.possibilities)))
        return message
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Argument):
            return text("cli.missing-argument", name=exc.param.human_readable_name)
        return text("cli.missing-option", name=exc.param.opts[0] if exc.param.opts else "")
    message = _said_again(exc.message, text)
    if isinstance(exc, click.BadParameter):
        hint: Any = exc.param_hint
        if hint is None and exc.param is not None:
            hint = exc.param.get_error_hint(exc.ctx) if exc.ctx else exc.param.name
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        if hint:
            return text("cli.bad-value", param=str(hint).strip("'\""), message=message)
    return message


def _said_again(message: str, text: Any) -> str:
    for pattern, key in _CLICK_MESSAGES:
        found = pattern.match(message)
        if found:
            params = {name: value.replace("'", "") for name, value in found.groupdict().items()}
            return str(text(key, **params))
    return message


class LocalisedError(click.UsageError):
    """A usage error that shows itself in the language: usage line, hint, message."""

    def __init__(self, message: str, ctx: click.Context | None, language_code: str, code: int):
        super().__init__(message, ctx)
        self.language = language_code
        self.exit_code = code

    def show(self, file: Any = None) -> None:
        said = lambda key, **params: ui_text(key, self.language).format(**params)  # noqa: E731
        stream = file or click.get_text_stream("stderr")
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), file=stream)
            click.echo(said("cli.try-help", command=self.ctx.command_path), file=stream)
        click.echo(said("cli.error", message=self.format_message()), file=stream)


def _localise(exc: click.ClickException, session: object) -> NoReturn:
    """Raise ``exc`` again, worded in the session's language."""
    if isinstance(exc, (LocalisedError, click.exceptions.NoArgsIsHelpError)):
        raise exc
    language_code = session.language if isinstance(session, Session) else "en"
    ctx = getattr(exc, "ctx", None)
    message = click_message(exc, language_code)
    raise LocalisedError(message, ctx, language_code, exc.exit_code) from None
