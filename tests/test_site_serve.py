"""``mkdocs serve``: a rebuild built upon the last one gives what a clean build gives.

``serving.load`` reads again only the month folders that changed: its data is compared
with ``load_site``'s after edits inside a month, outside the month folders, and through
a validation error. A real ``mkdocs serve --dirty`` on a copy of the example project is
then edited (a target's title and a score) and what it serves (the month and department
pages, the downloads, the search index) is compared with a clean ``mkdocs build``. The
rebuilds of ``mkdocs serve --dirty`` are also run in-process (MkDocs' own build with the
plugin started as for ``serve``), to see which pages a rebuild renders again and that
every page then equals a clean build's, and ``serving.watch`` is checked on its own: a
changed record, never a record read, makes the server rebuild; the theme's templates
are compiled once for the server's life.
"""

from __future__ import annotations

import gc
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
from typing import Any

import jinja2
import openpyxl
import pytest
from gitrepo import git
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from sitebuild import build, make_project
from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff

from scoring import exports
from scoring.engine import folder_engine
from scoring.site import serving
from scoring.site.data import SiteData, SiteError, load_site
from scoring.site.links import Links
from scoring.site.plugin import _each_same
from scoring.site.views import FindingView, Kept, Views

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


# ------------------------------------------------------------------ rebuilds in-process

SERVED = "http://127.0.0.1:8000/"
CHECKS = "records/2026-11/services/greening-2026.yaml"


def _rebuild(project: Path, site_dir: Path, *, first: bool = False) -> serving.Site:
    """One build as ``mkdocs serve --dirty`` makes it (the configuration read again)."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    config.site_url = SERVED
    mkdocs_build(config, serve_url=SERVED, dirty=True)
    return serving.site((project / "records").resolve())


def _pages(public: Path) -> dict[str, str]:
    """Every page's article and title (what a served page adds around it left out)."""
    return {
        str(path.relative_to(public)): _article(path.read_bytes())
        for path in sorted(public.rglob("index.html"))
    }


