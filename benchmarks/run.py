"""Measure kaoping on a synthetic archive against its floors and the performance targets.

    .venv/bin/python benchmarks/run.py --departments 100 --months 120   # the full archive
    .venv/bin/python benchmarks/run.py --departments 5 --months 6       # a few minutes

Generates the archives with ``benchmarks/generate.py`` (sealed closed months, a git
history of one commit per authoring unit) and prints a table of wall seconds, CPU
seconds (user + system) and peak memory, each figure beside the target it is held
against with "ok" or "over", then the list of targets (issue 15 and the scale issue
before it):

- cold (no ``.cache/``), at the full size and at 40 × 60 (the smallest size the target
  holds from): ``kaoping validate`` and ``kaoping score --format json`` within 2× the
  parse floor (libyaml's ``CSafeLoader`` over the same files), fixed costs included;
  which modules they import (``python -X importtime``: no pandas on these paths);
- after one changed month with a warm cache (below): ``validate``, ``score --format
  json``, ``explain DEPT MONTH``, ``diff HEAD`` and ``check-lock HEAD`` each under 1 s;
- ``mkdocs serve --livereload --dirty`` (as docs/site.md runs it): ``--serve-edits``
  successive edits of one record of the latest month (default 50), each timed to the
  served month page showing it (≤ 2 s, the median), and the server's resident memory
  after edit 10 and after the last (flat: at most 50 MiB more);
- for information and the earlier targets: history extraction, page generation
  (``scoring.site`` without MkDocs), ``mkdocs build`` against a bare MkDocs Material
  build of the same pages (≤ 1.5×), a bare build of as many trivial pages, peak memory
  under 2 GB, and how validate, score and history grow from a 1×1 archive (the fixed
  cost) to a quarter of the months and the whole.

Every figure is the median of ``--runs`` runs (default 3). Each command runs as its own
child process; its wall time is taken around it and its CPU time and peak memory come
from ``os.wait4`` (the kernel counts the child and the descendants it waited for, e.g.
git), taken by a small launcher process so that this script's own size never counts.
Cold runs start without ``.cache/`` beside ``records/``, after one unmeasured run.
"One changed month" edits one target title in the latest month before each run; for
the 1-second commands the cache is warm as CI's restored cache or a developer's earlier
run would have it: before each measured run ``.cache/`` is removed, the record put back
as generated, the same command run once (unmeasured), and the record edited. The other
rows of that section keep the cache the run before left (history also commits the edit).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
MIB = 1024 * 1024
# validate and score cold within 2× the parse floor "at every size from 40 × 60 up"
SMALLEST_TARGET = (40, 60)

# ------------------------------------------------------------------ the measured programs

FLOOR = """
import os, sys, yaml
kept = []
count = 0
for directory, folders, files in os.walk(sys.argv[1]):
    folders.sort()
    for name in sorted(files):
        if name.endswith(".yaml"):
            with open(os.path.join(directory, name), "rb") as handle:
                document = yaml.load(handle, Loader=yaml.CSafeLoader)
            if sys.argv[2] == "keep":
                kept.append(document)
            count += 1
print(count)
"""

HISTORY = """
import sys
from pathlib import Path
from scoring.history import read_history
history = read_history(Path(sys.argv[1]))
print(len(history.commits), sum(len(changes) for changes in history.changes.values()))
"""

# The plugin's on_files without MkDocs: the pages of scoring.site, rendered to text.
# With a folder as second argument it also writes them there as ordinary Markdown
# pages (front matter and the HTML as one raw block), the docs of the bare build.
PAGES = """
import json, sys, time
from pathlib import Path
began = time.perf_counter()
from scoring.site.data import load_site
from scoring.site.links import Links, page_url
from scoring.site.page import Build
from scoring.site.pages import site_pages
from scoring.site.render import environment, page_file
imported = time.perf_counter()
data = load_site(Path(sys.argv[1]))
loaded = time.perf_counter()
docs = Path(sys.argv[2]) if len(sys.argv) > 2 else None
intro, intro_meta = "", {}
if docs is not None and (docs / "index.md").exists():  # the home page's introduction
    from mkdocs.utils.meta import get_data
    intro, intro_meta = get_data((docs / "index.md").read_text(encoding="utf-8"))
links = Links(data.records, data.history, data.repository, True)
build = Build(data, links)
env = environment(data.language)
shared = build.template_globals()
size = count = 0
building = rendering = 0.0
pages = iter(site_pages(build))
while True:
    mark = time.perf_counter()
    page = next(pages, None)
    building += time.perf_counter() - mark
    if page is None:
        break
    mark = time.perf_counter()
    html = env.get_template(page.template).render(
        **shared, **page.context, page_url=page_url(page.src_uri, True))
    rendering += time.perf_counter() - mark
    count += 1
    size += len(html.encode("utf-8"))
    if docs is not None:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        text = intro if page.src_uri == "index.md" else ""
        meta = {**page.front_matter, **(intro_meta if page.src_uri == "index.md" else {})}
        target.write_text(page_file(page.title, html, text, meta), encoding="utf-8")
print(json.dumps({"pages": count, "bytes": size, "import": imported - began,
                  "load_site": loaded - imported, "site_pages": building,
                  "render": rendering, "language": data.language,
                  "unit": data.org.unit}))
