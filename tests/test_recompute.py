"""The example's results.json recomputed independently, from the raw YAML and DESIGN §5/§9.

Nothing of ``scoring`` is used here but the command line's JSON output: the records are
read with ``yaml.safe_load`` and every figure is derived again with ``decimal``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

RECORDS = Path(__file__).resolve().parent.parent / "records"


def r2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def d(value: Any) -> Decimal:
    return Decimal(str(value))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def in_force(setting: Any, month: str) -> Any:
    if (
        isinstance(setting, list)
        and setting
        and isinstance(setting[0], dict)
        and "from" in setting[0]
    ):
        chosen = setting[0]["value"]
        for version in setting:
            if str(version["from"]) <= month:
                chosen = version["value"]
        return chosen
    return setting


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "scoring", "score", "--format", "json", "--records", str(RECORDS)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(out.stdout, parse_float=Decimal)


def _active(entry: dict[str, Any], month: str) -> bool:
    return str(entry.get("from", "0000-00")) <= month <= str(entry.get("to", "9999-99"))


def test_department_figures(results: dict[str, Any]) -> None:
    org = load(RECORDS / "org.yaml")
    indicators = load(RECORDS / "indicators.yaml")
    rules = {
        r["id"]: r for c in load(RECORDS / "bonus-rules.yaml")["categories"] for r in c["rules"]
    }
    checked = 0
    for month_result in results["months"]:
        month = month_result["month"]
        folder = RECORDS / month
        info = load(folder / "month.yaml")
        weights = in_force(org["weights"], month)
        cap = d(in_force(org["bonus"], month)["cap_per_month"])
        leaders = [
            p["id"] for p in org["people"]
            if "leader" in p["roles"] and _active(p, month) and p["id"] not in (info.get("absent") or [])
        ]  # fmt: skip
        routes = {b["kind"]: b["department"] for b in in_force(indicators["boundaries"], month)}
        deductions: dict[str, Decimal] = {}
        for path in sorted((folder / "inspections").glob("*.yaml")):
            for finding in load(path).get("findings") or []:
                who = finding.get("department") or routes[finding["kind"]]
                deductions[who] = deductions.get(who, Decimal(0)) + d(finding.get("deduction", 0))
        totals = {}
        for row in month_result["departments"]:
            dept = row["department"]
            assert row["deductions"] == deductions.get(dept, 0)
            claims = folder / "bonuses" / f"{dept}.yaml"
            claimed = Decimal(0)
            if claims.exists():
                for claim in load(claims)["claims"]:
                    if claim["decision"] == "approved":
                        claimed += d(claim.get("points", rules[claim["rule"]]["points"]))
            assert row["bonus"] == min(cap, claimed), (month, dept)
            if not row["complete"]:
                assert row["total"] is None and row["missing"]
                continue
            assessment = load(folder / "assessments" / f"{dept}.yaml")
            business = sum((d(m["score"]) for m in assessment["items"].values()), Decimal(0))
            public = sum((d(m["score"]) for m in assessment["public"].values()), Decimal(0))
            ratings = []
            for leader in leaders:
                score = load(folder / "ratings" / f"{leader}.yaml")["scores"][dept]
                ratings.append(d(score["score"] if isinstance(score, dict) else score))
            leader_score = r2(sum(ratings, Decimal(0)) / len(ratings))
            total = max(
                Decimal(0),
                r2(d(weights["indicator"]) * (business + public) + d(weights["leader"]) * leader_score
                   - row["deductions"] + row["bonus"]),
            )  # fmt: skip
            assert (row["business"], row["public"], row["leader"], row["total"]) == (
                business, public, leader_score, total,
            ), (month, dept)  # fmt: skip
            totals[dept] = total
            checked += 1
        ranked = sorted(totals.values(), reverse=True)
        grades = in_force(org["grades"], month)
        admitted: dict[str, int] = {}
        for row in month_result["departments"]:
            if row["complete"]:
                assert row["rank"] == 1 + sum(1 for t in ranked if t > row["total"])
                grade = next(g for g in grades if g["id"] == row["grade"])
                assert row["total"] >= d(grade["min"])
                admitted[grade["id"]] = admitted.get(grade["id"], 0) + 1
        for grade in grades:
            if "quota" in grade:
                assert admitted.get(grade["id"], 0) <= int(d(grade["quota"]) * len(totals))
    assert checked > 90


def test_service_figures(results: dict[str, Any]) -> None:
    contracts = {p.stem: load(p) for p in (RECORDS / "services").glob("*.yaml")}
    defaults = {"provider": Decimal(0), "department": Decimal(1), "office": Decimal(2)}
    checked = 0
    for month_result in results["months"]:
        for row in month_result["services"]:
            if not row["complete"]:
                continue
            terms = contracts[row["contract"]]
            factors = {**defaults, **{k: d(v) for k, v in (terms.get("factors") or {}).items()}}
            checks = load(RECORDS / month_result["month"] / "services" / f"{row['contract']}.yaml")
            lost: dict[str, Decimal] = {}
            for check in checks.get("checks") or []:
                level = check["level"]
                if level == "provider" and (
                    "rectified_on" not in check or check["rectified_on"] > check["rectify_by"]
                ):
                    level = "department"
                lost[check["item"]] = (
                    lost.get(check["item"], Decimal(0)) + d(check["points"]) * factors[level]
                )
            maxima = {item["id"]: d(item["max"]) for item in terms["checklist"]}
            deductions = r2(sum((min(maxima[i], v) for i, v in lost.items()), Decimal(0)))
            score = 100 - deductions
            share = next(d(b["share"]) for b in terms["payment"] if d(b["min"]) <= score)
            fee = d(terms["monthly_fee"])
            payable = r2(fee * share)
            assert (row["deductions"], row["score"], row["share"], row["payable"], row["withheld"]) == (
                deductions, score, share, payable, fee - payable,
            ), (month_result["month"], row["contract"])  # fmt: skip
            checked += 1
    assert checked > 30
