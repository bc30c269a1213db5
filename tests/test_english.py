"""An organisation with ``language: en`` gets a complete English site.

The example records are Chinese, and record text stays as written; everything else a
page says (labels, headings, dates, money, the footer, the 404 page, the guides, the
theme) is English. Every built page is scanned: once every string of the records is
taken out of its text, no Chinese character may remain (code examples aside). Then a
few pages are read in Chromium at both widths, axe-core included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from browsing import WIDTHS, Site, axe_source, axe_violations, serious
from gitrepo import commit_all, init
from sitebuild import build, make_project, parse

HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "data-close")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("english"), repository=False)
    org = project / "records/org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8"
    )
    init(project)
    commit_all(project, "Records", date="2026-12-01T09:00:00+08:00")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


def _record_strings(records: Path) -> list[str]:
    """Every string the records hold, longest first."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in records.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted((text for text in found if HAN.search(text)), key=len, reverse=True)


class _Chinese(HTMLParser):
    """Text and attributes with Chinese left once record strings are taken out."""

    def __init__(self, records: list[str]) -> None:
        super().__init__()
        self.records = records
        self.open: list[str] = []
        self.found: list[str] = []

    def _check(self, text: str) -> None:
        rest = text
        for record in self.records:
            if record in rest:
                rest = rest.replace(record, " ")
        if HAN.search(rest):
            self.found.append(text.strip()[:120])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.open.append(tag)
        for name, value in attrs:
            if name in ATTRIBUTES and value and HAN.search(value):
                self._check(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        skipped = ("script", "style", "pre", "code")  # code: examples of records
        if HAN.search(data) and not any(tag in skipped for tag in self.open):
            self._check(data)


def test_no_chinese_outside_record_text(english: Path) -> None:
    records = _record_strings(english / "records")
    found = {}
    for html in sorted((english / "public").rglob("*.html")):
        parser = _Chinese(records)
        parser.feed(html.read_text(encoding="utf-8"))
        if parser.found:
            found[str(html.relative_to(english / "public"))] = parser.found[:5]
    # the appeal issue form is named in both languages in the repository
    found.pop("guide/appeal/index.html", None)
    assert found == {}


def test_english_pages_say_it_in_english(english: Path) -> None:
    public = english / "public"
    assert '<html lang="en"' in (public / "index.html").read_text(encoding="utf-8")
    home = parse(public / "index.html").text
    for expected in ("League table of October 2026", "Current month: November 2026",
                     "total = 0.75 × indicator score + 0.25 × leader score − deductions + bonus",
                     "Records last changed on 1 December 2026"):  # fmt: skip
        assert expected in home, expected
    month = parse(public / "months/2026-10/index.html").text
    assert "How this score was computed" in month
    assert "total = max(0, round2(0.75 × 100 + 0.25 × 94.38 − 0 + 0))" in month
    assert "Guide for departments" in parse(public / "guide/department/index.html").text
    assert "404: page not found" in parse(public / "404.html").text
    contract = parse(public / "services/greening-2026/index.html").text
    assert "CNY 48,000.00" in contract


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def reader(request: pytest.FixtureRequest, browser: Any, english: Path) -> Iterator[Site]:
    served = Site(browser, english / "public", width=request.param, height=900)
    yield served
    assert served.foreign_requests() == [] and served.errors == []
    served.close()


def test_english_site_in_the_browser(reader: Site) -> None:
    axe = axe_source()
    page = reader.open("")
    assert page.locator("h2#_league").inner_text() == "League table of October 2026"
    assert page.locator(".kp-league thead").inner_text().count("×") == 2
    page = reader.open("departments/admin/")
    page.wait_for_selector(".kp-chart[data-drawn] canvas")
    assert "Points lost and gained" in page.locator("#_losses").inner_text()
    assert page.locator("tr[data-month='2026-11'] .kp-status").inner_text() == "assessing"
    reader.screenshot("english-department")
    page = reader.open("months/2026-10/report/")
    assert page.locator("h1").inner_text().endswith("performance evaluation report, October 2026")
    for address in ("", "months/2026-10/", "departments/admin/"):
        page = reader.open(address)
        if page.locator(".kp-chart").count():
            page.wait_for_selector(".kp-chart[data-drawn] canvas")
        found = serious(axe_violations(page, axe))
        assert found == [], "no serious or critical violations:\n" + "\n".join(found)
