"""axe-core on the example site in Chromium, on a desktop and on a phone.

axe-core (pinned in tests/axe, installed by tests/setup-axe.sh) is injected into each
page after it has loaded and drawn its charts; every rule axe runs by default is
checked, and a serious or critical violation fails with the rule, the element and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import WIDTHS, Site, axe_source, axe_violations, serious

# the pages of issue 17, then every other kind of page
PAGES = ("", "months/2026-10/", "departments/admin/", "rules/", "appeals/")
OTHER_PAGES = ("months/2026-11/", "months/", "departments/", "services/greening-2026/",
               "history/2026-05/", "months/2026-10/report/", "guide/department/", "404.html")  # fmt: skip


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def reader(request: pytest.FixtureRequest, browser: Any, example_site: Path) -> Iterator[Site]:
    served = Site(browser, example_site / "public", width=request.param, height=900)
    yield served
    assert served.foreign_requests() == []
    served.close()


def _check(reader: Site, axe: str, address: str) -> list[str]:
    page = reader.open(address)
    if page.locator(".kp-chart").count():
        page.wait_for_selector(".kp-chart[data-drawn] canvas")
    return [f"{address or '/'}: {line}" for line in serious(axe_violations(page, axe))]


@pytest.mark.parametrize("address", PAGES)
def test_no_serious_or_critical_violations(reader: Site, axe: str, address: str) -> None:
    found = _check(reader, axe, address)
    assert found == [], "no serious or critical violations:\n" + "\n".join(found)


def test_no_serious_or_critical_violations_on_other_pages(reader: Site, axe: str) -> None:
    found = [line for address in OTHER_PAGES for line in _check(reader, axe, address)]
    assert found == [], "no serious or critical violations:\n" + "\n".join(found)


def test_charts_photos_and_columns_are_named(reader: Site) -> None:
    page = reader.open("months/2026-10/")
    chart = page.locator(".kp-chart").first
    assert chart.get_attribute("role") == "img"
    assert "保卫处 99.16" in (chart.get_attribute("aria-label") or "")
    photo = page.locator("[id='2026-10-14-fire-lane_F1'] img").first
    assert photo.get_attribute("alt") == "照片 1：消防通道堆放废旧办公桌椅10余件"
    headers = page.locator(".kp-league thead th").all_inner_texts()
    assert all(header.strip() for header in headers), headers  # the derivation column too
    link = page.locator(".kp-league tbody a").first
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
