"""The built site in a real browser: Debian's Chromium driven by Playwright.

The example site is built once, served by a local ``http.server`` on 127.0.0.1, and
opened in Chromium (never a downloaded browser: ``tests/setup-browser.sh`` installs
Debian's). Every request the browser makes is recorded: none may go to another host.
Console errors fail the test that caused them. Screenshots of the home page and a
department page are saved to ``test-artifacts/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from browsing import ARTIFACTS, CHROMIUM, Site
from browsing import search as _search
from sitebuild import build, make_project

HOSTILE = '"<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>{{ 7*7 }}"'

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (run tests/setup-browser.sh as root)",
)


def _built(target: Path, hostile: bool = False) -> Path:
    project = make_project(target)
    if hostile:
        org = project / "records/org.yaml"
        org.write_text(
            org.read_text(encoding="utf-8").replace(
                "{id: admin, name: 行政科,", f"{{id: admin, name: {HOSTILE},"
            ),
            encoding="utf-8",
        )
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "public"


@pytest.fixture(scope="module")
def site(browser: object, example_site: Path) -> Iterator[Site]:
    served = Site(browser, example_site / "public")
    yield served
    assert served.foreign_requests() == []
    served.close()


@pytest.fixture(autouse=True)
def _no_console_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "site" in request.fixturenames:
        served: Site = request.getfixturevalue("site")
        errors, served.errors[:] = list(served.errors), []
        assert errors == []


def test_home_league_table_shows_the_results(site: Site) -> None:
    data = json.loads((site.public / "downloads/results.json").read_text(encoding="utf-8"))
    latest = [m for m in data["months"] if m["status"] in ("published", "closed")][-1]
    page = site.open("")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    table = page.locator(".kp-league table").first
    for department in latest["departments"]:
        row = table.locator(f"tr[data-department='{department['department']}']")
        for figure in ("total", "rank", "leader", "deductions", "bonus"):
            cell = row.locator(f"td[data-figure='{figure}']").inner_text().strip()
            assert Decimal(cell) == Decimal(str(department[figure])), (department, figure)


def test_search_finds_a_department_by_a_chinese_word(site: Site) -> None:
    page = site.open("")
    hrefs = _search(page, "消防")
    assert any("departments/security/" in href for href in hrefs), hrefs


def test_department_chart_is_drawn(site: Site) -> None:
    page = site.open("departments/security/")
    page.wait_for_selector(".kp-chart[data-drawn] canvas")
    box = page.locator(".kp-chart canvas").first.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    page.screenshot(path=str(ARTIFACTS / "department.png"), full_page=True)


def test_department_page_links_to_its_findings(site: Site) -> None:
    page = site.open("departments/security/")
    link = page.locator("a[href*='#2026-10-14-fire-lane_F1']").first
    link.click()
    page.wait_for_load_state("load")
    assert "/months/2026-10/" in page.url
    finding = page.locator("[id='2026-10-14-fire-lane_F1']")
    assert finding.is_visible()
    assert "消防通道" in finding.inner_text()


def test_explain_link_opens_the_derivation(site: Site) -> None:
    page = site.open("")
    page.locator(".kp-league tr[data-department='admin'] a[href*='admin_explain']").first.click()
    page.wait_for_load_state("load")
    details = page.locator("[id='admin_explain']")
    assert details.get_attribute("open") is not None
    assert "round2" in details.inner_text()


def test_photo_opens_in_the_lightbox(site: Site) -> None:
    page = site.open("months/2026-10/")
    page.locator("a[data-kp-lightbox]").first.click()
    dialog = page.locator("dialog.kp-lightbox")
    dialog.wait_for(state="visible")
    image = dialog.locator("img")
    page.wait_for_function("document.querySelector('dialog.kp-lightbox img').naturalWidth > 0")
    assert image.is_visible()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")


def test_every_page_kind_loads_cleanly(site: Site) -> None:
    for address in (
        "months/",
        "months/2026-11/",
        "departments/",
        "services/",
        "services/greening-2026/",
        "rules/",
        "appeals/",
        "history/",
        "downloads/",
    ):
        page = site.open(address)
        assert page.locator("h1").count() >= 1, address


def test_injected_script_stays_inert(browser: object, tmp_path: Path) -> None:
    hostile = Site(browser, _built(tmp_path / "hostile", hostile=True))
    try:
        for address in ("", "months/2026-10/", "departments/admin/", "departments/"):
            page = hostile.open(address)
            assert page.evaluate("window.__pwned === undefined"), address
        page = hostile.open("departments/admin/")
        assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
        assert _search(page, "公务用车")  # results show the department's (hostile) name
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned === undefined")
        assert hostile.dialogs == []
        assert hostile.foreign_requests() == []
        assert hostile.errors == []
    finally:
        hostile.close()
