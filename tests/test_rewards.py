"""Use of results (DESIGN.md §11): ``kaoping rewards`` against a hand computation.

The bureau of this file has three departments over 2026-01..2026-06 (all published) and
an open 2026-07 that does not count. Every month each department scores the same, so a
department's yearly total is its monthly total:

- admin: indicator 100, leader 90: 0.7 × 100 + 0.3 × 90 = 97;
- security: indicator 72 + 10 + 10 = 92, leader 80: 64.4 + 24 = 88.4;
- archive (set up in 2026-04): indicator 60 + 20 = 80, leader 70: 56 + 21 = 77.

Yearly ranks 1, 2, 3; excellent's quota floor(0.5 × 3) = 1 admits admin; security is
good, archive pass. Two rewards versions: from 2026-01 (base 6000) and from 2026-05
(base 7000: excellent 1.5, good 1.13, pass 0.75); the last counted month, 2026-06, takes
the second. Staff:

- admin: head zhao until 2026-03, then sun (who joins the bureau in 2026-03); members
  zhou (who leaves after 2026-04), wu for 2026-03..2026-05, zhao again from 2026-04;
- security: head qian; member wu from 2026-06 (wu serves in two departments);
- archive: head he (joins in 2026-04, as the department is set up); member qian in
  2026-06 (qian heads one department and serves in another).
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE, engine_of

from scoring.results.rewards import allocate

D = Decimal
KAOPING = [sys.executable, "-m", "scoring"]
MONTHS = [f"2026-{n:02d}" for n in range(1, 7)]

PEOPLE = [
    {"id": "chen", "name": "陈明", "roles": ["leader"]},
    {"id": "liu", "name": "刘建华", "roles": ["leader"]},
    {"id": "wang", "name": "王芳", "roles": ["office", "inspector"]},
    {"id": "li", "name": "李娜", "roles": ["inspector"]},
    {"id": "zhao", "name": "赵强", "roles": ["head"]},
    {"id": "qian", "name": "钱伟", "roles": ["head"]},
    {"id": "sun", "name": "孙丽", "roles": ["head"], "from": "2026-03"},
    {"id": "he", "name": "何静", "roles": ["head"], "from": "2026-04"},
    {"id": "zhou", "name": "周敏", "roles": [], "to": "2026-04"},
    {"id": "wu", "name": "吴刚", "roles": []},
]
DEPARTMENTS = [
    {
        "id": "admin",
        "name": "行政科",
        "head": [{"from": "2026-01", "value": "zhao"}, {"from": "2026-04", "value": "sun"}],
        "members": [
            "zhou",
            {"id": "wu", "from": "2026-03", "to": "2026-05"},
            {"id": "zhao", "from": "2026-04"},
        ],
    },
    {"id": "security", "name": "保卫处", "head": "qian", "members": [{"id": "wu", "from": "2026-06"}]},
    {"id": "archive", "name": "档案室", "head": "he", "from": "2026-04", "members": [{"id": "qian", "from": "2026-06"}]},
]  # fmt: skip
REWARDS = [
    {
        "from": "2026-01",
        "value": {"base": 6000, "coefficients": {"excellent": 1.2, "good": 1, "pass": 0.8, "fail": 0}},
    },
    {
        "from": "2026-05",
        "value": {"base": 7000, "coefficients": {"excellent": 1.5, "good": 1.13, "pass": 0.75, "fail": 0}},
    },
]  # fmt: skip
# department: (head, its K1 score of 80, leaders' rating)
SCORES = {"admin": ("zhao", 80, 90), "security": ("qian", 72, 80), "archive": ("he", 60, 70)}


def month_files(month: str, status: str = "published") -> dict[str, Any]:
    number = int(month[5:])
    following = f"2026-{number + 1:02d}"
    info: dict[str, Any] = {
        "status": status,
        "meeting": f"{following}-03",
        "overseers": ["chen", "liu"],
    }
    if status in ("published", "closed"):
        info["published"] = f"{following}-05"
    if status == "closed":
        info["closed"] = f"{following}-20"
    files: dict[str, Any] = {f"{month}/month.yaml": info}
    existing = [d for d in SCORES if d != "archive" or month >= "2026-04"]
    for department in existing:
        head, score, _ = SCORES[department]
        target = {"id": "K1", "kind": "key", "title": "重点工作", "standard": "按期完成",
                  "deadline": f"{month}-25", "owner": head, "weight": 80}  # fmt: skip
        files[f"{month}/targets/{department}.yaml"] = {"items": [target]}
        mark = {"score": score} if score == 80 else {"score": score, "reason": "未全部完成"}
        files[f"{month}/assessments/{department}.yaml"] = {
            "assessor": "wang",
            "items": {"K1": mark},
            "public": {"politics": {"score": 10}, "discipline": {"score": 10}},
        }
    for leader in ("chen", "liu"):
        files[f"{month}/ratings/{leader}.yaml"] = {
            "scores": {department: SCORES[department][2] for department in existing}
        }
    return files


def bureau(**org: Any) -> dict[str, Any]:
    files: dict[str, Any] = {path: None for path in BASE if path.startswith("2026-11/")}
    files["org.yaml"] = {
        **BASE["org.yaml"],
        "people": PEOPLE,
        "departments": DEPARTMENTS,
        "rewards": REWARDS,
        **org,
    }
    for month in MONTHS:
        files.update(month_files(month))
    files.update(month_files("2026-07", status="open"))
    return files


def row(person: str, department: str, role: str, months: int, total: Any, grade: str,
        rank: int, coefficient: Any, reward: Any) -> dict[str, Any]:  # fmt: skip
    names = {p["id"]: p["name"] for p in PEOPLE}
    return {
        "person": person, "name": names[person], "department": department, "role": role,
        "months": months, "total": total, "grade": grade, "rank": rank,
        "coefficient": coefficient, "reward": reward,
    }  # fmt: skip


# By hand: reward = round2(base × coefficient × months / 12), base 7000.
#   admin, excellent 1.5: 7000 × 1.5 / 12 = 875 a month
#   security, good 1.13: 7000 × 1.13 / 12 = 659.1666… a month
#   archive, pass 0.75: 7000 × 0.75 / 12 = 437.5 a month
EXPECTED = {
    "year": 2026,
    "people": [
        # zhao heads admin 01..03 and is a member 04..06: six months, a member in the last
        row("zhao", "admin", "member", 6, 97, "excellent", 1, D("1.5"), 5250),
        row("sun", "admin", "head", 3, 97, "excellent", 1, D("1.5"), 2625),  # 04..06
        row("zhou", "admin", "member", 4, 97, "excellent", 1, D("1.5"), 3500),  # 01..04, left
        row("wu", "admin", "member", 3, 97, "excellent", 1, D("1.5"), 2625),  # 03..05
        row("qian", "security", "head", 6, D("88.4"), "good", 2, D("1.13"), 3955),
        row("wu", "security", "member", 1, D("88.4"), "good", 2, D("1.13"), D("659.17")),
        row("he", "archive", "head", 3, 77, "pass", 3, D("0.75"), D("1312.5")),  # 04..06
        row("qian", "archive", "member", 1, 77, "pass", 3, D("0.75"), D("437.5")),  # 06
    ],
    # 5250 + 2625 + 3500 + 2625 + 3955 + 659.17 + 1312.5 + 437.5
    "total": D("20364.17"),
}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KAOPING, "rewards", *args, "--records", str(root)],
        capture_output=True,
        text=True,
        cwd=root.parent,
        timeout=120,
    )


def parsed(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def test_the_bureau_validates(make_records):
    evaluation = engine_of(make_records(bureau())).evaluation()
    assert evaluation.problems == ()


def test_json_agrees_with_the_hand_computation(make_records):
    result = run(make_records(bureau()), "2026", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert parsed(result.stdout) == EXPECTED
    assert list(json.loads(result.stdout)) == ["year", "people", "total"]
    assert list(json.loads(result.stdout)["people"][0]) == list(EXPECTED["people"][0])


def test_the_first_version_when_the_later_months_do_not_count(make_records):
    """With 2026-05 and 2026-06 still being assessed, 2026-04 is the last counted month:
    the version from 2026-01 is in force (base 6000; excellent 1.2, good 1, pass 0.8)."""
    files = bureau()
    for month in ("2026-05", "2026-06"):
        files[f"{month}/month.yaml"] = month_files(month, "assessing")[f"{month}/month.yaml"]
    data = parsed(run(make_records(files), "2026", "--format", "json").stdout)
    rows = {(r["person"], r["department"]): r for r in data["people"]}
    # admin 01..04: zhao head 01..03, member 04 -> 4 months, 6000 × 1.2 × 4 / 12 = 2400
    assert (rows["zhao", "admin"]["months"], rows["zhao", "admin"]["reward"]) == (4, 2400)
    # sun heads from 04: one month, head; wu (from 06) has no security row
    assert (rows["sun", "admin"]["role"], rows["sun", "admin"]["reward"]) == ("head", 600)
    assert ("wu", "security") not in rows and ("qian", "archive") not in rows
    # archive 04 alone: 77, pass 0.8: 6000 × 0.8 × 1 / 12 = 400
    assert rows["he", "archive"]["reward"] == 400
    # security 01..04, good 1: 6000 × 4 / 12 = 2000
    assert rows["qian", "security"]["reward"] == 2000


def test_operands_for_explain(make_records):
    engine = engine_of(make_records(bureau()))
    (year,) = [y for y in engine.years() if y.year == 2026]
    org = engine.evaluation().org
    allocation = allocate(org, year)
    assert allocation.last == "2026-06" and allocation.version.start == "2026-05"
    wu_admin, wu_security = allocation.of_person("wu")
    assert wu_admin.counted == tuple(MONTHS)
    assert wu_admin.served == ("2026-03", "2026-04", "2026-05")
    assert wu_security.served == ("2026-06",)
    assert [r.person for r in allocation.heads] == ["sun", "qian", "he"]


def test_csv_has_the_json_keys_as_columns(make_records):
    result = run(make_records(bureau()), "2026", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "person,name,department,role,months,total,grade,rank,coefficient,reward"
    assert lines[1] == "zhao,赵强,admin,member,6,97,excellent,1,1.5,5250"
    assert lines[6] == "wu,吴刚,security,member,1,88.4,good,2,1.13,659.17"
    assert len(lines) == 9


def test_table_for_people(make_records):
    result = run(make_records(bureau()), "2026")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "2026年度绩效奖励分配" in text
    assert "孙丽" in text and "行政科" in text and "科室负责人" in text and "优秀" in text
    assert text.rstrip().splitlines()[-1].split() == ["合计", "20,364.17"]


def test_xlsx_reads_well(make_records, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "rewards.xlsx"
    result = run(make_records(bureau()), "2026", "--format", "xlsx", "--output", str(target))
    assert result.returncode == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames == ["绩效奖励分配", "中层干部考核参考", "计算依据"]
    sheet = book["绩效奖励分配"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "姓名",
        "部门",
        "职务",
        "在岗月数",
        "年度总分",
        "等次",
        "名次",
        "系数",
        "奖励（元）",
    ]
    assert [c.value for c in sheet[2]] == [
        "赵强",
        "行政科",
        "工作人员",
        6,
        97,
        "优秀",
        1,
        1.5,
        5250,
    ]
    assert [c.value for c in sheet[7]][-1] == 659.17
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[0] == "合计" and total[-1] == 20364.17 and sheet.max_row == 10
    assert sheet["I2"].number_format == '#,##0.00"元"' and sheet["E2"].number_format == "0.00"
    assert sheet.auto_filter.ref == "A1:I10"
    assert sheet.column_dimensions["B"].width >= 8
    cadres = book["中层干部考核参考"]
    assert [row[0].value for row in cadres.iter_rows(min_row=2)] == ["孙丽", "钱伟", "何静"]
    assert cadres.freeze_panes == "A2"
    basis = {row[0].value: row[1].value for row in book["计算依据"].iter_rows()}
    assert basis["奖励规则版本（起始月份）"] == "2026-05" and basis["基数（元/人·年）"] == 7000


def test_explain_shows_the_derivation(make_records):
    result = run(make_records(bureau()), "2026", "--explain", "wu")
    assert result.returncode == 0, result.stderr
    lines = [line.split("  [")[0].strip() for line in result.stdout.splitlines()]
    assert lines[0] == "吴刚（wu），2026年度绩效奖励"
    assert "行政科（admin），工作人员" in lines
    assert "科室计入年度的月份：2026年1月–2026年6月（6 个月）" in lines
    assert "其中在岗月份：2026年3月–2026年5月（3 个月）" in lines
    assert (
        "奖励规则：自 2026年7月 起的版本" not in result.stdout
        and "奖励规则：自 2026年5月 起的版本（2026年6月 为计入年度的最后月份），基数 7000 元，"
        "良好系数 1.13"
        in lines
    )
    assert "奖励 = round2(7000 × 1.13 × 1 / 12) = 659.17 元" in lines
    assert "合计 = 2,625.00 + 659.17 = 3,284.17 元" in lines
    assert "[records/org.yaml:" in result.stdout  # operands traced to the record


@pytest.mark.parametrize(
    ("org", "args", "code", "message"),
    [
        ({"rewards": None}, ("2026",), 1, "没有奖励规则"),
        ({}, ("2025",), 1, "2025年没有计入年度的月份"),
        ({}, ("2026", "--explain", "nobody"), 1, "`nobody` 不是 org.yaml 中的人员"),
        ({}, ("2026", "--explain", "chen"), 1, "`chen` 在 2026年的计入月份中不在任何科室在岗"),
        ({}, ("2026", "--format", "xlsx"), 2, "--output"),
        ({}, ("twenty",), 2, "YEAR"),
        ({}, ("2026", "--format", "pdf"), 2, "pdf"),
    ],
)
def test_exit_codes(make_records, org, args, code, message):
    files = bureau(**org)
    if org.get("rewards", "") is None:
        del files["org.yaml"]["rewards"]
    result = run(make_records(files), *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_refused_while_validation_errors_exist(make_records):
    files = bureau()
    files["org.yaml"]["rewards"] = {"base": 6000, "coefficients": {"excellent": 1.2}}
    result = run(make_records(files), "2026", "--format", "json")
    assert result.returncode == 1
    assert "rewards-coefficient-missing" in result.stderr and result.stdout == ""


def test_english(make_records):
    files = bureau(language="en")
    text = run(make_records(files), "2026").stdout
    assert "Reward allocation, 2026" in text and "head" in text
    assert (
        "has no rewards rule"
        in run(make_records(bureau(language="en", rewards=None)), "2026").stderr
    )


def test_no_staff_row_in_a_year_without_counted_months_of_the_department(make_records):
    """A department whose every month is still open gives no rows; the others do."""
    files = bureau()
    files["org.yaml"]["departments"] = [
        *DEPARTMENTS,
        {"id": "hall", "name": "礼堂", "head": "zhao", "from": "2026-07"},
    ]
    files["2026-07/targets/hall.yaml"] = {"items": []}
    for leader in ("chen", "liu"):
        files[f"2026-07/ratings/{leader}.yaml"]["scores"]["hall"] = 90
    data = parsed(run(make_records(files), "2026", "--format", "json").stdout)
    assert all(r["department"] != "hall" for r in data["people"])
    assert data["total"] == EXPECTED["total"]


def test_explain_with_a_flat_rule(make_records):
    """One rewards rule for every month: 6000 × 0.8 × 3 / 12 = 1200 for he in archive."""
    flat = {"base": 6000, "coefficients": {"excellent": 1.2, "good": 1, "pass": 0.8, "fail": 0}}
    result = run(make_records(bureau(rewards=flat)), "2026", "--explain", "he")
    assert result.returncode == 0, result.stderr
    lines = [line.split("  [")[0].strip() for line in result.stdout.splitlines()]
    assert "奖励规则：基数 6000 元，合格系数 0.8（2026年6月 为计入年度的最后月份）" in lines
    assert "奖励 = round2(6000 × 0.8 × 3 / 12) = 1,200.00 元" in lines
