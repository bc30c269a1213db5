"""The role guides (``scoring/site/guide``): both languages, linked, and true to the limits.

That they render is tested by the site builds (``make site`` and tests/test_site.py,
``mkdocs build --strict`` fails on a broken link); here, what they must say.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.evidence import MAX_SIDE
from scoring.records import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PIXELS

REPO = Path(__file__).resolve().parent.parent
GUIDES = REPO / "scoring/site/guide"
ROLES = ("department", "office", "leader", "appeal", "services")


def guide(name: str, language: str) -> str:
    return (GUIDES / f"{name}.{language}.md").read_text(encoding="utf-8")


def test_every_guide_in_both_languages() -> None:
    names = {path.name.split(".")[0] for path in GUIDES.glob("*.md")}
    assert names == set(ROLES)
    for name in ROLES:
        assert (GUIDES / f"{name}.zh.md").is_file() and (GUIDES / f"{name}.en.md").is_file()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_services_guide_is_linked_everywhere(language: str) -> None:
    for name in ("department", "office", "leader", "appeal"):
        assert "(services.md)" in guide(name, language), name
    about = (REPO / f"site/about.{language}.md").read_text(encoding="utf-8")
    assert "(guide/services.md)" in about


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_services_guide_walks_through_the_three_levels(language: str) -> None:
    text = guide("services", language)
    for field in ("level:", "by:", "item:", "rectify_by:", "rectified_on:", "assessed:", "points:"):
        assert field in text, field
    for level in ("provider", "department", "office"):
        assert f"`{level}`" in text


@pytest.mark.parametrize(
    ("name", "language", "megapixels"),
    [("office", "zh", "2400 万像素"), ("services", "zh", "2400 万像素"),
     ("department", "zh", "2400 万像素"), ("office", "en", "24 megapixels"),
     ("services", "en", "24 megapixels"), ("department", "en", "24 megapixels")],
)  # fmt: skip
def test_the_photo_limits_are_the_real_ones(name: str, language: str, megapixels: str) -> None:
    text = " ".join(guide(name, language).split())
    assert EVIDENCE_MAX_PIXELS == 24_000_000 and EVIDENCE_MAX_BYTES == 5 * 1024 * 1024
    assert megapixels in text and "5 MiB" in text and "HEIC" in text
    assert "kaoping evidence add" in text
    if name != "department":
        assert re.search(rf"\b{MAX_SIDE}\b", text)
