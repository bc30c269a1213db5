"""The catalogue of the site's and ``explain``'s text, and numbers and dates per language.

Problems have their own catalogue (``messages``); everything else a reader sees on the
published site or in ``kaoping explain`` is looked up here by a stable key, in one
catalogue per language (``labels/en.py``, ``labels/zh.py``). A test checks that both
have the same keys and the same ``{placeholders}``. Dates and money are formatted with Babel for the
language (2026年11月 / November 2026); points are written as the exports write them
(``94.73``, ``19.5``, ``19``), so a figure on the site reads as in ``results.json``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import format_decimal, format_percent

from scoring.exports import number_text
from scoring.labels import en, zh

LANGUAGES = ("zh", "en")
LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}

TEXT: dict[str, dict[str, str]] = {"en": en.TEXT, "zh": zh.TEXT}


def language_of(language: str | None) -> str:
    return language if language in TEXT else "en"


@cache
def _locale(language: str | None) -> Locale:
    """The Babel locale of a language, parsed once (parsing it per call is most of a date's cost)."""
    return Locale.parse(LOCALES[language_of(language)])


def text(key: str, language: str, **params: object) -> str:
    """The text of ``key`` in ``language`` with ``params`` filled in (already formatted)."""
    table = TEXT[language_of(language)]
    template = table.get(key, TEXT["en"].get(key, key))
    return template.format(**params) if params else template


# ---------------------------------------------------------------- numbers and dates


def points(value: Decimal | int | None) -> str:
    """Points as the exports write them: 94.73, 19.5, 19; a dash for none."""
    return "–" if value is None else number_text(value)


def money(value: Decimal | None, language: str) -> str:
    """A sum in yuan with two decimals and grouping: 48,000.00."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.00", locale=_locale(language))


def share(value: Decimal | None, language: str) -> str:
    """A share of the fee as a percentage: 0.98 -> 98%."""
    if value is None:
        return "–"
    return format_percent(value, format="#,##0.##%", locale=_locale(language))


@lru_cache(maxsize=65536)  # a site prints the same few thousand dates many times
def date(value: dt.date | None, language: str) -> str:
    """2026年11月25日 / 25 November 2026."""
    if value is None:
        return "–"
    from babel.dates import format_date  # dates only where shown: the commands start without

    return format_date(value, format="long", locale=_locale(language))


@lru_cache(maxsize=4096)
def month(value: str | None, language: str) -> str:
    """``2026-11`` -> 2026年11月 / November 2026."""
    if not value:
        return "–"
    first = dt.date(int(value[:4]), int(value[5:7]), 1)
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", first, locale=_locale(language))


@lru_cache(maxsize=4096)
def short_month(value: str, language: str) -> str:
    """``2026-11`` -> 2026年11月 / Nov 2026 (chart axes)."""
    first = dt.date(int(value[:4]), int(value[5:7]), 1)
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", first, locale=_locale(language))


def timestamp(value: str, language: str) -> str:
    """A git ISO 8601 date (2026-11-25T10:12:00+08:00) as its calendar date."""
    try:
        return date(dt.date.fromisoformat(value[:10]), language)
    except ValueError:
        return value
