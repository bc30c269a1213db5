"""Scaffolding a month (``kaoping new-month``): routine targets, checks files, never overwriting."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASE, validate

from scoring.records import read_records
from scoring.rotation import plan_rotation
from scoring.scaffold import create_missing, deadline, plan_month

KAOPING = Path(sys.executable).parent / "kaoping"

ROUTINE = {
    "items": [
        {"id": "R1", "source": "三定职责", "title": "公文流转: 按时", "standard": "100%办结",
         "deadline_day": 10, "owner": "zhao", "weight": 12.5},
        {"id": "R2", "title": "档案整理", "standard": "按时归档", "deadline_day": "last",
         "owner": "zhao", "weight": 30},
    ]
}  # fmt: skip
CONTRACT = {
    "name": "机关大院保洁",
    "provider": "洁美物业",
    "category": "cleaning",
    "department": "admin",
    "from": "2027-01",
    "to": "2027-12",
    "monthly_fee": 30000,
    "checklist": [{"id": "floor", "name": "地面", "max": 100}],
    "payment": [{"min": 0, "share": 1}],
}
OLD_CONTRACT = dict(CONTRACT, **{"from": "2025-01", "to": "2025-12"})

TREE: dict[str, Any] = {
    "routine/admin.yaml": ROUTINE,
    "services/cleaning.yaml": CONTRACT,
    "services/cleaning-old.yaml": OLD_CONTRACT,
}


def run(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KAOPING), *args, "--records", str(root)],
        capture_output=True,
        text=True,
        cwd=root.parent,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        ("2027-02", 10, dt.date(2027, 2, 10)),
        ("2027-02", "last", dt.date(2027, 2, 28)),
        ("2028-02", "last", dt.date(2028, 2, 29)),
        ("2026-12", "last", dt.date(2026, 12, 31)),
        ("2026-12", 28, dt.date(2026, 12, 28)),
    ],
)
def test_deadline(month, day, expected):
    assert deadline(month, day) == expected


def test_plan_month(make_records):
    records = read_records(make_records(TREE)).records
    files = {new.path: new.text for new in plan_month(records, "2027-02")}
    assert list(files) == [
        "2027-02/month.yaml",
        "2027-02/targets/admin.yaml",
        "2027-02/targets/security.yaml",
        "2027-02/services/cleaning.yaml",  # cleaning-old ended in 2025-12
        "2027-02/assessments/.gitkeep",
        "2027-02/inspections/.gitkeep",
        "2027-02/evidence/.gitkeep",
        "2027-02/ratings/.gitkeep",
        "2027-02/bonuses/.gitkeep",
    ]
    overseers = plan_rotation(records, 2027).month("2027-02").overseers
    assert files["2027-02/month.yaml"] == (
        f"status: open\noverseers: [{', '.join(overseers)}]\nabsent: []\n"
    )
    assert len(overseers) == 2
    assert files["2027-02/targets/admin.yaml"] == (
        "items:\n"
        "  - id: R1\n"
        "    kind: routine\n"
        "    source: 三定职责\n"
        "    title: '公文流转: 按时'\n"
        "    standard: 100%办结\n"
        "    deadline: 2027-02-10\n"
        "    owner: zhao\n"
        "    weight: 12.5\n"
        "  - id: R2\n"
        "    kind: routine\n"
        "    title: 档案整理\n"
        "    standard: 按时归档\n"
        "    deadline: 2027-02-28\n"
        "    owner: zhao\n"
        "    weight: 30\n"
    )
    assert files["2027-02/targets/security.yaml"] == "items: []\n"
    assert files["2027-02/services/cleaning.yaml"] == "checks: []\n"


def test_created_month_reads_back_and_validates(make_records):
    root = make_records(TREE)
    created = create_missing(root, plan_month(read_records(root).records, "2027-02")).created
    assert len(created) == 9
    for folder in ("assessments", "inspections", "evidence", "ratings", "bonuses"):
        assert (root / "2027-02" / folder / ".gitkeep").read_bytes() == b""
    loaded = read_records(root)
    assert loaded.problems == []
    month = loaded.records.months["2027-02"]
    assert month.info.status == "open"
    assert [t.kind for t in month.targets["admin"].items] == ["routine", "routine"]
    assert month.services["cleaning"].assessed is None
    validation = validate(root)
    assert validation.errors == 0, [p.code for p in validation.problems]


def test_never_overwrites(make_records):
    root = make_records(TREE)
    mine = "items: []  # 我们自己写的\n"
    (root / "2027-02/targets").mkdir(parents=True)
    (root / "2027-02/targets/admin.yaml").write_text(mine, encoding="utf-8")
    done = create_missing(root, plan_month(read_records(root).records, "2027-02"))
    assert "2027-02/targets/admin.yaml" not in done.created
    assert done.skipped == ("2027-02/targets/admin.yaml",)
    assert (root / "2027-02/targets/admin.yaml").read_text(encoding="utf-8") == mine
    again = create_missing(root, plan_month(read_records(root).records, "2027-02"))
    assert again.created == ()
    assert again.skipped == (
        "2027-02/month.yaml",
        "2027-02/targets/admin.yaml",
        "2027-02/targets/security.yaml",
        "2027-02/services/cleaning.yaml",
    )  # the .gitkeep files are placeholders, not records: never reported


def test_gitkeep_only_in_a_folder_holding_nothing(make_records):
    root = make_records(dict(TREE, **{"2027-02/ratings/chen.yaml": {"scores": {"admin": 90}}}))
    done = create_missing(root, plan_month(read_records(root).records, "2027-02"))
    assert "2027-02/ratings/.gitkeep" not in done.created
    assert "2027-02/bonuses/.gitkeep" in done.created
    assert not (root / "2027-02/ratings/.gitkeep").exists()


def test_departments_and_contracts_of_that_month_only(make_records):
    org = BASE["org.yaml"]
    departments = [org["departments"][0], dict(org["departments"][1], **{"from": "2027-03"})]
    records = read_records(
        make_records(dict(TREE, **{"org.yaml": dict(org, departments=departments)}))
    ).records
    paths = [new.path for new in plan_month(records, "2027-02")]
    assert "2027-02/targets/security.yaml" not in paths
    assert "2027-03/targets/security.yaml" in [n.path for n in plan_month(records, "2027-03")]


def test_new_month_command(make_records):
    root = make_records(TREE)
    first = run("new-month", "2027-01", root=root)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "已创建 records/2027-01/month.yaml",
        "已创建 records/2027-01/targets/admin.yaml",
        "已创建 records/2027-01/targets/security.yaml",
        "已创建 records/2027-01/services/cleaning.yaml",
        "已创建 records/2027-01/assessments/.gitkeep",
        "已创建 records/2027-01/inspections/.gitkeep",
        "已创建 records/2027-01/evidence/.gitkeep",
        "已创建 records/2027-01/ratings/.gitkeep",
        "已创建 records/2027-01/bonuses/.gitkeep",
    ]
    assert (
        first.stderr
        == "注意：2026-12 尚未建立（此前最近的月份是 2026-11）；如需建立，请运行 kaoping new-month 2026-12\n"
    )
    before = {p: p.read_bytes() for p in (root / "2027-01").rglob("*") if p.is_file()}
    (root / "2027-01/targets/security.yaml").unlink()
    second = run("new-month", "2027-01", root=root)
    assert second.returncode == 0
    assert second.stdout.splitlines() == [
        "已创建 records/2027-01/targets/security.yaml",
        "已跳过 records/2027-01/month.yaml（文件已存在，未改动）",
        "已跳过 records/2027-01/targets/admin.yaml（文件已存在，未改动）",
        "已跳过 records/2027-01/services/cleaning.yaml（文件已存在，未改动）",
    ]
    assert {p: p.read_bytes() for p in (root / "2027-01").rglob("*") if p.is_file()} == before


def test_new_month_in_english(make_records):
    org = dict(BASE["org.yaml"], language="en")
    root = make_records(dict(TREE, **{"org.yaml": org, "2027-01/month.yaml": "status: open\n"}))
    done = run("new-month", "2027-03", root=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "created records/2027-03/month.yaml"
    assert done.stderr == (
        "note: 2027-02 not created yet (the latest month before is 2027-01); "
        "to create it, run kaoping new-month 2027-02\n"
    )
    again = run("new-month", "2027-03", root=root)
    assert "skipped records/2027-03/month.yaml (it exists; left as it is)" in again.stdout
    assert "created" not in again.stdout


def test_several_months_left_behind_are_named(make_records):
    done = run("new-month", "2027-03", root=make_records(TREE))
    assert done.returncode == 0
    assert done.stderr.startswith(
        "注意：2026-12、2027-01、2027-02 尚未建立（此前最近的月份是 2026-11）"
    )


def test_an_earlier_month_leaves_nothing_behind(make_records):
    done = run("new-month", "2026-10", root=make_records(TREE))
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("month", ["2027-13", "2027-1", "27-01", "next"])
def test_new_month_usage_errors(make_records, month):
    assert run("new-month", month, root=make_records()).returncode == 2


def test_new_month_refuses_on_a_broken_routine_file(make_records):
    root = make_records({"routine/admin.yaml": {"items": [{"id": "R1"}]}})
    done = run("new-month", "2027-01", root=root)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "未新建月份：请先修正以下文件中的错误"
    assert "routine/admin.yaml" in done.stderr
    assert not (root / "2027-01").exists()


def test_new_month_refuses_a_closed_month(make_records):
    closed = dict(BASE["2026-11/month.yaml"], status="closed", closed="2026-12-20")
    root = make_records({"2026-11/month.yaml": closed, "2026-11/targets/security.yaml": None})
    done = run("new-month", "2026-11", root=root)
    assert (done.returncode, done.stderr) == (1, "records/2026-11：该月已归档，不能新建文件\n")
    assert not (root / "2026-11/targets/security.yaml").exists()
    (root / "org.yaml").write_text(
        yaml.safe_dump(dict(BASE["org.yaml"], language="en")), encoding="utf-8"
    )
    done = run("new-month", "2026-11", root=root)
    assert done.stderr == "records/2026-11: the month is closed; no file is created in it\n"


def test_new_month_usage_message(make_records):
    done = run("new-month", "2027-1", root=make_records())
    assert done.returncode == 2
    assert "月份应写作 YYYY-MM（例如 2026-11）" in done.stderr
