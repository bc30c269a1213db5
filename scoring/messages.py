"""Problem messages rendered from the catalogues (``scoring.labels``), one per language.

A problem carries a stable code and its parameters; its text is rendered here in the
organisation's language. Every code has an entry in both tables (a test checks it);
``docs`` lists the codes for the documentation.
"""

from __future__ import annotations

import unicodedata

from scoring.labels import CATALOGUES

PROBLEMS = {language: catalogue.PROBLEMS for language, catalogue in CATALOGUES.items()}

# Words that problems pass as parameters (what kind of thing, what YAML read), per language.
TERMS = {language: catalogue.TERMS for language, catalogue in CATALOGUES.items()}
_TERM_PARAMS = ("what", "meaning", "found", "level", "allowed", "expected")

HINTS = {language: catalogue.HINTS for language, catalogue in CATALOGUES.items()}

CLAIM_REASONS = {language: catalogue.CLAIM_REASONS for language, catalogue in CATALOGUES.items()}
_REASONED = ("invalid-claim", "claim-cannot-be-valid")  # codes whose `reason` is a reason code

# Parameters holding a status id, per code, and the catalogue entries naming its values
# (``TEXT["status.published"]``): the message shows the name and the id as typed.
_STATUS = {"status": "status."}
_APPEAL_STATUS = {"status": "appeal."}
_NAMED_PARAMS = {
    "published-date": _STATUS,
    "published-too-early": _STATUS,
    "closed-too-early": _STATUS,
    "missing-record": _STATUS,
    "not-assessed": _STATUS,
    "pending-claim": _STATUS,
    "status-backwards": {"before": "status.", "after": "status."},
    "decided-required": _APPEAL_STATUS,
    "decision-required": _APPEAL_STATUS,
    "decided-appeal-changed": _APPEAL_STATUS,
}


UI = {language: catalogue.UI for language, catalogue in CATALOGUES.items()}


def ui_text(key: str, language: str = "en") -> str:
    """A line of the command line's own text in ``language``."""
    return UI.get(language, UI["en"]).get(key) or UI["en"][key]


# Characters that would not show as themselves on one line of a terminal or an annotation:
# controls (terminal escapes, line breaks), invisible format characters (bidirectional
# overrides), line and paragraph separators, lone surrogates.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_LONGEST_SHOWN = 1_000  # a record value quoted in a message; a message stays one line
_UNABRIDGED = ("moved",)  # the list of moved figures is the message's point


def visible(text: str) -> str:
    """``text`` with every hidden character written as its escape (``\\x1b``, ``\\u202e``)."""
    if text.isprintable():
        return text
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in HIDDEN_CATEGORIES
        else character
        for character in text
    )


def _shown(key: str, value: str) -> str:
    if len(value) > _LONGEST_SHOWN and key not in _UNABRIDGED:
        value = value[:_LONGEST_SHOWN] + "…"
    return visible(value)


def problem_text(code: str, params: dict[str, str], language: str = "en") -> str:
    """The problem's message in ``language`` (English when the language lacks it).

    Values quoted from records are shown visibly and abridged, so a record can never put
    a terminal escape, a second line or a forged annotation into the output.
    """
    table = PROBLEMS.get(language, PROBLEMS["en"])
    terms = TERMS.get(language, {})
    params = {k: _shown(k, v) for k, v in params.items()}
    params = {k: terms.get(v, v) if k in _TERM_PARAMS else v for k, v in params.items()}
    template = table.get(code) or PROBLEMS["en"].get(code) or code
    for key, prefix in _NAMED_PARAMS.get(code, {}).items():
        if key in params:
            params[key] = _named(params[key], prefix, language)
    if code in _REASONED and "reason" in params:
        reasons = CLAIM_REASONS.get(language, {})
        reason = reasons.get(params["reason"], params["reason"])
        params = {**params, "reason": reason.format(**params) if "{" in reason else reason}
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        text = f"{template} {params}"
    if params.get("hint"):
        text += HINTS.get(language, HINTS["en"]).format(hint=params["hint"])
    return text


def _named(value: str, prefix: str, language: str) -> str:
    """A status id as a message shows it: its name in ``language`` and the id typed."""
    catalogue = CATALOGUES.get(language, CATALOGUES["en"])
    name = catalogue.TEXT.get(prefix + value)
    if name is None:
        return f"`{value}`"
    return catalogue.NAMED.format(name=name, id=value)


def problems_markdown() -> str:
    """docs/problems.md: every problem code with its message in each language."""
    lines = [
        "# Problem codes",
        "",
        "Every problem `kaoping validate` (and `check-lock`) reports has a stable code. The",
        "message is shown in the organisation's language; placeholders are in braces.",
        "",
        "The third column says what raises it: a validation rule (`rule:ID`, documented by",
        "its docstring in `scoring/checks/`), reading a file, the seal check, what git",
        "tracks, or `check-lock`.",
        "",
        "| code | message (en) | raised by | message (zh) |",
        "|---|---|---|---|",
    ]
    from scoring.codes import owners  # the rules import this module's catalogue

    raised_by = owners()
    for code, english in PROBLEMS["en"].items():
        by = ", ".join(f"`{owner}`" for owner in raised_by.get(code, []))
        cells = [f"`{code}`", english, by, PROBLEMS["zh"][code]]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
