"""Rendering: Jinja2 templates (autoescape on) into the HTML of the generated pages.

A generated page reaches MkDocs as a small Markdown file (``page_file``: its front
matter, and on the home page the hand-written introduction); the HTML rendered from
its template is put in place after Markdown (the plugin's ``on_page_content``), so
no record text and none of the page's HTML ever goes through Markdown. Every value a
template prints is HTML-escaped, and ``neutralise`` also turns the characters
Markdown, MkDocs macros (``{{ }}``) and attribute lists give meaning to into numeric
character references, in one pass; the JSON a chart reads is escaped likewise. A
page's title (from records: a department's name) is escaped the same way before
MkDocs puts it into ``<title>`` and the header, which Material prints without escaping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from scoring import i18n

# HTML's own characters, and those with a meaning to Markdown, attr_list or MkDocs
# macros (``{{ }}``, ``{% %}``), as character references: one table, one pass
_INERT = {ord(character): f"&#{ord(character)};" for character in "{}[]()*_`#|\\!~$%"}
_INERT |= {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_INERT |= {ord('"'): "&#34;", ord("'"): "&#39;"}
_CODE = re.compile("`([^`]*)`")


def neutralise(value: object) -> Markup:
    """A value as inert HTML text (already-safe markup passes through)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(str(value).translate(_INERT))


def _finalize(value: object) -> object:
    """Autoescape's hook: every printed value made inert once (autoescape then keeps it)."""
    if type(value) is str:  # the common case, without the checks below
        return Markup(value.translate(_INERT))
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return neutralise(value)


def _json_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, Decimal):
        return i18n.points(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=True)
        for character in "<>&'{}[]`":
            text = text.replace(character, f"\\u{ord(character):04x}")
        return text
    if isinstance(value, Mapping):
        items = (f"{_json_text(str(k))}:{_json_text(v)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json_text(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def inert_json(value: Any) -> Markup:
    """JSON for a data attribute: strings escaped so no markup or macro syntax survives."""
    return Markup(str(escape(_json_text(value))))


def code_spans(template: str, params: Mapping[str, object]) -> Markup:
    """A catalogue text (ours) filled with inert ``params``, its `backticked` parts as
    ``<code>``: a record's backticks are character references by then, so only the
    catalogue's own become code."""
    text = Markup(escape(template)).format(**{k: neutralise(v) for k, v in params.items()})
    return Markup(_CODE.sub(r"<code>\1</code>", str(text)))


def title_text(text: str) -> str:
    """A page title for MkDocs' front matter: escaped, since the theme prints it raw."""
    return str(neutralise(text))


def decimals(value: Decimal | int | None) -> int:
    """How many decimals a figure needs (at most two: points have at most two)."""
    if value is None or isinstance(value, int):
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(2, max(0, -exponent)) if isinstance(exponent, int) else 0


def places(values: Iterable[Decimal | int | None]) -> int:
    """The decimals of a column: as many as its most precise figure needs."""
    return max((decimals(value) for value in values), default=0)


def fixed(value: Decimal | int | None, places: int = 2) -> str:
    """A figure with exactly ``places`` decimals (a dash for none): 98.60, 80.0."""
    if value is None:
        return "–"
    return f"{Decimal(value):.{places}f}"


def grade_order(grades: Iterable[Any], grade: str | None) -> int:
    """A grade's place in its table, best first (for sorting); no grade sorts last."""
    order = [g.id for g in grades]
    return order.index(grade) if grade in order else len(order)


def yuan(value: Decimal | None, language: str) -> str:
    """A sum of money with its currency: 48,000.00 元 / CNY 48,000.00."""
    if value is None:
        return "–"
    return i18n.text("money", language, amount=i18n.money(value, language))


def signed(value: Decimal | int | None, places: int = 2) -> str:
    """A change of points with its sign: +0.5, −1.0 (a true minus sign); a dash for none."""
    if value is None:
        return "–"
    text = fixed(-value if value < 0 else value, places)
    return f"−{text}" if value < 0 else f"+{text}"


@pass_context
def _url(context: Context, target: str) -> str:
    """A site-relative URL (``months/2026-11/``) relative to the page being rendered."""
    return get_relative_url(target, context["page_url"])


def environment(language: str) -> Environment:
    """The template environment of one build, its labels in ``language``."""
    env = Environment(
        loader=PackageLoader("scoring.site", "templates"),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )

    def t(key: str, **params: object) -> str:
        return i18n.text(key, language, **params)

    def tc(key: str, **params: object) -> Markup:
        """A label whose `backticked` parts are commands or file names, set as code."""
        return code_spans(i18n.text(key, language), params)

    filters: dict[str, Callable[..., object]] = {
        "pts": i18n.points,
        "money": lambda value: yuan(value, language),
        "share": lambda value: i18n.share(value, language),
        "date": lambda value: i18n.date(value, language),
        "month": lambda value: i18n.month(value, language),
        "short_month": lambda value: i18n.short_month(value, language),
        "timestamp": lambda value: i18n.timestamp(value, language),
        "inert_json": inert_json,
        "fixed": fixed,
        "places": places,
        "signed": signed,
    }
    env.filters.update(filters)
    env.globals.update(t=t, tc=tc, url=_url, language=language, grade_order=grade_order)
    return env


def page_file(title: str, html: str, intro: str = "", meta: Mapping[str, Any] | None = None) -> str:
    """The Markdown file of a generated page: front matter, the hand-written ``intro``
    (Markdown, on the home page only) and, unless ``html`` is empty, one raw HTML block.

    The plugin writes it without the HTML (which it puts in place after Markdown); with
    the HTML it is an ordinary Markdown page, as the benchmark's bare build uses it."""
    fields = dict(meta or {})
    fields.setdefault("title", title_text(title))
    front = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()
    )
    # no blank line inside the block: Markdown would end the HTML block there
    body = "\n".join(line for line in html.splitlines() if line.strip())
    intro = f"{intro.strip()}\n\n" if intro.strip() else ""
    block = f'<div class="kp">\n{body}\n</div>\n' if body else ""
    return f"---\n{front}\n---\n\n{intro}{block}"