"""


@dataclass
class Figure:
    """One measured command: median wall seconds and peak MiB over the runs."""

    name: str
    wall: float | None = None
    cpu: float | None = None  # user + system seconds: steadier than wall on a busy machine
    peak: float | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    note: str = ""
    detail: str = ""  # a line printed under the figure's row
    output: str = ""  # the last run's standard output (first 2000 characters)
    rss: list[float] = field(default_factory=list)  # mkdocs serve: resident MiB after each edit
    imports: dict = field(default_factory=dict)  # what ``python -X importtime`` saw (import_check)

    @property
    def measured(self) -> bool:
        return self.wall is not None


class Failed(Exception):
    pass


# Linux keeps, in a child's maximum resident set size, the memory of the process it was
# forked from (``exec`` does not reset it): a child started from this script, large after
# generating and measuring, would report this script's size. Children are therefore
# started by a small launcher, itself started while this script is still small.
LAUNCHER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["out"], "wb") as out, open(job["err"], "wb") as err:
        began = time.perf_counter()
        child = subprocess.Popen(job["argv"], cwd=job["cwd"], stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - began
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps([wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""
_LAUNCHER: list[subprocess.Popen[str]] = []


def start_launcher() -> None:
    """Start the launcher (call early, while this process is small).

    The commands run with their bytecode compiled, as an installed package has it: with
    ``PYTHONDONTWRITEBYTECODE`` set, every run would compile kaoping's modules again
    (about 0.15 s of CPU per command, counted as if it were kaoping's).
    """
    if not _LAUNCHER:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(PROJECT / "scoring", quiet=1)
        _LAUNCHER.append(
            subprocess.Popen(
                [sys.executable, "-c", LAUNCHER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )


def run_once(argv: list[str], cwd: Path | None = None) -> tuple[float, float, float, str]:
    """Wall and CPU seconds, peak MiB and standard output of one child; Failed on exit != 0."""
    start_launcher()
    launcher = _LAUNCHER[0]
    assert launcher.stdin is not None and launcher.stdout is not None
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        job = {"argv": argv, "cwd": str(cwd) if cwd else None, "out": str(out), "err": str(err)}
        launcher.stdin.write(json.dumps(job) + "\n")
        launcher.stdin.flush()
        wall, cpu, maxrss, returncode = json.loads(launcher.stdout.readline())
        stdout = out.read_bytes().decode("utf-8", "replace")
        if returncode != 0:
            lines = err.read_bytes().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise Failed(f"exit {returncode}: {' | '.join(lines) or stdout[:200]}")
    return wall, cpu, maxrss * 1024 / MIB, stdout


def measure(
    name: str,
    argv: list[str],
    runs: int,
    *,
    cwd: Path | None = None,
    before: object = None,
    note: str = "",
    warmup: int = 1,
) -> Figure:
    """``warmup`` unmeasured runs, then ``runs`` measured ones (``before()`` ahead of each)."""
    figure = Figure(name, note=note)
    try:
        for attempt in range(runs + warmup):
            if callable(before):
                before()
            wall, cpu, peak, stdout = run_once(argv, cwd)
            if attempt >= warmup:
                figure.walls.append(wall)
                figure.cpus.append(cpu)
                figure.peaks.append(peak)
            figure.output = stdout[:2000]
    except Failed as failure:
        figure.note = f"failed: {failure}"
        return figure
    figure.wall = statistics.median(figure.walls)
    figure.cpu = statistics.median(figure.cpus)
    figure.peak = statistics.median(figure.peaks)
    return figure


# ------------------------------------------------------------------ archives


@dataclass
class Archive:
    """A generated archive: OUT/records (and OUT is its git repository)."""

    out: Path
    departments: int
    months: int
    info: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> Path:
        return self.out / "records"

    @property
    def cache(self) -> Path:
        return self.out / ".cache"

    def latest_month(self) -> str:
        return sorted(p.name for p in self.records.iterdir() if re.match(r"\d{4}-\d{2}$", p.name))[
            -1
        ]


def generate(out: Path, departments: int, months: int, start: str, reuse: bool) -> Archive:
    archive = Archive(out, departments, months)
    stamp = out / ".bench" / "archive.json"
    wanted = {"departments": departments, "months": months, "start": start}
    if reuse and stamp.exists():
        saved = json.loads(stamp.read_text())
        if saved.get("wanted") == wanted:
            archive.info = saved["info"]
            return archive
    with tempfile.TemporaryDirectory() as folder:
        stats = Path(folder) / "stats.json"
        command = [
            sys.executable, str(HERE / "generate.py"), "--departments", str(departments),
            "--months", str(months), "--start", start, "--out", str(out), "--seal", "--commits",
            "--stats", str(stats),
        ]  # fmt: skip
        line = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
        archive.info = json.loads(stats.read_text(encoding="utf-8"))
    print(f"  {line}", flush=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"wanted": wanted, "info": archive.info}))
    return archive


# ------------------------------------------------------------------ the site


def project_config() -> dict | None:
    """The project's mkdocs.yml (tags read as plain values), or None when there is none."""
    path = PROJECT / "mkdocs.yml"
    if not path.exists():
        return None

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Tolerant) or {}


def search_settings(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if plugin == "search":
            return {}
        if isinstance(plugin, dict) and "search" in plugin:
            return dict(plugin["search"] or {})
    return {}


def site_config(archive: Archive) -> Path:
    """mkdocs.yml beside the archive's records: the project's, with its own output folder.

    The kaoping plugin reads ``records`` relative to this file, so it finds the archive.
    """
    config = archive.out / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {PROJECT / 'mkdocs.yml'}\n"
        f"docs_dir: {PROJECT / 'site'}\n"
        f"site_dir: {archive.out / '.bench' / 'public'}\n",
        encoding="utf-8",
    )
    return config


def built_pages(site_dir: Path) -> int:
    return sum(
        1 for p in site_dir.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts
    )


def site_sizes(site_dir: Path) -> str:
    """What a build wrote: pages, HTML and search index sizes."""
    html = [p.stat().st_size for p in site_dir.rglob("*.html") if "assets" not in p.parts]
    index = site_dir / "search" / "search_index.json"
    size = index.stat().st_size if index.exists() else 0
    largest = max(html, default=0)
    return (
        f"{len(html)} HTML files, {sum(html) / MIB:.1f} MiB (largest {largest / MIB:.2f} MiB), "
        f"search index {size / MIB:.1f} MiB"
    )


