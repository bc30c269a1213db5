"""``mkdocs serve``: a rebuild built upon the last one gives what a clean build gives.

``serving.load`` reads again only the month folders that changed: its data is compared
with ``load_site``'s after edits inside a month, outside the month folders, and through
a validation error. A real ``mkdocs serve --dirty`` on a copy of the example project is
then edited (a target's title and a score) and what it serves (the month and department
pages, the downloads, the search index) is compared with a clean ``mkdocs build``.
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import openpyxl
import pytest
from gitrepo import git
from sitebuild import build, make_project

from scoring import exports
from scoring.engine import folder_engine
from scoring.site import serving
from scoring.site.data import SiteData, SiteError, load_site
from scoring.site.plugin import _each_same

TARGETS = "records/2026-11/targets/admin.yaml"
ASSESSMENT = "records/2026-11/assessments/finance.yaml"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _same_data(served: SiteData, clean: SiteData) -> None:
    assert exports.to_json(served.figures) == exports.to_json(clean.figures)
    assert served.results == clean.results
    assert served.evaluation.problems == clean.evaluation.problems
    assert served.records == clean.records
    assert served.history.commits == clean.history.commits


def test_a_reading_built_upon_the_last_equals_a_full_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    root = project / "records"
    time.sleep(serving.RACY_NS / 1e9)  # files changed just before a listing are read again
    first = serving.load(root)
    _same_data(first, load_site(root))

    _replace(project / ASSESSMENT, "R3: {score: 13.5,", "R3: {score: 12,")
    _replace(project / TARGETS, "title: 编制2027年度", "title: 修订 编制2027年度")
    edited = serving.load(root)
    _same_data(edited, load_site(root))
    assert edited.records.org is first.records.org  # the records outside months were kept
    assert edited.records.months["2026-10"] is first.records.months["2026-10"]

    stray = project / "records/2026-11/bonuses/stray.txt"
    stray.write_text("x", encoding="utf-8")
    drafted = serving.load(root)  # a file git does not know is a draft: only a warning
    assert [p.code for p in drafted.evaluation.problems] == ["untracked-file"]
    git(project, "add", str(stray))
    with pytest.raises(SiteError, match="unexpected-file"):
        serving.load(root)
    git(project, "rm", "-q", "--cached", str(stray))
    stray.unlink()
    _same_data(serving.load(root), load_site(root))

    _replace(
        project / "records/org.yaml", "{id: admin, name: 行政科,", "{id: admin, name: 行政服务科,"
    )
    outside = serving.load(root)
    _same_data(outside, load_site(root))
    assert outside.records.org is not first.records.org


def test_a_reading_after_another_command_keeps_what_it_read(tmp_path: Path) -> None:
    """With the cache filled by an earlier command (pre-commit's ``kaoping validate``),
    the first reading takes the months' summaries from it and reads the months for their
    operands: those are kept as well, so the next reading reads only the changed month
    and the pages of the others are not built again (the plugin's reuse key holds)."""
    project = make_project(tmp_path / "project")
    root = project / "records"
    time.sleep(serving.RACY_NS / 1e9)
    folder_engine(root).evaluation()
    first = serving.load(root)
    _replace(project / TARGETS, "title: 编制2027年度", "title: 修订 编制2027年度")
    edited = serving.load(root)
    _same_data(edited, load_site(root))
    assert edited.records.months["2026-10"] is first.records.months["2026-10"]
    assert edited.records.months["2026-11"] is not first.records.months["2026-11"]
    for name in ("routine", "contracts", "appeals"):
        before, after = getattr(first.records, name), getattr(edited.records, name)
        assert before and _each_same(after) == _each_same(before), name


# ------------------------------------------------------------------ a real server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
            return response.read()
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in (_fetch(url) or b"").decode("utf-8", "replace"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def _article(page: bytes) -> str:
    """What a page shows (its article and title), without what `serve` adds around it."""
    text = page.decode("utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    article = re.search(r"<article[^>]*>(.*)</article>", text, re.S)
    assert title is not None and article is not None
    return title.group(1) + article.group(1)


def _cells(workbook: bytes) -> list[list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


def _search(index: bytes) -> list[str]:
    return sorted(json.dumps(doc, sort_keys=True) for doc in json.loads(index)["docs"])


PAGES = ("", "months/2026-11/", "departments/admin/", "departments/finance/", "months/")
DOWNLOADS = ("downloads/results.json", "downloads/results.csv")


def _served(base: str) -> dict[str, bytes]:
    found = {}
    for path in (*PAGES, *DOWNLOADS, "downloads/results.xlsx", "search/search_index.json"):
        content = _fetch(base + path)
        assert content is not None, path
        found[path] = content
    return found


def _same_site(served: dict[str, bytes], public: Path) -> None:
    for path in PAGES:
        built = (public / path / "index.html").read_bytes()
        assert _article(served[path]) == _article(built), path
    for path in DOWNLOADS:
        assert served[path] == (public / path).read_bytes(), path
    xlsx = (public / "downloads/results.xlsx").read_bytes()
    assert _cells(served["downloads/results.xlsx"]) == _cells(xlsx)
    built_index = (public / "search/search_index.json").read_bytes()
    served_index = _search(served["search/search_index.json"])
    clean_index = _search(built_index)
    assert set(served_index) - set(clean_index) == set(clean_index) - set(served_index) == set()
    assert served_index == clean_index


def test_serve_dirty_shows_an_edit_as_a_clean_build_does(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty"]
        + ["-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "months/2026-11/", "编制2027年度", 180)
        _replace(project / ASSESSMENT, "R3: {score: 13.5,", "R3: {score: 12,")
        _replace(project / TARGETS, "title: 编制2027年度", "title: 修订一 编制2027年度")
        _wait_for(base + "months/2026-11/", "修订一", 120)
        time.sleep(1)  # the server reloads the browsers after the whole build is written
        first_edit = _served(base)
        _replace(project / TARGETS, "title: 修订一", "title: 修订二")
        _wait_for(base + "months/2026-11/", "修订二", 120)
        time.sleep(1)
        second_edit = _served(base)
        result = build(project, "--site-dir", str(tmp_path / "second"))
        assert result.returncode == 0, result.stderr
        # outside the month folders: everything read again, the site folder emptied
        _replace(
            project / "records/org.yaml",
            "{id: admin, name: 行政科,",
            "{id: admin, name: 行政服务科,",
        )
        _wait_for(base + "departments/admin/", "行政服务科", 120)
        time.sleep(1)
        renamed = _served(base)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _same_site(second_edit, tmp_path / "second")
    assert first_edit["downloads/results.json"] == second_edit["downloads/results.json"]
    result = build(project, "--site-dir", str(tmp_path / "renamed"))
    assert result.returncode == 0, result.stderr
    _same_site(renamed, tmp_path / "renamed")
