"""Use of results on the site (DESIGN.md §11): published only when org.yaml asks.

Two real builds of the example with a rewards rule of distinctive amounts: with
``publish_rewards: false`` no output file of the site (pages, the search index, the
sitemap, the downloads, the workbook's cells included) carries a trace of the
allocation; with ``true``, ``/results-use/2026/`` shows both tables in the organisation's
language, the same figures as ``kaoping rewards``.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from sitebuild import build, kaoping, make_project, parse

from scoring import i18n

# Amounts no other page shows: base 6123.45, coefficients 1.37, 1.11, 0.77.
REWARDS = {
    "base": Decimal("6123.45"),
    "coefficients": {
        "excellent": Decimal("1.37"),
        "good": Decimal("1.11"),
        "pass": Decimal("0.77"),
        "fail": 0,
    },
}
LABELS = ("results-use", "中层干部考核参考", "年度绩效奖励分配", "6123.45", "6,123.45")


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


def project_with_rewards(target: Path, published: bool) -> Path:
    project = make_project(target, repository=False)
    path = project / "records/org.yaml"
    org = yaml.safe_load(path.read_text(encoding="utf-8"))
    org["rewards"] = REWARDS
    org["publish_rewards"] = published
    dumper = type("Dumper", (yaml.SafeDumper,), {})
    dumper.add_representer(Decimal, _decimal)
    text = yaml.dump(org, Dumper=dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return project


def allocation(project: Path) -> dict[str, Any]:
    done = kaoping(project, "rewards", "2026", "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout, parse_float=Decimal)


def traces(data: dict[str, Any]) -> list[str]:
    """What would betray the allocation: the page's words and every reward as shown."""
    found = list(LABELS)
    for row in data["people"]:
        reward = Decimal(str(row["reward"]))
        found.append(i18n.money(reward, "zh"))
    return sorted(set(found))


def site_texts(public: Path) -> dict[str, str]:
    """Every output file of the built site as text (a workbook: its cells' values)."""
    texts = {}
    for path in sorted(public.rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(public))
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            cells = [
                str(cell.value)
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.value is not None
            ]
            texts[name] = "\n".join([*book.sheetnames, *cells])
            with zipfile.ZipFile(path) as archive:
                texts[name + "!zip"] = "\n".join(archive.namelist())
        else:
            texts[name] = path.read_bytes().decode("utf-8", "replace")
    return texts


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_rewards(tmp_path_factory.mktemp("unpublished"), published=False)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_rewards(tmp_path_factory.mktemp("published"), published=True)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_nothing_reaches_the_site_unless_published(unpublished: Path) -> None:
    data = allocation(unpublished)
    assert data["people"] and data["total"] > 0
    public = unpublished / "public"
    assert not (public / "results-use").exists()
    texts = site_texts(public)
    assert "search/search_index.json" in texts and "downloads/results.xlsx" in texts
    leaks = {
        (name, trace) for name, text in texts.items() for trace in traces(data) if trace in text
    }
    assert leaks == set()
    results = json.loads(texts["downloads/results.json"])
    assert set(results) == {"unit", "months", "years"}


def test_the_page_when_published(published: Path) -> None:
    data = allocation(published)
    page = parse(published / "public/results-use/2026/index.html")
    text = page.text
    assert "2026年度结果应用" in text
    assert "中层干部考核参考" in text and "年度绩效奖励分配" in text
    assert "6,123.45" in text
    rows = page.find("tr")
    shown = [row.attrs.get("data-person") for row in rows if row.attrs.get("data-person")]
    heads = [row["person"] for row in data["people"] if row["role"] == "head"]
    assert shown == heads + [row["person"] for row in data["people"]]
    for row in data["people"]:
        assert i18n.money(Decimal(str(row["reward"])), "zh") in text
    assert i18n.money(Decimal(str(data["total"])), "zh") in text
    # in the navigation and the search index
    home = (published / "public/index.html").read_text(encoding="utf-8")
    assert "results-use/2026/" in home and "结果应用" in home
    index = (published / "public/search/search_index.json").read_text(encoding="utf-8")
    assert "results-use/2026/" in index
