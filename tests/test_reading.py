"""The example site read in Chromium as its readers read it, on a desktop and a phone.

A department head looks for why points were lost and what is still to rectify, a leader
for the ranks and the trend, an outside auditor recomputes a total from the table and
follows a search hit or an appeal to the record it names. Every test runs at 1366 px
and at 390 px (``WIDTHS``) on the example built once for the session; screenshots of
what a reader sees go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from browsing import WIDTHS, Site, search

PAGES = ("", "months/2026-10/", "months/2026-11/", "departments/", "departments/admin/",
         "rules/", "appeals/", "history/2026-11/", "services/", "services/greening-2026/",
         "months/2026-10/report/")  # fmt: skip


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def reader(request: pytest.FixtureRequest, browser: Any, example_site: Path) -> Iterator[Site]:
    served = Site(browser, example_site / "public", width=request.param, height=900)
    yield served
    assert served.foreign_requests() == []
    served.close()


@pytest.fixture(autouse=True)
def _no_console_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "reader" in request.fixturenames:
        served: Site = request.getfixturevalue("reader")
        errors, served.errors[:] = list(served.errors), []
        assert errors == []


def _results(reader: Site) -> dict[str, Any]:
    return json.loads((reader.public / "downloads/results.json").read_text(encoding="utf-8"))


def _final_months(reader: Site) -> list[dict[str, Any]]:
    return [m for m in _results(reader)["months"] if m["status"] in ("published", "closed")]


# ---------------------------------------------------------------- 1. search


def test_search_for_a_deduction_reason_lands_on_its_month_and_department(reader: Site) -> None:
    page = reader.open("")
    hrefs = search(page, "派车单")
    assert hrefs and not [href for href in hrefs if "undefined" in href], hrefs
    hit = next(href for href in hrefs if "months/2026-05/" in href and href.endswith("#admin"))
    page.locator(f".md-search-result__item a[href='{hit}']").first.click()
    page.wait_for_load_state("load")
    assert "/months/2026-05/" in page.url and page.url.endswith("#admin")
    section = page.locator("section[data-department='admin']")
    assert "派车单3份填写不完整" in section.inner_text()
    assert page.locator("[id='admin']").is_visible()


def test_search_finds_a_month_page_itself(reader: Site) -> None:
    page = reader.open("")
    hrefs = search(page, "排名")  # a word of every month page's own entry
    assert any(re.search(r"/months/\d{4}-\d{2}/\?h=[^#]*$", href) for href in hrefs), hrefs
    assert not [href for href in hrefs if "undefined" in href]


# ---------------------------------------------------------------- 2. a department's lost points


def test_department_page_shows_lost_points_with_reasons(reader: Site) -> None:
    page = reader.open("departments/admin/")
    losses = page.locator("#_losses + p + .kp-table table")
    rows = losses.locator("tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    may = next(text for text in texts if "派车单3份填写不完整" in text)
    assert "2026年5月" in may and "−1.0" in may and "公务用车调度与安全管理" in may
    assert any("察访核验" in text and "扣 0.5 分" in text for text in texts)  # a deduction
    assert any("加分" in text and "+1.0" in text for text in texts)  # a counted bonus
    assert texts[0].startswith("2026年11月") and "暂定" in texts[0]  # newest first, provisional
    link = losses.locator("a", has_text="公务用车调度与安全管理").first
    assert link.get_attribute("href").endswith("months/2026-05/#admin_target_R1")
    reader.screenshot("department-losses")


def test_department_page_shows_what_is_still_to_rectify(reader: Site) -> None:
    page = reader.open("departments/housing/")
    open_items = page.locator("#_open + .kp-table tbody tr")
    assert open_items.count() >= 1
    assert "小区化粪池盖板破损" in open_items.first.inner_text()
    assert "前整改" in open_items.first.inner_text()


# ---------------------------------------------------------------- 3. final and provisional


def test_departments_index_shows_final_results_only(reader: Site) -> None:
    latest = _final_months(reader)[-1]
    year = next(y for y in _results(reader)["years"] if y["year"] == int(latest["month"][:4]))
    page = reader.open("departments/")
    assert page.locator(".kp-note", has_text="2026年11月").is_visible()  # linked, not ranked
    for department in latest["departments"]:
        row = page.locator(f"#_latest ~ .kp-table tr[data-department='{department['department']}']")
        cells = {
            name: row.locator(f"td[data-figure='{name}']").inner_text().strip()
            for name in ("total", "rank", "year-total", "year-rank")
        }
        yearly = next(d for d in year["departments"] if d["department"] == department["department"])
        assert Decimal(cells["total"]) == Decimal(str(department["total"]))
        assert int(cells["rank"]) == department["rank"]
        assert Decimal(cells["year-total"]) == Decimal(str(yearly["total"]))
        assert int(cells["year-rank"]) == yearly["rank"]
    headers = page.locator("#_latest ~ .kp-table thead").first.inner_text()
    assert "年度名次" in headers and "2026年10月" in headers  # each rank says which it is


def test_trend_chart_draws_the_provisional_month_apart(reader: Site) -> None:
    page = reader.open("departments/admin/")
    page.wait_for_selector(".kp-chart[data-drawn] canvas")
    total = json.loads(page.locator(".kp-chart").first.get_attribute("data-chart"))
    final, provisional = total["series"]
    assert final["data"][-1] is None and provisional["data"][-1] is not None
    assert all(value is None for value in provisional["data"][:-1])
    assert provisional["symbol"] == "emptyCircle" and "暂定" in provisional["label"]["formatter"]
    assert "暂定" in page.locator(".kp-chart").first.get_attribute("aria-label")
    row = page.locator("tr[data-month='2026-11']")
    assert "暂定" in row.inner_text() and "kp-provisional" in row.get_attribute("class")
    reader.screenshot("department")


# ---------------------------------------------------------------- 4. a phone


def _line_count(page: Any, selector: str) -> list[tuple[str, int]]:
    """(text, lines) of every element matching ``selector``: how many lines its text takes."""
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).map((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const tops = new Set(Array.from(range.getClientRects())
                .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            return [el.textContent.trim(), tops.size];
        })""",
        selector,
    )


