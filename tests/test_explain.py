"""``explain``: the derivation of a total or a payment, line by line, traced to the records."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import engine_of

from scoring import i18n
from scoring.cli import cli
from scoring.explain import explain, line_text
from scoring.records import read_records
from scoring.results import score

EXAMPLE = Path(__file__).resolve().parent.parent / "records"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    english, chinese = i18n.TEXT["en"], i18n.TEXT["zh"]
    assert set(english) == set(chinese)

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key in english:
        assert fields(english[key]) == fields(chinese[key]), key


def _explain(root: Path, subject: str, month: str) -> Any:
    engine = engine_of(root)
    org = engine.evaluation().org
    assert org is not None
    return explain(org, engine.month_records(month), engine.month_result(month), subject)


def test_department_lines_carry_the_results_operands() -> None:
    results = score(read_records(EXAMPLE).records)
    figures = results.month("2026-10").department("security")  # type: ignore[union-attr]
    explanation = _explain(EXAMPLE, "security", "2026-10")
    assert explanation is not None and explanation.kind == "department"
    formula = next(line for line in explanation.lines if line.key == "formula")
    assert formula.values["total"] == figures.total
    assert formula.values["weighted"] == figures.weighted
    assert formula.values["leader"] == figures.leader
    finding = next(line for line in explanation.lines if line.key == "finding")
    assert finding.at is not None and finding.at.path.startswith("2026-10/inspections/")
    for line in explanation.lines:
        if line.at is not None and line.at.line is not None:
            lines = (EXAMPLE / line.at.path).read_text(encoding="utf-8").splitlines()
            assert line.at.line <= len(lines), line


def test_cli_explains_a_department() -> None:
    code, out, _ = run("explain", "admin", "2026-10", "--records", str(EXAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "行政科（admin），2026年10月"
    assert any(
        re.search(r"指标 K1 .*  \[records/2026-10/assessments/admin\.yaml:\d+\]$", x) for x in lines
    )
    formula = next(x for x in lines if x.strip().startswith("总分 = max(0, round2("))
    assert "[records/org.yaml:" in formula
    assert lines[-1].strip().startswith("名次：")


def test_cli_explains_a_contract() -> None:
    figures = score(read_records(EXAMPLE).records).month("2026-06").service("cleaning-2026a")  # type: ignore[union-attr]
    code, out, _ = run("explain", "cleaning-2026a", "2026-06", "--records", str(EXAMPLE))
    assert code == 0
    assert f"得分 = 100 − {i18n.points(figures.deductions)} = {i18n.points(figures.score)}" in out
    assert i18n.money(figures.payable, "zh") in out
    assert "未在 2026年6月10日 前整改，按监管科室系数" in out  # a provider's check fixed late


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("nope", "2026-10"), 1, "`nope` 既不是"),
        (("admin", "2030-01"), 1, "没有 2030-01 月份目录"),
        (("archive", "2026-02"), 1, "`archive` 在 2026-02 没有考评结果"),
        (("admin", "2026-13"), 2, "YYYY-MM"),
    ],
)
def test_cli_refuses_unknown_subjects(args: tuple[str, str], code: int, message: str) -> None:
    exit_code, _, err = run("explain", *args, "--records", str(EXAMPLE))
    assert exit_code == code
    assert message in err


def test_ratings_are_listed_only_when_published(make_records: Callable[..., Path]) -> None:
    root = make_records()
    code, out, _ = run("explain", "admin", "2026-11", "--records", str(root))
    assert code == 0
    assert "陈明" not in out and "领导评价 = 2 位领导评分的平均值 = 91" in out
    org = yaml.safe_load((root / "org.yaml").read_text(encoding="utf-8"))
    org["publish_ratings"] = True
    org["language"] = "en"
    (root / "org.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    code, out, _ = run("explain", "admin", "2026-11", "--records", str(root))
    assert code == 0
    assert "陈明: 92  [records/2026-11/ratings/chen.yaml:" in out
    assert "leader = mean of 2 ratings = 91" in out
    assert (
        "total = max(0, round2(0.7 × 98 + 0.3 × 91 − 0 + 0)) = max(0, round2(95.9)) = 95.9" in out
    )


def test_incomplete_department_names_what_is_missing(make_records: Callable[..., Path]) -> None:
    root = make_records({"2026-11/month.yaml": {"status": "assessing", "meeting": "2026-12-03"}})
    (root / "2026-11/ratings/liu.yaml").unlink()
    explanation = _explain(root, "admin", "2026-11")
    assert explanation is not None
    texts = [line_text(line, "en") for line in explanation.lines]
    assert "missing: 2026-11/ratings/liu.yaml" in texts
    assert texts[-1].startswith("incomplete")
    assert not any(line.key == "formula" for line in explanation.lines)
    assert explanation.lines[0].values["score"] == Decimal(50)
