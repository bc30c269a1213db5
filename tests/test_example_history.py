"""The example's history (``tools/example_history.py``): the records replayed into a git
repository as the bureau would have committed them, and the site built from it.

The history is built once into a temporary folder (a few seconds); the tests read it
with git and with the library (``scoring.history``, the engine, the lock), and build
the site from it as ``make site`` does.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sitebuild import build, parse

from scoring.engine import Engine, Memory
from scoring.history import History, read_history
from scoring.i18n import text as label
from scoring.lock import check_lock
from scoring.model import Records
from scoring.sources import FolderSource, RevisionSource, blob_id

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "example_history.py"
sys.path.insert(0, str(REPO / "tools"))

from example.appeals import published_versions  # noqa: E402
from example.history.main import fingerprint, site_files, tree  # noqa: E402

CHINESE = re.compile(r"[\u4e00-\u9fff]")
PULL = re.compile(r"^(?P<title>.+) \(#(?P<number>\d+)\)$")
APPEAL = re.compile(r"申诉(\d{4}-\d{3})")


def write_history(output: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(output), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("history") / "example"
    run = write_history(output)
    assert run.returncode == 0, run.stderr
    return output


@pytest.fixture(scope="module")
def history(example: Path) -> History:
    found = read_history(example / "records")
    assert found.available and not found.shallow
    return found


@pytest.fixture(scope="module")
def records() -> Records:
    return Engine(FolderSource(REPO / "records")).records()


def oldest_first(history: History, path: str) -> list[dt.date]:
    return [dt.date.fromisoformat(c.commit.date[:10]) for c in reversed(history.of(path))]


# ---------------------------------------------------------------- the repository


def test_the_final_tree_is_the_records_and_the_site(example: Path) -> None:
    listed = git(example, "ls-tree", "-r", "-z", "HEAD").split("\0")
    committed = {entry.split("\t")[1]: entry.split()[2] for entry in listed if entry}
    expected = {f"records/{path}": blob_id(data) for path, data in tree(REPO / "records").items()}
    expected.update({path: blob_id(data) for path, data in site_files().items()})
    assert committed == expected
    assert git(example, "status", "--porcelain") == ""


def test_each_commit_is_a_numbered_pull_request_by_a_person_of_org_yaml(example: Path) -> None:
    org = yaml.safe_load((REPO / "records/org.yaml").read_text(encoding="utf-8"))
    people = {
        (p["name"], f"{p['github']}@users.noreply.github.com")
        for p in org["people"]
        if p.get("github")
    }
    log = git(example, "log", "--reverse", "--format=%an%x00%ae%x00%cn%x00%aI%x00%cI%x00%s%x1e")
    commits = [entry.strip("\n").split("\0") for entry in log.split("\x1e") if entry.strip()]
    authors = set()
    previous = ""
    for number, (name, email, committer, authored, committed, subject) in enumerate(commits, 1):
        match = PULL.match(subject)
        assert match and int(match["number"]) == number, subject
        assert CHINESE.search(match["title"]), subject
        assert (name, email) in people, (subject, name, email)
        assert committer == "GitHub" and authored == committed, subject
        assert authored.endswith("+08:00") and "08:00" <= authored[11:16] <= "18:00", authored
        assert authored >= previous, subject
        previous = authored
        authors.add(name)
    assert len(authors) >= 15  # heads, inspectors, leaders and the office all commit


def test_the_site_reads_the_pull_request_numbers(history: History) -> None:
    """Every commit that changed the records is a pull request, numbered in merge order."""
    numbers = [commit.pull_request for commit in reversed(history.commits)]
    assert None not in numbers and numbers == sorted(set(numbers)), numbers


def test_writing_it_again_gives_the_same_commits(example: Path, tmp_path: Path) -> None:
    again = tmp_path / "example"
    assert write_history(again).returncode == 0
    head = git(example, "rev-parse", "HEAD")
    assert git(again, "rev-parse", "HEAD") == head
    run = write_history(again)  # made from the same records, site and code
    assert run.returncode == 0 and "up to date" in run.stdout
    assert git(again, "rev-parse", "HEAD") == head


def test_the_fingerprint_follows_the_records_and_the_site() -> None:
    records, site = tree(REPO / "records"), site_files()
    before = fingerprint(records, site)
    changed = {**records, "org.yaml": records["org.yaml"] + b"\n"}
    assert fingerprint(changed, site) != before
    assert fingerprint(records, {**site, "mkdocs.yml": b""}) != before
    assert fingerprint(records, site) == before


def test_a_folder_that_holds_no_history_is_not_replaced(tmp_path: Path) -> None:
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    run = write_history(tmp_path)
    assert run.returncode == 2 and "not replacing it" in run.stderr
    assert keep.read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------- the process's dates


def test_records_are_committed_on_the_days_the_process_writes_them(
    history: History, records: Records
) -> None:
    for month, found in records.months.items():
        info = found.info
        assert info is not None and info.meeting is not None
        last = dt.date.fromisoformat(month + "-01") + dt.timedelta(days=31)
        last = last.replace(day=1) - dt.timedelta(days=1)
        for stem, inspection in found.inspections.items():
            assert oldest_first(history, f"{month}/inspections/{stem}.yaml")[0] == inspection.date
        for leader in found.ratings:
            assert oldest_first(history, f"{month}/ratings/{leader}.yaml") == [info.meeting]
        for department in found.assessments:
            days = oldest_first(history, f"{month}/assessments/{department}.yaml")
            assert days[0] == last, (month, department)
        for contract, checks in found.services.items():
            days = oldest_first(history, f"{month}/services/{contract}.yaml")
            dates = [check.date for check in checks.checks]
            assert set(dates) <= set(days) and days[0] <= min(dates, default=days[0])
            if checks.assessed:
                assert days[-1] == checks.assessed
        lifecycle = oldest_first(history, f"{month}/month.yaml")
        assert lifecycle[0].strftime("%Y-%m") == month and lifecycle == sorted(lifecycle)
        if info.published:
            assert lifecycle[-1] == (info.closed or info.published), month
        if info.closed:
            assert oldest_first(history, f"{month}/seal.yaml")[0] == info.closed
        for path, changes in history.changes.items():
            if path.startswith(f"{month}/") and not path.endswith(("month.yaml", "seal.yaml")):
                for change in changes:  # by publication, but for an appeal's amendment
                    day = change.commit.date[:10]
                    if not APPEAL.search(change.commit.subject):
                        assert month <= day[:7] and day <= str(info.published or "9999"), path
    for stem, appeal in records.appeals.items():
        days = oldest_first(history, f"appeals/{stem}.yaml")
        assert days == ([appeal.filed] + ([appeal.decided] if appeal.decided else [])), stem


def test_amendments_after_publication_name_their_appeal_and_reason(
    history: History, records: Records
) -> None:
    """After a month's publication its records change only by an appeal's decision,
    in the pull request that decides it, whose title names the appeal and its reason."""
    order = {commit.sha: index for index, commit in enumerate(history.commits)}  # 0 newest
    amended: dict[str, list[str]] = {}
    for month, found in records.months.items():
        assert found.info is not None
        if found.info.published is None:
            continue
        publication = next(
            c for c in reversed(history.of(f"{month}/month.yaml")) if "公布" in c.commit.subject
        )
        assert publication.commit.date.startswith(found.info.published.isoformat())
        for path, changes in history.changes.items():
            if not path.startswith(f"{month}/") or path.endswith(("month.yaml", "seal.yaml")):
                continue
            for change in changes:
                if order[change.commit.sha] < order[publication.commit.sha]:
                    subject = change.commit.subject
                    (stem,) = APPEAL.findall(subject)
                    appeal = records.appeals[stem]
                    assert appeal.status in ("upheld", "partly-upheld") and appeal.decision
                    assert appeal.month == month and appeal.subject.startswith(path + "#")
                    assert appeal.decision in subject and change.commit.pull_request
                    assert change.commit.date.startswith(str(appeal.decided))
                    decided = history.of(f"appeals/{stem}.yaml")[0].commit
                    assert decided.sha == change.commit.sha  # the same pull request decides it
                    amended.setdefault(stem, []).append(path)
    assert sorted(amended) == sorted(published_versions())
    for stem, appeal in records.appeals.items():
        if stem not in amended:  # a pending or refused appeal leaves its subject alone
            path = appeal.subject.split("#")[0]
            assert oldest_first(history, path)[-1] <= appeal.filed, stem


# ---------------------------------------------------------------- each pull request as CI sees it


def test_every_step_that_moves_a_month_or_decides_validates(example: Path) -> None:
    """The states after each pull request that changes a month's status, claims,
    appeals, org.yaml or a contract validate without an error or a warning, but the one
    the process is there to give: a claim filed that cannot be valid is warned about
    while it is pending (the office then rejects it)."""
    rejected = {
        f"{month}/bonuses/{stem}.yaml"
        for month, found in Engine(FolderSource(REPO / "records")).records().months.items()
        for stem, sheet in found.bonuses.items()
        if any(claim.decision == "rejected" for claim in sheet.claims)
    }
    shas = git(
        example,
        "log",
        "--format=%H",
        "--",
        "records/*/month.yaml",
        "records/*/bonuses",
        "records/appeals",
        "records/org.yaml",
        "records/services",
    ).split()
    memory = Memory()
    for sha in reversed(shas):
        source = RevisionSource(example, sha, "records/")
        try:
            problems = Engine(source, None, memory).evaluation().problems
        finally:
            source.close()
        unexpected = [
            (str(p.pos), p.code)
            for p in problems
            if not (p.code == "claim-cannot-be-valid" and p.path in rejected)
        ]
        assert unexpected == [], git(example, "log", "-1", sha)


@pytest.fixture(scope="module")
def clone(example: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("clone") / "example"
    subprocess.run(["git", "clone", "-q", str(example), str(target)], check=True)
    yield target


def locked_pulls(example: Path) -> list[str]:
    """The appeals' pull requests, those that reseal closed months, the first closing
    and an ordinary one (a department's targets)."""
    log = git(example, "log", "--reverse", "--format=%H %s", "--", "records/appeals")
    chosen = [line.split()[0] for line in log.splitlines()]
    reseals = git(example, "log", "--reverse", "--format=%H %s", "--grep", "重新封存")
    chosen += [line.split()[0] for line in reseals.splitlines()]
    closing = git(example, "log", "--reverse", "--format=%H", "--grep", "归档并封存")
    targets = git(example, "log", "--reverse", "--format=%H", "--grep", "报送.*工作目标")
    return [*chosen, closing.split()[0], targets.split()[-1]]


def test_the_pull_requests_pass_the_closed_month_lock(example: Path, clone: Path) -> None:
    pulls = locked_pulls(example)
    assert len(pulls) >= 11 + 3 + 2
    for sha in pulls:
        git(clone, "checkout", "-q", "--detach", sha)
        report = check_lock(clone / "records", sha + "~1", cache=False)
        shown = [(str(p.pos), p.code) for p in report.problems]
        assert shown == [], git(clone, "log", "-1", "--format=%s", sha)


# ---------------------------------------------------------------- the site


@pytest.fixture(scope="module")
def public(example: Path) -> Path:
    run = build(example, "--strict")
    assert run.returncode == 0, run.stderr
    return example / "public"


def test_the_site_shows_each_amendment_with_its_appeal(public: Path, records: Records) -> None:
    page = parse(public / "appeals/index.html")
    sections = {  # each appeal's section, by the id its heading gives
        re.search(r"\d{4}-\d{3}", e.text).group(): e.text  # type: ignore[union-attr]
        for e in page.find("section")
        if "kp-appeal-entry" in e.attrs.get("class", "")
    }
    assert sorted(sections) == sorted(records.appeals)
    amended = published_versions()
    for stem, appeal in records.appeals.items():
        if stem in amended:
            assert appeal.decision
            (item,) = [e.text for e in page.find("li") if f"申诉{stem}" in e.text]
            assert appeal.decision in item and f"#{item.split('(#')[1][:3]}" in item
            assert label("col.before", "zh") in item and label("col.after", "zh") in item
            assert item in sections[stem]
        else:
            assert label("appeals.no-amendments", "zh") in sections[stem], stem
    for stem in amended:
        month = records.appeals[stem].month
        month_page = parse(public / f"months/{month}/index.html").text
        assert f"申诉{stem}" in month_page
        assert label("month.no-amendments", "zh") not in month_page
        history_page = parse(public / f"history/{month}/index.html")
        assert any(f"申诉{stem}" in e.text for e in history_page.find("td"))


def test_the_history_pages_show_the_bureau_not_the_project(public: Path) -> None:
    for page in [public / "history/index.html", *public.glob("history/*/index.html")]:
        text = parse(page).text
        assert "maintainers" not in text and "Seed" not in text, page
    assert "王芳" in parse(public / "history/index.html").text