def _number_columns(page: Any) -> list[list[list[str]]]:
    """Every table's number columns: (text, text-align) of each cell."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('table.kp-data')).flatMap((table) => {
            const found = {};
            for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
                Array.from(row.cells).forEach((cell, index) => {
                    if (!cell.classList.contains('kp-num')) return;
                    const align = getComputedStyle(cell).textAlign;
                    (found[index] = found[index] || []).push([cell.innerText.trim(), align]);
                });
            }
            return Object.values(found);
        })"""
    )


def _check_charts(reader: Site, page: Any, address: str) -> None:
    """4 and 10: a bar starts at 0, one value axis a chart, a text alternative, in view."""
    charts = page.locator(".kp-chart")
    if not charts.count():
        return
    page.wait_for_selector(".kp-chart[data-drawn] canvas")
    for i in range(charts.count()):
        chart = charts.nth(i)
        option = json.loads(chart.get_attribute("data-chart"))
        axes = [option["xAxis"], option["yAxis"]]
        assert not any(isinstance(axis, list) for axis in axes), address  # no dual axes
        if any(series["type"] == "bar" for series in option["series"]):
            value = next(axis for axis in axes if axis["type"] == "value")
            assert value["min"] == 0, address
        assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
        box = chart.locator("canvas").first.bounding_box()
        assert box is not None and box["width"] <= reader.width, address


