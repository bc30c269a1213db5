"""Search: a few compact entries for each record page instead of its full text.

Record pages (a month, a department, a contract, a month's history) keep their full
text out of the index (``search: exclude`` in their front matter, which Material's
search plugin honours): at the sizes of DESIGN.md §10 that text is over a hundred
megabytes that every reader's browser would download. What people look for on those
pages (names, target titles, reasons, findings, claims, appeals) is indexed instead,
one entry per page or per section (``page.SearchEntry``; a page's own entry before its
sections', which Material groups under it), its Chinese segmented with
jieba as Material segments it, and escaped as Material escapes the text it indexes,
since the search results show it as HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from scoring.site.page import SearchEntry

try:
    import jieba
except ImportError:  # pragma: no cover - jieba is a dependency; Material works without it
    jieba = None

# runs of Han characters (CJK unified ideographs and their extensions, compatibility forms)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def _segmented(text: str) -> str:
    """Han runs cut into words, separated by the zero-width space the separator splits on."""
    if jieba is None:
        return text

    def words(match: re.Match[str]) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    return _HAN.sub(words, text).strip("\u200b")


def distinct(words: Iterable[str | None]) -> tuple[str, ...]:
    """The non-empty words in their first order, each once."""
    return tuple(dict.fromkeys(word.strip() for word in words if word and word.strip()))


def index_entry(location: str, entry: SearchEntry) -> dict[str, Any]:
    """An entry of Material's ``search_index.json`` for a page at ``location``."""
    if entry.anchor:
        location = f"{location}#{entry.anchor}"
    item: dict[str, Any] = {
        "location": location,
        "title": _segmented(html.escape(entry.title, quote=False)),
        "text": _segmented(html.escape(" ".join(entry.words), quote=False)),
    }
    if entry.boost is not None:
        item["boost"] = entry.boost
    return item


def add_entries(search_plugin: object, entries: Iterable[dict[str, Any]]) -> bool:
    """Add entries to Material's search index before it is written; False without one."""
    index = getattr(search_plugin, "search_index", None)
    existing = getattr(index, "entries", None)
    if not isinstance(existing, list):
        return False
    existing.extend(entries)
    return True