@pytest.fixture
def started_as_serve(tmp_path: Path) -> object:
    """Whatever a test starts as ``serve`` is a plain build again afterwards (MkDocs keeps
    the plugin of a process), and the collector's frozen objects are let go."""
    yield
    config = load_config(config_file=str(Path(__file__).parent.parent / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    gc.unfreeze()


def test_a_rebuild_renders_only_the_pages_whose_inputs_moved(
    tmp_path: Path, started_as_serve: object
) -> None:
    project = make_project(tmp_path / "project")
    served = tmp_path / "served"
    time.sleep(serving.RACY_NS / 1e9)
    first = dict(_rebuild(project, served, first=True).pages)
    assert gc.get_freeze_count() > 0  # the records read in full are out of the collector's way
    contracts = sorted(
        uri for uri in first if uri.startswith("services/") and uri != "services/index.md"
    )
    assert {"services/greening-2026.md", "services/cleaning-2026a.md"} <= set(contracts)

    _replace(project / TARGETS, "title: 编制2027年度", "title: 修订 编制2027年度")
    titled = dict(_rebuild(project, served).pages)
    for uri in contracts:  # no contract rests on a department's targets
        assert titled[uri] is first[uri], uri
    assert titled["departments/finance.md"] is first["departments/finance.md"]
    assert titled["departments/admin.md"] is not first["departments/admin.md"]
    assert titled["months/2026-11.md"] is not first["months/2026-11.md"]
    for uri in ("rules.md", "appeals.md", "history.md", "services/index.md"):
        assert titled[uri] is first[uri], uri

    _replace(project / "records/2026-11/month.yaml", "meeting: 2026-12-03", "meeting: 2026-12-04")
    met = dict(_rebuild(project, served).pages)
    assert met["rules.md"] is not titled["rules.md"]  # the rotation shows each meeting
    assert met["appeals.md"] is titled["appeals.md"]
    _replace(
        project / "records/2026-10/inspections/2026-10-14-fire-lane.yaml",
        "description: 消防通道堆放废旧办公桌椅10余件",
        "description: 消防通道堆放废旧桌椅10余件",
    )
    named = dict(_rebuild(project, served).pages)
    assert named["appeals.md"] is not met["appeals.md"]  # an appeal names the finding
    titled = named

    _replace(project / CHECKS, "description: 行道树枯枝未清理", "description: 行道树枯枝仍未清理")
    checked = dict(_rebuild(project, served).pages)
    assert checked["services/greening-2026.md"] is not titled["services/greening-2026.md"]
    assert checked["services/cleaning-2026a.md"] is titled["services/cleaning-2026a.md"]
    greening = (served / "services/greening-2026/index.html").read_text(encoding="utf-8")
    assert "行道树枯枝仍未清理" in greening

    _replace(project / ASSESSMENT, "R3: {score: 13.5,", "R3: {score: 12,")  # figures move
    _rebuild(project, served)
    # the downloads for people name the grades: the figures stay, their words change
    _replace(project / "records/org.yaml", "{id: good, name: 良好,", "{id: good, name: 良好等,")
    _rebuild(project, served)
    result = build(project, "--site-dir", str(tmp_path / "clean"))
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "clean"
    assert _pages(served) == _pages(clean)
    for path in (*DOWNLOADS, "downloads/evidence.sha256"):
        assert (served / path).read_bytes() == (clean / path).read_bytes(), path
    xlsx = (served / "downloads/results.xlsx").read_bytes()
    assert _cells(xlsx) == _cells((clean / "downloads/results.xlsx").read_bytes())
    index = (served / "search/search_index.json").read_bytes()
    assert _search(index) == _search((clean / "search/search_index.json").read_bytes())


# ------------------------------------------------------------------ watching


def _snapshot(folder: Path) -> DirectorySnapshot:
    return DirectorySnapshot(str(folder), recursive=True)


def _changed(before: DirectorySnapshot, folder: Path) -> bool:
    diff = DirectorySnapshotDiff(before, _snapshot(folder))
    return bool(diff.files_created or diff.files_deleted or diff.files_modified or diff.files_moved)


def test_a_changed_record_makes_the_server_rebuild_a_read_one_does_not(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", repository=False)
    root = (project / "records").resolve()
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "site"))
    try:
        serving.watch(root, server)
        watched = [Path(emitter.watch.path) for emitter in server.observer.emitters]
        assert len(watched) == 1
        if watched == [root]:  # no native notifications here: MkDocs polls the records
            pytest.skip("the system's file notifications cannot watch the records here")
        assert root not in watched[0].parents  # a small folder of the server's own
        before = _snapshot(watched[0])
        (root / "2026-11/targets/admin.yaml").read_bytes()
        time.sleep(1)
        assert not _changed(before, watched[0])
        _replace(project / TARGETS, "title: 编制2027年度", "title: 修订 编制2027年度")
        deadline = time.monotonic() + 30
        while not _changed(before, watched[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _changed(before, watched[0])
    finally:
        serving.unwatch(root)
        server.server_close()


# ------------------------------------------------------------------ templates


class Counting(jinja2.Environment):
    """A Jinja environment that counts what it compiles."""

    compiled = 0

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        Counting.compiled += 1
        return super().compile(*args, **kwargs)


def test_theme_templates_are_compiled_once_for_the_server(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    kept = serving.KeptCode()

    def render(**settings: Any) -> str:
        env = Counting(loader=jinja2.FileSystemLoader(str(tmp_path)), **settings)
        env.bytecode_cache = kept
        return env.get_template("page.html").render(title="A")

    Counting.compiled = 0
    assert render() == render() == "<p>A</p>"
    assert Counting.compiled == 1  # a new environment each rebuild, one compilation
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render() == "<h1>A</h1>"  # the source changed
    assert render(autoescape=True, variable_start_string="{=") == "<h1>{{ title }}</h1>"
    assert Counting.compiled == 3


def test_views_are_made_again_only_from_other_records_or_figures(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    root = project / "records"
    time.sleep(serving.RACY_NS / 1e9)
    kept: Kept = {}

    def findings(data: SiteData) -> dict[str, list[FindingView]]:
        views = Views(data, Links(data.records, data.history, data.repository, True), kept)
        return {
            f"{month.month}/{figures.department}": views.findings(figures)
            for month in data.results.months
            for figures in month.departments
            if figures.findings
        }

    first = findings(serving.load(root))
    assert "2026-11/admin" in first and "2026-10/security" in first
    _replace(project / TARGETS, "title: 编制2027年度", "title: 修订 编制2027年度")
    edited = serving.load(root)
    again = findings(edited)
    assert again == findings(load_site(root))
    assert again["2026-10/security"][0] is first["2026-10/security"][0]  # the same month
    assert again["2026-11/admin"][0] is not first["2026-11/admin"][0]  # read again
