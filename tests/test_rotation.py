"""The overseer rotation: fair, deterministic, nobody two months running; ``--write`` fills
only the empty ``overseers`` of open months and says which filled ones it keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE

from scoring.records import read_records
from scoring.rotation import plan_rotation, set_overseers

KAOPING = Path(sys.executable).parent / "kaoping"


def run(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KAOPING), *args, "--records", str(root)],
        capture_output=True,
        text=True,
        cwd=root.parent,
        timeout=120,
    )


def org_with(people: list[dict[str, Any]], per_month: int) -> dict[str, Any]:
    staff = [
        {"id": "wang", "name": "王芳", "roles": ["office", "inspector"]},
        {"id": "li", "name": "李娜", "roles": ["inspector"]},
    ]
    return dict(BASE["org.yaml"], people=people + staff, overseers_per_month=per_month)


def people(leaders: int, heads: int) -> list[dict[str, Any]]:
    found = [{"id": f"leader{n}", "name": f"领导{n}", "roles": ["leader"]} for n in range(leaders)]
    found += [{"id": f"head{n}", "name": f"科长{n}", "roles": ["head"]} for n in range(heads)]
    # the fixture's departments name zhao and qian as heads
    found += [
        {"id": "zhao", "name": "赵强", "roles": ["head"]},
        {"id": "qian", "name": "钱伟", "roles": ["head"]},
    ]
    return found


def assert_fair(rotation, per_month: int, pool: set[str]) -> None:
    previous = set(rotation.previous)
    for month in rotation.months:
        assert len(month.overseers) == per_month
        assert set(month.overseers) <= pool
        assert not previous & set(month.overseers), month.month
        previous = set(month.overseers)
    counts = rotation.counts()
    values = [counts.get(person, 0) for person in pool]
    assert max(values) - min(values) <= 1, counts


@pytest.mark.parametrize(
    ("leaders", "heads", "per_month"),
    [(0, 2, 2), (1, 2, 2), (2, 3, 2), (3, 3, 3), (2, 2, 1), (4, 5, 3), (0, 0, 1), (1, 1, 2)],
)
def test_schedule_is_fair(make_records, leaders, heads, per_month):
    # every schedule month is free: only 2026-11 exists in the fixture
    everyone = people(leaders, heads)
    root = make_records({"org.yaml": org_with(everyone, per_month)})
    rotation = plan_rotation(read_records(root).records, 2027)
    assert_fair(rotation, per_month, {p["id"] for p in everyone})
    # deterministic
    assert rotation == plan_rotation(read_records(root).records, 2027)


def test_december_of_the_year_before_counts(make_records):
    root = make_records({"2026-12/month.yaml": {"status": "open", "overseers": ["chen", "liu"]}})
    rotation = plan_rotation(read_records(root).records, 2027)
    assert rotation.previous == ("chen", "liu")
    # pool chen, liu, zhao, qian; January may not take December's chen and liu
    assert rotation.month("2027-01").overseers == ("zhao", "qian")
    assert_fair(rotation, 2, {"chen", "liu", "zhao", "qian"})
    assert rotation.counts() == {"zhao": 6, "qian": 6, "chen": 6, "liu": 6}


def test_without_december_january_is_free(make_records):
    rotation = plan_rotation(read_records(make_records()).records, 2027)
    assert rotation.previous == ()
    # lowest count first, then org.yaml order: chen, liu
    assert rotation.month("2027-01").overseers == ("chen", "liu")


def test_months_under_way_keep_their_overseers(make_records):
    files = {
        "2027-03/month.yaml": {"status": "assessing", "overseers": ["chen", "qian"]},
        "2027-05/month.yaml": {"status": "open", "overseers": ["chen", "qian"]},
    }
    rotation = plan_rotation(read_records(make_records(files)).records, 2027)
    march = rotation.month("2027-03")
    assert (march.overseers, march.fixed) == (("chen", "qian"), True)
    # neither February nor April may repeat March's overseers, so February must be liu
    # and zhao, and January (which may not repeat February's) chen and qian: choosing
    # January looks one month ahead
    assert rotation.month("2027-01").overseers == ("chen", "qian")
    assert rotation.month("2027-02").overseers == ("liu", "zhao")
    assert rotation.month("2027-04").overseers == ("liu", "zhao")
    assert all(len(m.overseers) == 2 for m in rotation.months)
    # an open month with overseers filled in keeps them too; its neighbours avoid them
    may = rotation.month("2027-05")
    assert (may.overseers, may.fixed) == (("chen", "qian"), True)
    assert not {"chen", "qian"} & set(rotation.month("2027-06").overseers)


def test_an_open_month_without_overseers_is_scheduled(make_records):
    files = {"2027-05/month.yaml": {"status": "open", "overseers": []}}
    rotation = plan_rotation(read_records(make_records(files)).records, 2027)
    assert not rotation.month("2027-05").fixed
    assert len(rotation.month("2027-05").overseers) == 2


def test_only_active_leaders_and_heads(make_records):
    org = BASE["org.yaml"]
    everyone = [dict(p, to="2027-06") if p["id"] == "chen" else p for p in org["people"]]
    everyone.append({"id": "sun", "name": "孙丽", "roles": ["head"], "from": "2027-07"})
    rotation = plan_rotation(
        read_records(make_records({"org.yaml": dict(org, people=everyone)})).records, 2027
    )
    for month in rotation.months:
        if month.month > "2027-06":
            assert "chen" not in month.overseers
        else:
            assert "sun" not in month.overseers
        assert "wang" not in month.overseers and "li" not in month.overseers


def test_dated_heads_oversee_while_they_head(make_records):
    """A head named in a dated version oversees only in the months they head a
    department; someone with role head named nowhere keeps taking part."""
    org = BASE["org.yaml"]
    everyone = [
        *org["people"],
        {"id": "sun", "name": "孙丽", "roles": ["head"]},
        {"id": "zhou", "name": "周敏", "roles": ["head"]},
    ]
    admin = dict(
        org["departments"][0],
        head=[{"from": "2026-01", "value": "zhao"}, {"from": "2027-07", "value": "sun"}],
    )
    departments = [admin, *org["departments"][1:]]
    files = {"org.yaml": dict(org, people=everyone, departments=departments)}
    rotation = plan_rotation(read_records(make_records(files)).records, 2027)
    served = {person: [] for person in ("zhao", "sun", "zhou")}
    for month in rotation.months:
        for person in served:
            if person in month.overseers:
                served[person].append(month.month)
    assert served["zhao"] and all(month <= "2027-06" for month in served["zhao"])
    assert served["sun"] and all(month >= "2027-07" for month in served["sun"])
    assert any(month <= "2027-06" for month in served["zhou"])
    assert any(month >= "2027-07" for month in served["zhou"])


# ---------------------------------------------------------------- the textual edit


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "status: open  # 本月\noverseers: [chen]   # 轮值\nabsent: []\n",
            "status: open  # 本月\noverseers: [liu, qian]   # 轮值\nabsent: []\n",
        ),
        (
            "status: open\noverseers:\n  - chen\n  # 还有一位\n  - zhao\n# 缺席\nabsent: []\n",
            "status: open\noverseers: [liu, qian]\n# 缺席\nabsent: []\n",
        ),
        (
            "status: open\noverseers:\n- chen\n- zhao\n",
            "status: open\noverseers: [liu, qian]\n",
        ),
        (
            "status: open\noverseers:\nabsent: []\n",
            "status: open\noverseers: [liu, qian]\nabsent: []\n",
        ),
        ("status: open\noverseers: []\n", "status: open\noverseers: [liu, qian]\n"),
        (
            "# 十二月\nstatus: open\nabsent: []\n",
            "# 十二月\nstatus: open\noverseers: [liu, qian]\nabsent: []\n",
        ),
        ("status: open", "status: open\noverseers: [liu, qian]\n"),
    ],
)
def test_set_overseers_changes_nothing_else(before, after):
    assert set_overseers(before, ["liu", "qian"]) == after


def test_write_fills_open_months_without_overseers_only(make_records):
    by_hand = "# 一月\nstatus: open   # 填报中\noverseers: [zhao]  # 局长指定\nabsent: []\n"
    assessing_text = "status: assessing\noverseers: [zhao, qian]\n"
    empty_text = "status: open  # 四月\noverseers: []   # 待排\nabsent: []\n"
    files = {
        "2027-01/month.yaml": by_hand,
        "2027-02/month.yaml": assessing_text,
        "2027-03/month.yaml": "status: open\n",
        "2027-04/month.yaml": empty_text,
    }
    root = make_records(files)
    november = (root / "2026-11/month.yaml").read_bytes()
    done = run("rotation", "2027", "--write", root=root)
    assert done.returncode == 0, done.stderr
    plan = plan_rotation(read_records(root).records, 2027)
    # January was set by hand: kept byte for byte, and said so
    assert (root / "2027-01/month.yaml").read_text(encoding="utf-8") == by_hand
    assert plan.month("2027-01").overseers == ("zhao",)
    # February is assessing and 2026 is another year: untouched, byte for byte
    assert (root / "2027-02/month.yaml").read_text(encoding="utf-8") == assessing_text
    assert (root / "2026-11/month.yaml").read_bytes() == november
    # March had no overseers line: one is added after status; April's [] is filled
    march = plan.month("2027-03").overseers
    april = plan.month("2027-04").overseers
    assert (root / "2027-03/month.yaml").read_text(encoding="utf-8") == (
        f"status: open\noverseers: [{', '.join(march)}]\n"
    )
    assert (root / "2027-04/month.yaml").read_text(encoding="utf-8") == empty_text.replace(
        "[]", f"[{', '.join(april)}]", 1
    )
    names = {p["id"]: p["name"] for p in BASE["org.yaml"]["people"]}
    report = done.stdout.split("\n\n")[-1].splitlines()
    assert report == [
        f"records/2027-03/month.yaml：监督人员设为 {'、'.join(names[p] for p in march)}",
        f"records/2027-04/month.yaml：监督人员设为 {'、'.join(names[p] for p in april)}",
        "records/2027-01/month.yaml：保留已填写的监督人员 赵强，不按排班替换；"
        "如要按排班填写，请先将 overseers 改为 [] 再运行",
    ]
    # the records still read cleanly; a second write changes nothing and says so
    assert read_records(root).problems == []
    again = run("rotation", "2027", "--write", root=root)
    assert "监督人员设为" not in again.stdout
    assert again.stdout.splitlines()[-1] == "未修改任何文件"
    assert "records/2027-03/month.yaml：保留已填写的监督人员" in again.stdout


def test_write_in_english(make_records):
    org = dict(BASE["org.yaml"], language="en")
    root = make_records(
        {"org.yaml": org, "2027-01/month.yaml": "status: open\noverseers: [qian]\n"}
    )
    done = run("rotation", "2027", "--write", root=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == [
        "records/2027-01/month.yaml: keeps the overseers it has, 钱伟, rather than the "
        "schedule's; to have it scheduled, set overseers: [] and run again",
        "no file changed",
    ]


def test_rotation_prints_a_table(make_records):
    done = run("rotation", "2027", root=make_records())
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["月份", "状态", "监督人员"]
    assert any(line.startswith("2027-01") and "陈明" in line for line in lines)
    assert "人员" in done.stdout


@pytest.mark.parametrize("year", ["20x7", "0", "-1"])
def test_rotation_usage_errors(make_records, year):
    assert run("rotation", year, root=make_records()).returncode == 2