def test_every_page_fits_and_reads_straight(reader: Site) -> None:
    """4, 10, 11 on every kind of page: no sideways page scroll, names and badges on one
    line, numbers right-aligned with one precision a column, charts drawn honestly."""
    for address in PAGES:
        page = reader.open(address)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= reader.width, (address, width)
        for selector in (".kp-data .kp-name a", ".kp-status", ".kp-appeal", ".kp-badge"):
            broken = [(t, n) for t, n in _line_count(page, selector) if n > 1]
            assert not broken, (address, selector, broken[:3])
        for column in _number_columns(page):
            assert {align for _, align in column} == {"right"}, (address, column[:3])
            places = {
                len(m.group(1)) if (m := re.search(r"\.(\d+)\b", text)) else 0
                for text, _ in column
                if re.search(r"\d", text) and "/" not in text
            }
            assert len(places) <= 1, (address, column)
        _check_charts(reader, page, address)


def test_key_figures_are_in_view_without_scrolling(reader: Site) -> None:
    page = reader.open("")
    reader.screenshot("home")
    totals = page.locator(".kp-league td[data-figure='total']").all_inner_texts()
    assert all(re.fullmatch(r"\d+\.\d\d", total.strip()) for total in totals), totals
    table = page.locator(".kp-league table").first
    for figure in ("rank", "grade", "total"):
        cell = table.locator(f"td[data-figure='{figure}']").first
        box = cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= reader.width, figure
    page = reader.open("departments/admin/")
    box = page.locator("tr[data-month='2026-10'] td[data-figure='total']").bounding_box()
    assert box is not None and box["x"] + box["width"] <= reader.width


def test_history_pages_read_across(reader: Site) -> None:
    page = reader.open("history/2026-11/")
    reader.screenshot("history-month")
    paths = _line_count(page, ".kp-history__record code")
    assert paths and all(lines <= 2 for _, lines in paths), paths[:3]
    messages = _line_count(page, ".kp-history td.kp-text")
    assert max(lines for _, lines in messages) <= 8


# ---------------------------------------------------------------- 5. reconciliation


def _round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_league_table_reconciles_with_the_weights_it_shows(reader: Site) -> None:
    page = reader.open("months/2026-10/")
    formula = page.locator("#_league ~ .kp-formula").first.inner_text()
    assert "总分 = 0.75 × 指标得分 + 0.25 × 领导评价 − 扣分 + 加分" in formula
    assert "扣分 = 察访核验问题的直接扣分" in formula
    head = page.locator(".kp-league thead").inner_text()
    assert "× 0.75" in head and "× 0.25" in head and "满分 80" in head
    indicator, leader = (
        Decimal(w)
        for w in re.findall(r"× (\d\.\d+)", page.locator(".kp-league thead").inner_text())
    )
    rows = page.locator(".kp-league tbody tr")
    for i in range(rows.count()):
        cell = {
            name: rows.nth(i).locator(f"td[data-figure='{name}']").inner_text().strip()
            for name in (
                "business",
                "public",
                "indicator",
                "leader",
                "deductions",
                "bonus",
                "total",
            )
        }
        figures = {name: Decimal(value) for name, value in cell.items()}
        assert figures["business"] + figures["public"] == figures["indicator"]
        weighted = indicator * figures["indicator"] + leader * figures["leader"]
        total = max(Decimal(0), _round2(weighted - figures["deductions"] + figures["bonus"]))
        assert total == figures["total"], cell


# ---------------------------------------------------------------- 7. words, not paths


def test_appeal_subjects_are_named_and_lead_to_the_finding(reader: Site) -> None:
    page = reader.open("appeals/")
    row = page.locator("tr[data-appeal='2026-005']")
    link = row.locator("a", has_text="消防通道堆放废旧办公桌椅10余件")
    assert "2026-10/inspections" not in row.inner_text()
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2026-10/#2026-10-14-fire-lane_F1")
    assert page.locator("[id='2026-10-14-fire-lane_F1']").is_visible()


def test_missing_records_name_the_department_and_what_is_missing(reader: Site) -> None:
    page = reader.open("")
    missing = page.locator(".kp-missing-list").inner_text()
    assert "房产科：绩效办尚未考核评分" in missing
    assert "机关大院保洁服务（柳州市宜居环境服务有限公司）：绩效办尚未签认考评" in missing