def same_pages_site(folder: Path, archive: Archive, config: dict) -> Path:
    """The pages kaoping generates for the archive, as ordinary Markdown, in a bare project.

    The same content (each page's HTML as one raw block), the same front matter (search
    exclusion of the record pages included), the hand-written pages in the archive's
    language, the same navigation, theme, Markdown extensions, search settings and the
    site's CSS and JavaScript; built by plain MkDocs Material without the kaoping
    plugin (so without the compact search entries, the downloads and the photos).
    """
    from scoring import i18n
    from scoring.site.plugin import ASSETS, ASSETS_URI, NAV, _language_variant
    from scoring.site.render import title_text

    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    source = PROJECT / "site"
    language = "en"
    org = yaml.safe_load((archive.records / "org.yaml").read_text(encoding="utf-8"))
    language = i18n.language_of(org.get("language"))
    hand_written = []
    for path in sorted(source.rglob("*.md")):
        uri = path.relative_to(source).as_posix()
        variant = _language_variant(uri)
        if variant is not None:
            if variant[1] != language:
                continue
            uri = variant[0]
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, docs / uri)
        hand_written.append(uri)
    subprocess.run([sys.executable, "-c", PAGES, str(archive.records), str(docs)], check=True,
                   capture_output=True)  # fmt: skip
    shutil.copytree(ASSETS, docs / ASSETS_URI)
    generated = {path for _, path in NAV}
    nav: list = [{i18n.text(key, language): path} for key, path in NAV]
    others = sorted(uri for uri in set(hand_written) - generated if uri != "index.md")
    if others:
        nav.append({i18n.text("nav.about", language): others})
    theme = {**(config.get("theme") or {}), "language": language}
    settings = {
        "site_name": title_text(org.get("unit", "")),
        "docs_dir": str(docs),
        "site_dir": str(folder / "public"),
        "use_directory_urls": True,
        "theme": theme,
        "plugins": [{"search": search_settings(config)}],
        "markdown_extensions": config.get("markdown_extensions") or [],
        "extra_css": [f"{ASSETS_URI}/kaoping.css"],
        "extra_javascript": [f"{ASSETS_URI}/kaoping.js"],
        "nav": nav,
        "not_in_nav": "/months/*.md\n/departments/*.md\n/services/*.md\n/history/*.md\n",
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bare_site(folder: Path, pages: int, config: dict) -> Path:
    """``pages`` trivial Chinese pages, a short navigation, Material with the same search."""
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n基准测试站点的首页。\n", encoding="utf-8")
    for number in range(1, pages):
        (docs / "p" / f"{number:05d}.md").write_text(
            f"# 第{number}页\n\n机关事务管理局绩效考评第{number}页。"
            "本页为基准测试生成的简短中文内容，用于测量站点构建的下限。\n",
            encoding="utf-8",
        )
    theme = {"name": "material", "language": "zh", "font": False}
    nav = ["index.md"] + [f"p/{n:05d}.md" for n in range(1, min(pages, 8))]
    settings = {
        "site_name": "基准测试",
        "docs_dir": str(docs),
        "site_dir": str(folder / "public"),
        "theme": theme,
        "plugins": [{"search": search_settings(config)}],
        "nav": nav,
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ one changed month


class ChangedMonth:
    """Edits one target title of the latest month before each run; undoes it all at the end."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        month = archive.latest_month()
        first = sorted((archive.records / month / "targets").iterdir())[0]
        self.path = first
        self.relative = first.relative_to(archive.records).as_posix()
        self.original = first.read_bytes()
        self.count = 0
        self.head = self._git("rev-parse", "HEAD").strip()

    def _git(self, *args: str) -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
            "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
        }  # fmt: skip
        return subprocess.run(
            ["git", "-C", str(self.archive.out), *args],
            check=True, capture_output=True, text=True, env=env,
        ).stdout  # fmt: skip

    def edit(self) -> None:
        self.count += 1
        text = self.original.decode("utf-8")
        text = text.replace("\n    title: ", f"\n    title: 修订{self.count}版", 1)
        self.path.write_text(text, encoding="utf-8")

    @property
    def department(self) -> str:
        """The department whose targets file is edited (``explain``'s subject)."""
        return self.path.stem

    def unedit(self) -> None:
        """The file as generated again (git's HEAD is left where it is)."""
        self.path.write_bytes(self.original)

    def edit_and_commit(self) -> None:
        self.edit()
        self._git("commit", "-q", "-m", f"修订目标 {self.count}", "--", str(self.path))

    def restore(self) -> None:
        self._git("reset", "-q", "--hard", self.head)
        self.path.write_bytes(self.original)


# ------------------------------------------------------------------ mkdocs serve


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _served(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def _status_mib(pid: int, field_name: str) -> float | None:
    """A field of a running process's /proc status in MiB: ``VmRSS`` (resident now) or
    ``VmHWM`` (its high-water mark)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field_name}:"):
                return int(line.split()[1]) * 1024 / MIB
    except OSError:
        pass
    return None


def _cpu_seconds(pid: int) -> float:
    """User and system seconds of a running process and of the children it waited for."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _log_count(log: IO[bytes], text: str) -> int:
    """How many times the server's log says ``text`` so far."""
    log.seek(0)
    return log.read().decode("utf-8", "replace").count(text)


def _wait_rebuilt(log: IO[bytes], builds: int, limit: float = 1800) -> bool:
    """Until MkDocs has finished ``builds`` rebuilds and none is pending (each "Detected
    file changes" answered by a "Reloading browsers"); False after ``limit`` seconds."""
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        done = _log_count(log, "Reloading browsers")
        if done >= builds and done == _log_count(log, "Detected file changes"):
            return True
        time.sleep(0.1)
    return False


# RSS checkpoints of the memory target: after the first few edits and after the last.
SETTLED_EDIT = 10
IDLE_SECONDS = 5  # how long the idle server's CPU use is measured


def serve_figure(archive: Archive, site: Path, edits: int, extra: tuple[str, ...] = ()) -> Figure:
    """``mkdocs serve --livereload --dirty`` on the archive: ``edits`` successive edits of
    one target title of the latest month, each the seconds until the served month page
    shows it (the median of them all is the figure).

    Each edit is made once the rebuild of the one before has ended (MkDocs logged
    "Reloading browsers" for it, and no change is pending), so that it never waits for
    it; the server's CPU seconds from the edit to that end are the ``cpu`` figures, and
    its resident memory (VmRSS) then is kept in ``rss`` (the memory target compares edit
    10 with the last). The peak is the server's high-water mark over the first build and
    every rebuild. The plugin's ``on_serve`` watches ``records/`` (MkDocs polls watched
    folders every 0.5 s, so an idle server's CPU use is measured too).
    """
    mkdocs = str(BIN / "mkdocs")
    name = "mkdocs serve: one record edited" + (f" ({' '.join(extra)})" if extra else "")
    figure = Figure(name)
    port = _free_port()
    month = archive.latest_month()
    url = f"http://127.0.0.1:{port}/months/{month}/"
    edit = ChangedMonth(archive)
    with tempfile.TemporaryFile() as log:
        # --livereload: MkDocs 1.6.1 loses its default with click >= 8.2.2 (mkdocs/mkdocs#4032)
        # --dirty: MkDocs rebuilds only the pages the plugin rewrote (docs/site.md)
        argv = [mkdocs, "serve", "-f", str(site), "-a", f"127.0.0.1:{port}", "--livereload"]
        argv.append("--dirty")
        server = subprocess.Popen(
            [*argv, *extra], cwd=archive.out, stdout=log, stderr=log, stdin=subprocess.DEVNULL
        )
        try:
            began = time.perf_counter()
            while _served(url) is None:
                if server.poll() is not None or time.perf_counter() - began > 3600:
                    log.seek(0)
                    tail = log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                    figure.note = f"failed: the server did not start: {' | '.join(tail)}"
                    return figure
                time.sleep(1)
            first = time.perf_counter() - began
            time.sleep(IDLE_SECONDS)  # the first build's after-work; then what idling costs
            cpu, mark = _cpu_seconds(server.pid), time.perf_counter()
            time.sleep(IDLE_SECONDS)
            idle = (_cpu_seconds(server.pid) - cpu) / (time.perf_counter() - mark)
            idle_rss = _status_mib(server.pid, "VmRSS")
            for number in range(1, edits + 1):
                cpu = _cpu_seconds(server.pid)
                edit.edit()
                marker = f"修订{edit.count}版"
                edited = time.perf_counter()
                while marker not in (_served(url) or ""):
                    if time.perf_counter() - edited > 1800 or server.poll() is not None:
                        figure.note = f"failed: edit {number} not shown within 30 min"
                        return figure
                    time.sleep(0.1)
                figure.walls.append(time.perf_counter() - edited)
                if not _wait_rebuilt(log, number):
                    figure.note = f"failed: the rebuild of edit {number} did not end"
                    return figure
                figure.cpus.append(_cpu_seconds(server.pid) - cpu)
                figure.rss.append(_status_mib(server.pid, "VmRSS") or 0.0)
            figure.peak = _status_mib(server.pid, "VmHWM")
        finally:
            edit.restore()
            server.terminate()
            server.wait(timeout=60)
    figure.wall = statistics.median(figure.walls)
    figure.cpu = statistics.median(figure.cpus)
    figure.peaks = [figure.peak] if figure.peak is not None else []
    figure.detail = (
        f"first build served after {first:.0f} s ({idle_rss or 0:.0f} MiB resident), idle "
        f"{idle * 100:.0f}% of a CPU (watching records/); {edits} edits shown after "
        f"{min(figure.walls):.2f}–{max(figure.walls):.2f} s (median {figure.wall:.2f}), the "
        f"server's CPU from an edit to its rebuild's end {min(figure.cpus):.2f}–"
        f"{max(figure.cpus):.2f} s"
    )
    return figure


# ------------------------------------------------------------------ the whole run


def drop_cache(archive: Archive) -> None:
    shutil.rmtree(archive.cache, ignore_errors=True)


# The ``kaoping`` console script, as a program ``python -X importtime`` can run.
KAOPING = "import sys\nfrom scoring.cli import main\nsys.argv[0] = 'kaoping'\nmain()\n"
HEAVY = ("pandas", "numpy", "openpyxl")  # what a validate or score --format json must not import


def import_check(archive: Archive, arguments: list[str]) -> dict:
    """What ``kaoping ARGUMENTS`` imports on a cold run: ``python -X importtime``'s modules,
    the seconds of the top-level imports (cumulative, so each module counted once; the
    instrumentation adds a little), and which of ``HEAVY`` are among them."""
    drop_cache(archive)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", KAOPING, *arguments],
        cwd=archive.out, capture_output=True, text=True,
    )  # fmt: skip
    modules: list[str] = []
    total = 0
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3 or "[us]" in line:
            continue
        name = parts[2]
        modules.append(name.strip())
        if not name[1:2].isspace():  # a top-level import: its cumulative time holds the rest
            total += int(parts[1])
    roots = {module.split(".")[0] for module in modules}
    return {
        "seconds": total / 1e6,
        "modules": len(modules),
        "heavy": [name for name in HEAVY if name in roots],
        "exit": done.returncode,
    }


def imports_text(imports: dict) -> str:
    if not imports:
        return ""
    heavy = ", ".join(imports["heavy"]) or f"no {', no '.join(HEAVY)}"
    return (
        f"imports (python -X importtime, cold): {imports['seconds']:.2f} s, "
        f"{imports['modules']} modules; {heavy}"
    )


def core_figures(archive: Archive, runs: int, warmup: int, label: str) -> dict[str, Figure]:
    """Parse floor, validate, score, history on a whole archive (cold cache)."""
    r = str(archive.records)
    python, kaoping = sys.executable, str(BIN / "kaoping")
    cold = lambda: drop_cache(archive)  # noqa: E731
    figures = {}
    print(f"  {label}: parse floor", flush=True)
    figures["floor"] = measure("parse floor", [python, "-c", FLOOR, r, "drop"], runs, warmup=warmup)
    print(f"  {label}: validate", flush=True)
    figures["validate"] = measure(
        "validate", [kaoping, "validate", "--records", r], runs, before=cold, warmup=warmup
    )
    print(f"  {label}: score", flush=True)
    figures["score"] = measure(
        "score",
        [kaoping, "score", "--format", "json", "--records", r],
        runs,
        before=cold,
        warmup=warmup,
    )
    for key, arguments in (
        ("validate", ["validate", "--records", r]),
        ("score", ["score", "--format", "json", "--records", r]),
    ):
        figures[key].imports = import_check(archive, arguments)
    print(f"  {label}: history", flush=True)
    figures["history"] = measure(
        "history", [python, "-c", HISTORY, r], runs, before=cold, warmup=warmup
    )
    return figures


def full_figures(
    archive: Archive, runs: int, warmup: int, skip_site: bool, serve_edits: int
) -> tuple[dict[str, Figure], dict[str, Figure]]:
    r = str(archive.records)
    python, kaoping, mkdocs = sys.executable, str(BIN / "kaoping"), str(BIN / "mkdocs")
    full = core_figures(archive, runs, warmup, "full archive")
    cold = lambda: drop_cache(archive)  # noqa: E731
    print("  full archive: parse floor with the documents kept", flush=True)
    full["floor-kept"] = measure(
        "parse floor, documents kept", [python, "-c", FLOOR, r, "keep"], runs, warmup=warmup
    )
    print("  full archive: page generation", flush=True)
    full["pages"] = measure(
        "page generation", [python, "-c", PAGES, r], runs, before=cold, warmup=warmup
    )
    config = project_config()
    pages = None
    if skip_site:
        full["mkdocs"] = Figure("mkdocs build", note="skipped (--skip-site)")
    elif config is None:
        full["mkdocs"] = Figure("mkdocs build", note="skipped: the project has no mkdocs.yml")
    else:
        print("  full archive: mkdocs build", flush=True)
        site = site_config(archive)
        full["mkdocs"] = measure(
            "mkdocs build",
            [mkdocs, "build", "-q", "-f", str(site)],
            runs,
            cwd=archive.out,
            before=cold,
            warmup=warmup,
        )
        if full["mkdocs"].measured:
            pages = built_pages(archive.out / ".bench" / "public")
            full["mkdocs"].detail = site_sizes(archive.out / ".bench" / "public")
    if pages is None and full["pages"].measured:
        pages = json.loads(full["pages"].output)["pages"] + 3  # + the hand-written pages
    if not skip_site and config is not None:
        print("  full archive: bare MkDocs Material build of the same pages", flush=True)
        same = same_pages_site(archive.out / ".bench" / "same", archive, config)
        full["same"] = measure(
            "bare Material build, the same pages",
            [mkdocs, "build", "-q", "-f", str(same)],
            runs,
            warmup=warmup,
        )
        if full["same"].measured:
            count = built_pages(same.parent / "public")
            full["same"].name = f"bare Material build, the same {count} pages"
            full["same"].detail = site_sizes(same.parent / "public")
    else:
        full["same"] = Figure("bare Material build, the same pages", note="skipped")
    if not skip_site and pages:
        print(f"  full archive: bare MkDocs Material build of {pages} trivial pages", flush=True)
        bare = bare_site(archive.out / ".bench" / "bare", pages, config or {})
        full["bare"] = measure(
            f"bare Material build, {pages} trivial pages",
            [mkdocs, "build", "-q", "-f", str(bare)],
            runs,
            warmup=warmup,
        )
        if full["bare"].measured:
            full["bare"].detail = site_sizes(bare.parent / "public")
    else:
        full["bare"] = Figure("bare Material build", note="skipped")
    if not skip_site and config is not None:
        print("  full archive: mkdocs serve, one record edited", flush=True)
        full["serve"] = serve_figure(archive, site_config(archive), serve_edits)
    else:
        full["serve"] = Figure("mkdocs serve: one record edited", note="skipped")

    changed: dict[str, Figure] = {}
    edit = ChangedMonth(archive)
    # the commands of the 1-second target; the others keep the cache the run before left
    month_folder = str(archive.records / archive.latest_month())
    try:
        print("  one changed month: parse floor of that month", flush=True)
        changed["floor"] = measure(
            "parse floor, that month's files", [python, "-c", FLOOR, month_folder, "drop"], runs
        )
        latest = archive.latest_month()
        for key, arguments in (
            ("validate", ["validate"]),
            ("score", ["score", "--format", "json"]),
            ("explain", ["explain", edit.department, latest]),
            ("diff", ["diff", "HEAD"]),
            ("check-lock", ["check-lock", "HEAD"]),
        ):
            print(f"  one changed month, warm cache: {key}", flush=True)
            argv = [kaoping, *arguments, "--records", r]
            changed[key] = measure(
                f"kaoping {' '.join(arguments)}",
                argv,
                runs,
                cwd=archive.out,
                before=warmed(archive, edit, argv),
                warmup=0,
            )
        edit.unedit()
        print("  one changed month: history", flush=True)
        changed["history"] = measure(
            "history (one commit more)",
            [python, "-c", HISTORY, r],
            runs,
            before=edit.edit_and_commit,
        )
        edit.restore()
        print("  one changed month: page generation", flush=True)
        changed["pages"] = measure(
            "page generation", [python, "-c", PAGES, r], runs, before=edit.edit
        )
        if "mkdocs" in full and full["mkdocs"].measured:
            print("  one changed month: mkdocs build", flush=True)
            site = archive.out / "mkdocs.yml"
            changed["mkdocs"] = measure(
                "mkdocs build",
                [mkdocs, "build", "-q", "-f", str(site)],
                runs,
                cwd=archive.out,
                before=edit.edit,
            )
        else:
            changed["mkdocs"] = Figure("mkdocs build", note=full["mkdocs"].note or "skipped")
    finally:
        edit.restore()
    for figure in changed.values():
        figure.note = figure.note or f"{edit.relative} edited before each run"
    return full, changed


def warmed(archive: Archive, edit: ChangedMonth, argv: list[str]) -> object:
    """Before each run of a warm-cache figure: no ``.cache/``, the record as generated, the
    same command run once (unmeasured: it fills the cache as CI's restored cache or a
    developer's earlier run would have it), then the edit."""

    def before() -> None:
        drop_cache(archive)
        edit.unedit()
        run_once(argv, archive.out)
        edit.edit()

    return before


# ------------------------------------------------------------------ the report


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = " (" + line.split(":", 1)[1].strip() + ")"
                break
    except OSError:
        pass
    import mkdocs

    return (
        f"{os.cpu_count()} CPUs{cpu}, {memory:.1f} GiB, Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} (libyaml {yaml.__with_libyaml__}), MkDocs {mkdocs.__version__}, "
        f"{platform.system()} {platform.release()}"
    )


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def mib(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def counted(figure: Figure) -> str:
    """The file count a parse-floor run printed, with thousands separators."""
    text = figure.output.strip()
    return f"{int(text):,}" if text.isdigit() else "?"


def ratio(a: Figure, b: Figure | None, of: str = "wall") -> float | None:
    """a / b in wall seconds (``of="cpu"``: in CPU seconds)."""
    if not a.measured or b is None or not b.measured:
        return None
    top, bottom = getattr(a, of), getattr(b, of)
    return top / bottom if bottom else None


def verdict(value: float | None, limit: float | None) -> str:
    """The verdict of a target: ok within ``limit``, over beyond it, blank when unmeasured."""
    if value is None or limit is None:
        return ""
    return "ok" if value <= limit else "over"


HEADER = (
    f"  {'':<44} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}  {'against':<12} {'ratio':>7}"
    f"  {'target':<7} verdict"
)
WARM = "warm: .cache/ as the same command left it, run once on the unedited archive from none"
SERVE_GROWTH = 50  # MiB: RSS after the last edit at most this above RSS after edit 10


def row(
    label: str,
    figure: Figure,
    against: str = "",
    factor: float | None = None,
    target: str = "",
    limit: float | None = None,
) -> str:
    """One table row; ``limit`` judges ``factor`` (or the wall time when no factor is given)."""
    if not figure.measured:
        return f"  {label:<44} {'—':>8} {'—':>8} {'—':>9}  {figure.note}"
    judged = factor if factor is not None else figure.wall
    shown = f"{factor:.2f}×" if factor is not None else ""
    line = (
        f"  {label:<44} {seconds(figure.wall):>8} {seconds(figure.cpu):>8} {mib(figure.peak):>9}"
        f"  {against:<12} {shown:>7}"
        f"  {target:<7} {verdict(judged, limit)}"
    )
    return line.rstrip()


def detail(text: str) -> str:
    return f"  {'':<6}{text}"


def serve_memory(serve: Figure | None) -> tuple[float, float] | None:
    """RSS once idle after edit 10 (or the last, when fewer) and after the last edit."""
    if serve is None or not serve.rss:
        return None
    return serve.rss[min(SETTLED_EDIT, len(serve.rss)) - 1], serve.rss[-1]


def cold_rows(figures: dict[str, Figure]) -> list[str]:
    """The parse floor, validate and score of a whole archive, the last two against 2×."""
    floor = figures["floor"]
    lines = [row(f"parse floor: CSafeLoader, {counted(floor)} files", floor)]
    kept = figures.get("floor-kept")
    if kept is not None:
        lines.append(row("parse floor, documents kept", kept, "parse floor", ratio(kept, floor)))
    for key, label in (("validate", "kaoping validate"), ("score", "kaoping score --format json")):
        figure = figures[key]
        lines.append(row(label, figure, "parse floor", ratio(figure, floor), "≤ 2×", 2))
        if figure.imports:
            lines.append(detail(imports_text(figure.imports)))
    return lines


def report(
    args: argparse.Namespace,
    command: str,
    archive: Archive,
    full: dict[str, Figure],
    changed: dict[str, Figure],
    scale: dict[str, tuple[Archive, dict[str, Figure]]],
) -> str:
    info = archive.info
    months = sorted(p.name for p in archive.records.iterdir() if re.match(r"\d{4}-\d{2}$", p.name))
    size = f"{args.departments}×{args.months}"
    lines = [
        f"kaoping benchmark: {args.departments} departments × {args.months} months "
        f"({months[0]}..{months[-1]}), median of {args.runs} runs",
        f"archive: {info.get('record files', 0):,} record files, "
        f"{info.get('evidence files', 0):,} evidence files, {info.get('target items', 0):,} "
        f"target items, {info.get('commits', 0):,} commits, {info.get('seals', 0)} sealed months",
        f"machine: {machine()}",
        f"command: {command}",
        "",
        HEADER,
        f"full archive {size}, cold (no .cache/)",
        *cold_rows(full),
    ]
    history = full["history"]
    commits = int(history.output.split()[0]) if history.measured else 0
    lines.append(row(f"history: read_history, {commits:,} commits", history))
    if history.measured and commits:
        lines.append(detail(f"{history.wall / commits * 1000:.3f} ms per commit"))  # type: ignore[operator]
    pages = full["pages"]
    lines.append(row("page generation (scoring.site, no MkDocs)", pages))
    if pages.measured:
        data = json.loads(pages.output)
        lines.append(
            detail(
                f"{data['pages']} pages, {data['bytes'] / MIB:.0f} MiB: imports "
                f"{data['import']:.1f} s, load_site (validate, score, history) "
                f"{data['load_site']:.1f} s, site_pages {data['site_pages']:.1f} s, "
                f"render {data['render']:.1f} s"
            )
        )
    same = full.get("same")
    lines.append(
        row(
            "mkdocs build", full["mkdocs"], "same pages", ratio(full["mkdocs"], same), "≤ 1.5×", 1.5
        )
    )
    if same is not None:
        lines.append(row(same.name, same))
    lines.append(row(full["bare"].name, full["bare"]))
    for key in ("mkdocs", "same", "bare"):
        if key in full and full[key].detail:
            lines.append(detail(f"{key}: {full[key].detail}"))
    serve = full.get("serve")
    if serve is not None:
        lines.append(row(serve.name, serve, "absolute", None, "≤ 2 s", 2))
        if serve.detail:
            lines.append(detail(f"serve: {serve.detail}"))
        memory = serve_memory(serve)
        if memory is not None and serve.rss:
            lines.append(
                detail(
                    f"serve: resident after edit 1 | {min(SETTLED_EDIT, len(serve.rss))} | "
                    f"{len(serve.rss)}: {serve.rss[0]:.0f} | {memory[0]:.0f} | {memory[1]:.0f} MiB"
                )
            )

    smallest = scale.get("smallest")
    if smallest is not None:
        small_archive, small = smallest
        lines.append(
            f"{small_archive.departments}×{small_archive.months} archive, cold (no .cache/): "
            f"{small_archive.info.get('record files', 0):,} record files"
        )
        lines += cold_rows(small)

    note = changed["validate"].note if "validate" in changed else ""
    lines.append(f"one changed month ({note})")
    lines.append(detail(f"the kaoping rows: {WARM}"))
    month_floor = changed.get("floor")
    if month_floor:
        lines.append(row(f"parse floor: that month, {counted(month_floor)} files", month_floor))
    for key in WARM_COMMANDS:
        figure = changed.get(key)
        if figure is not None:
            lines.append(row(figure.name, figure, "absolute", None, "< 1 s", 1))
    for key, label in (
        ("history", "history: one commit more"),
        ("pages", "page generation"),
        ("mkdocs", "mkdocs build"),
    ):
        figure = changed.get(key)
        if figure is not None:
            lines.append(row(label, figure))

    if "base" in scale and "quarter" in scale:
        lines += scaling(archive, full, scale)

    lines += ["", "targets (issue 15), judged on wall seconds"]

    def target(
        text: str,
        value: float | None,
        limit: float,
        unit: str,
        also: str = "",
    ) -> None:
        if value is None:
            lines.append(f"  {text:<66} not measured")
            return
        shown = f"{value:+.0f}" if unit == "MiB" else f"{value:.2f}"
        line = f"  {text:<66} {shown:>7} {unit:<4} {verdict(value, limit):<5} {also}"
        lines.append(line.rstrip())

    for key in WARM_COMMANDS:
        figure = changed.get(key)
        text = f"{figure.name if figure else key} < 1 s"
        cpu = f"(CPU {figure.cpu:.2f} s)" if figure is not None and figure.cpu is not None else ""
        target(f"one changed month, warm: {text}", figure.wall if figure else None, 1, "s", cpu)
    sizes = [(smallest[0], smallest[1])] if smallest is not None else []
    sizes.append((archive, full))
    for sized, figures in sizes:
        for key in ("validate", "score"):
            target(
                f"cold, {sized.departments}×{sized.months}: {key} ≤ 2× parse floor",
                ratio(figures[key], figures["floor"]),
                2,
                "×",
                f"(in CPU seconds {ratio(figures[key], figures['floor'], 'cpu') or 0:.2f}×)",
            )
    for key in ("validate", "score"):
        imports = full[key].imports
        text = f"cold, {size}: {key} imports no {', no '.join(HEAVY)}"
        if not imports:
            lines.append(f"  {text:<66} not measured")
        else:
            found = ", ".join(imports["heavy"]) or "none"
            shown = f"{found:>7}      {'ok' if not imports['heavy'] else 'over':<5}"
            lines.append(f"  {text:<66} {shown} (imports {imports['seconds']:.2f} s)")
    edits = len(serve.walls) if serve is not None else 0
    target(
        f"mkdocs serve --dirty: an edited record shown ≤ 2 s (median of {edits})",
        serve.wall if serve is not None else None,
        2,
        "s",
        f"(slowest {max(serve.walls):.2f} s)" if serve is not None and serve.walls else "",
    )
    memory = serve_memory(serve)
    target(
        f"mkdocs serve: RSS edit {SETTLED_EDIT} → {edits} grows ≤ {SERVE_GROWTH} MiB",
        memory[1] - memory[0] if memory else None,
        SERVE_GROWTH,
        "MiB",
        f"({memory[0]:.0f} → {memory[1]:.0f} MiB, {(memory[1] / memory[0] - 1) * 100:+.1f}%)"
        if memory
        else "",
    )
    lines.append("earlier targets (the scale issue)")
    target(
        "mkdocs build ≤ 1.5× bare build of the same pages",
        ratio(full["mkdocs"], full.get("same")),
        1.5,
        "×",
        f"(in CPU seconds {ratio(full['mkdocs'], full.get('same'), 'cpu') or 0:.2f}×)",
    )
    peaks = [
        f.peak
        for key, f in full.items()
        if key in ("validate", "score", "pages", "mkdocs", "serve") and f.peak
    ]
    peak_gb = max(peaks) * MIB / 1e9 if peaks else None
    target("peak memory of any command < 2 GB (10⁹ bytes)", peak_gb, 2, "GB")
    lines.append("  history linear in commits, memory linear in size: the ×ratios under scaling")
    return "\n".join(lines)


WARM_COMMANDS = ("validate", "score", "explain", "diff", "check-lock")


def scaling(
    archive: Archive,
    full: dict[str, Figure],
    scale: dict[str, tuple[Archive, dict[str, Figure]]],
) -> list[str]:
    """How validate, score and history grow from the 1×1 archive to a quarter and the whole."""
    lines = ["", "scaling: 1×1 archive (the fixed cost) | quarter archive | full archive"]
    base_archive, base = scale["base"]
    quarter_archive, quarter = scale["quarter"]
    sizes = [(base_archive, base), (quarter_archive, quarter), (archive, full)]
    files = [a.info.get("record files", 0) + a.info.get("evidence files", 0) for a, _ in sizes]
    shown = " | ".join(
        f"{a.departments}×{a.months}: {n:,} files" for (a, _), n in zip(sizes, files, strict=True)
    )
    lines.append(f"  {'archives':<44} {shown}")

    def growth(
        label: str,
        values: list[float | None],
        sizes_: list[int],
        unit: str,
        per: str,
        scale_: float,
    ) -> None:
        if None in values:
            lines.append(f"  {label:<44} not measured at every size")
            return
        v = [float(x) for x in values]  # type: ignore[arg-type]
        first = (v[1] - v[0]) / max(1, sizes_[1] - sizes_[0]) * scale_
        second = (v[2] - v[0]) / max(1, sizes_[2] - sizes_[0]) * scale_
        trend = f"×{second / first:.2f}" if first > 0 else "n/a"
        lines.append(
            f"  {label:<44} {' | '.join(f'{x:.2f}' if x < 100 else f'{x:.0f}' for x in v)}"
            f"  → {first:.3f} then {second:.3f} {unit} {per} ({trend})"
        )

    for key, label in (("validate", "kaoping validate"), ("score", "kaoping score")):
        growth(
            f"{label} peak MiB", [f[key].peak for _, f in sizes], files, "MiB",
            "per 1,000 files", 1000,
        )  # fmt: skip
        growth(
            f"{label} wall s", [f[key].wall for _, f in sizes], files, "s",
            "per 1,000 files", 1000,
        )  # fmt: skip
    counts = []
    for _, f in sizes:
        figure = f["history"]
        counts.append(int(figure.output.split()[0]) if figure.measured else 0)
    growth(
        f"history wall s ({' | '.join(f'{c:,}' for c in counts)} commits)",
        [f["history"].wall for _, f in sizes],
        counts,
        "ms",
        "per commit",
        1000,
    )
    lines.append(
        detail("(×1.00: the quarter and the full archive cost the same per file or commit)")
    )
    return lines


def reprint(path: Path) -> str:
    """The report of a run saved with ``--json`` (its archives must still exist)."""
    data = json.loads(path.read_text(encoding="utf-8"))

    def archive(saved: dict) -> Archive:
        return Archive(Path(saved["out"]), saved["departments"], saved["months"], saved["info"])

    def figures(saved: dict) -> dict[str, Figure]:
        return {key: Figure(**value) for key, value in saved.items()}

    args = argparse.Namespace(**data["args"])
    scale = {
        key: (archive(value["archive"]), figures(value["figures"]))
        for key, value in data["scale"].items()
    }
    return report(
        args,
        data["command"],
        archive(data["archive"]),
        figures(data["full"]),
        figures(data["changed"]),
        scale,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--start", default="2017-01")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per figure (median)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="unmeasured runs before each whole-archive figure"
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kaoping-bench",
                        help="where the archives are generated")  # fmt: skip
    parser.add_argument(
        "--reuse", action="store_true", help="keep archives generated before with the same sizes"
    )
    parser.add_argument(
        "--skip-site", action="store_true", help="no mkdocs build and no bare build"
    )
    parser.add_argument(
        "--no-scale", action="store_true", help="skip the 40×60, quarter and 1×1 archives"
    )
    parser.add_argument(
        "--serve-edits", type=int, default=50, help="successive edits under mkdocs serve"
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--report", type=Path, metavar="JSON", help="print the table of an earlier --json run"
    )
    args = parser.parse_args(argv)
    start_launcher()
    if args.report:
        print(reprint(args.report))
        return 0
    print(f"generating archives under {args.work}", flush=True)
    archive = generate(
        args.work / f"d{args.departments}-m{args.months}",
        args.departments,
        args.months,
        args.start,
        args.reuse,
    )
    scale: dict[str, tuple[Archive, dict[str, Figure]]] = {}
    if not args.no_scale:
        quarter_months = max(1, args.months // 4)
        quarter = generate(
            args.work / f"d{args.departments}-m{quarter_months}",
            args.departments,
            quarter_months,
            args.start,
            args.reuse,
        )
        base = generate(args.work / "d1-m1", 1, 1, args.start, args.reuse)
        smallest = None
        if SMALLEST_TARGET[0] * SMALLEST_TARGET[1] < args.departments * args.months:
            smallest = generate(
                args.work / "d{}-m{}".format(*SMALLEST_TARGET), *SMALLEST_TARGET, args.start,
                args.reuse,
            )  # fmt: skip
    print("measuring", flush=True)
    full, changed = full_figures(archive, args.runs, args.warmup, args.skip_site, args.serve_edits)
    if not args.no_scale:
        quarter_figures = core_figures(quarter, args.runs, args.warmup, "quarter archive")
        scale["quarter"] = (quarter, quarter_figures)
        scale["base"] = (base, core_figures(base, args.runs, args.warmup, "1×1 archive"))
        if smallest is not None:
            label = "{}×{} archive".format(*SMALLEST_TARGET)
            scale["smallest"] = (smallest, core_figures(smallest, args.runs, args.warmup, label))
    command = " ".join([".venv/bin/python benchmarks/run.py", *sys.argv[1:]])
    text = report(args, command, archive, full, changed, scale)
    print()
    print(text)
    if args.json:
        data = {
            "command": command,
            "args": {
                "departments": args.departments,
                "months": args.months,
                "runs": args.runs,
                "serve_edits": args.serve_edits,
            },
            "archive": asdict(archive) | {"out": str(archive.out)},
            "full": {k: asdict(v) for k, v in full.items()},
            "changed": {k: asdict(v) for k, v in changed.items()},
            "scale": {
                k: {
                    "archive": asdict(a) | {"out": str(a.out)},
                    "figures": {n: asdict(f) for n, f in figs.items()},
                }
                for k, (a, figs) in scale.items()
            },
            "report": text,
        }
        args.json.write_text(
            json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
    return 0


def run_main() -> int:
    """``main``, with a failed child's own words shown instead of only its command line."""
    try:
        return main()
    except subprocess.CalledProcessError as failed:
        said = failed.stderr or failed.stdout or ""
        if isinstance(said, bytes):
            said = said.decode("utf-8", "replace")
        print(f"a measured command failed (exit {failed.returncode}):", file=sys.stderr)
        print(said.rstrip()[-4000:], file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run_main())