def test_codes_money_and_providers_in_words(reader: Site) -> None:
    page = reader.open("rules/")
    headers = page.locator("thead th").all_inner_texts()
    assert not [h for h in headers if h.strip().startswith("编号")], headers
    page = reader.open("services/greening-2026/")
    assert "48,000.00 元" in page.locator(".kp-meta").inner_text()
    page = reader.open("services/")
    rows = page.locator("#_contracts + .kp-table tr", has_text="机关大院保洁服务")
    providers = {rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())}
    assert providers == {"柳州市洁美物业服务有限公司", "柳州市宜居环境服务有限公司"}


# ---------------------------------------------------------------- 8. rendering


def test_guide_example_keeps_its_lines(reader: Site) -> None:
    page = reader.open("guide/department/")
    block = page.locator("pre", has_text="kind: key").first.inner_text()
    assert len(block.strip().splitlines()) >= 8
    assert "`" not in reader.open("downloads/").locator("article").inner_text()
    page = reader.open("404.html")
    assert page.locator("h1").inner_text() == "404：页面不存在"


# ---------------------------------------------------------------- 12. what readers expect


def test_tables_sort_by_a_column(reader: Site) -> None:
    page = reader.open("months/2026-10/")
    header = page.locator(".kp-league thead th", has_text="领导评价")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    leaders = [
        Decimal(text)
        for text in page.locator(".kp-league td[data-figure='leader']").all_inner_texts()
    ]
    assert leaders == sorted(leaders)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    leaders = [
        Decimal(text)
        for text in page.locator(".kp-league td[data-figure='leader']").all_inner_texts()
    ]
    assert leaders == sorted(leaders, reverse=True)


def test_monthly_report_prints_on_one_page(reader: Site, example_site: Path) -> None:
    page = reader.open("months/2026-10/")
    page.locator("a", has_text="打印版通报").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2026-10/report/")
    assert page.locator("h1").inner_text() == "示例市机关事务管理局2026年10月内部绩效考评通报"
    text = page.locator("article").inner_text()
    for expected in ("一、考评结果", "二、失分与加分事项", "三、待整改问题", "四、申诉",
                     "保卫处", "消防通道堆放废旧办公桌椅10余件"):  # fmt: skip
        assert expected in text, expected
    page.emulate_media(media="print")
    reader.screenshot("report-print")
    if reader.width == WIDTHS[0]:
        pdf = page.pdf(prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="screen")


def test_every_page_names_the_records_version(reader: Site, example_site: Path) -> None:
    short = subprocess.run(
        ["git", "-C", str(example_site), "log", "-1", "--format=%h", "--", "records"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    for address in ("", "guide/department/", "404.html"):  # every page: test_site
        footer = reader.open(address).locator(".md-copyright .kp-version").inner_text()
        assert "记录最后修改：2026年12月1日" in footer and short in footer, (address, footer)


def test_appeals_summary_counts_each_status(reader: Site) -> None:
    page = reader.open("appeals/")
    statuses: dict[str, int] = {}
    for path in (reader.public.parent / "records/appeals").glob("*.yaml"):
        status = re.search(r"^status: (\S+)", path.read_text(encoding="utf-8"), re.M)
        assert status is not None
        statuses[status[1]] = statuses.get(status[1], 0) + 1
    for status, count in statuses.items():
        row = page.locator(f"#_summary ~ .kp-table tr[data-status='{status}']")
        assert int(row.locator("td.kp-num").inner_text()) == count, status


def test_departments_compared_over_the_year(reader: Site) -> None:
    page = reader.open("departments/")
    page.wait_for_selector("#_year ~ figure .kp-chart[data-drawn] canvas")
    option = json.loads(page.locator("#_year ~ figure .kp-chart").get_attribute("data-chart"))
    assert len(option["series"]) == 10  # every department with a final month in the year
    rows = page.locator("#_year-table tbody tr")
    assert rows.count() == 10
    reader.screenshot("departments")
