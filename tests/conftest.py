"""Shared fixtures: a records tree built in a temporary folder from small dicts, the
example site built once for the page tests, and the browser they share.

``make_records(files)`` writes a minimal valid organisation (two departments, two
leaders, an office with an inspector, one published month) and then the given files
over it: a value that is a ``str`` is written as it is (to test raw YAML), anything
else is dumped as YAML, and ``None`` deletes the file. Each test states only what
matters to it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browsing import ARGS, CHROMIUM
from sitebuild import build, make_project

from scoring.engine import Engine, Evaluation
from scoring.sources import FolderSource

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "records"

BASE: dict[str, Any] = {
    "org.yaml": {
        "unit": "测试局",
        "language": "zh",
        "people": [
            {"id": "chen", "name": "陈明", "roles": ["leader"]},
            {"id": "liu", "name": "刘建华", "roles": ["leader"]},
            {"id": "wang", "name": "王芳", "roles": ["office", "inspector"]},
            {"id": "li", "name": "李娜", "roles": ["inspector"]},
            {"id": "zhao", "name": "赵强", "roles": ["head"]},
            {"id": "qian", "name": "钱伟", "roles": ["head"]},
        ],
        "departments": [
            {"id": "admin", "name": "行政科", "head": "zhao"},
            {"id": "security", "name": "保卫处", "head": "qian"},
        ],
        "weights": {"business": 80, "public": 20, "indicator": 0.7, "leader": 0.3},
        "leader_rating": {"trim": False},
        "grades": [
            {"id": "excellent", "name": "优秀", "min": 95, "quota": 0.5},
            {"id": "good", "name": "良好", "min": 85},
            {"id": "pass", "name": "合格", "min": 70},
            {"id": "fail", "name": "不合格", "min": 0},
        ],
        "bonus": {"cap_per_month": 3},
        "appeals": {"window_days": 5},
    },
    "indicators.yaml": {
        "public": [
            {"id": "politics", "name": "政治学习", "max": 10},
            {"id": "discipline", "name": "作风纪律", "max": 10},
        ],
        "boundaries": [
            {"kind": "clutter", "name": "杂物垃圾", "department": "admin"},
            {"kind": "fire-lane", "name": "占用消防通道", "department": "security"},
        ],
    },
    "bonus-rules.yaml": {
        "categories": [
            {
                "id": "adoption",
                "name": "文字材料采用",
                "rules": [{"id": "adoption-city", "name": "信息被市级采用", "points": 0.5}],
            },
            {
                "id": "innovation",
                "name": "工作开创或创新",
                "rules": [{"id": "innovation", "name": "工作创新", "points": [1, 3]}],
            },
            {
                "id": "error-free",
                "name": "工作无差错",
                "rules": [
                    {"id": "error-free-3", "name": "连续3个月无扣分", "points": 0.5, "streak": 3}
                ],
            },
        ]
    },
    "2026-11/month.yaml": {
        "status": "published",
        "meeting": "2026-12-03",
        "overseers": ["chen", "zhao"],
        "absent": [],
        "published": "2026-12-05",
    },
    "2026-11/targets/admin.yaml": {
        "items": [
            {
                "id": "K1",
                "kind": "key",
                "title": "停车场改造方案",
                "standard": "方案通过",
                "deadline": "2026-11-25",
                "owner": "zhao",
                "weight": 50,
            },
            {
                "id": "R1",
                "kind": "routine",
                "title": "公文流转",
                "standard": "按时办结",
                "deadline": "2026-11-30",
                "owner": "zhao",
                "weight": 30,
            },
        ]
    },
    "2026-11/targets/security.yaml": {
        "items": [
            {
                "id": "K1",
                "kind": "key",
                "title": "消防检查",
                "standard": "全覆盖",
                "deadline": "2026-11-20",
                "owner": "qian",
                "weight": 80,
            },
        ]
    },
    "2026-11/assessments/admin.yaml": {
        "assessor": "wang",
        "items": {"K1": {"score": 50}, "R1": {"score": 28, "reason": "延期2天"}},
        "public": {"politics": {"score": 10}, "discipline": {"score": 10}},
    },
    "2026-11/assessments/security.yaml": {
        "assessor": "wang",
        "items": {"K1": {"score": 80}},
        "public": {"politics": {"score": 10}, "discipline": {"score": 9, "reason": "迟到"}},
    },
    "2026-11/ratings/chen.yaml": {"scores": {"admin": 92, "security": 88}},
    "2026-11/ratings/liu.yaml": {"scores": {"admin": 90, "security": 91}},
}


def validate(root: Path) -> Evaluation:
    """Every problem of the records at ``root``, every file read (no cache)."""
    return Engine(FolderSource(root)).evaluation()


def engine_of(root: Path) -> Engine:
    """The engine of the records at ``root``, without a cache."""
    return Engine(FolderSource(root))


def write_tree(root: Path, files: dict[str, Any]) -> None:
    for path, content in files.items():
        target = root / path
        if content is None:
            if target.exists():
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_text(
                yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )


@pytest.fixture
def make_records(tmp_path: Path) -> Callable[..., Path]:
    """Build ``tmp_path/records`` from BASE overlaid with ``files``; returns the folder."""

    def make(files: dict[str, Any] | None = None, base: bool = True) -> Path:
        root = tmp_path / "records"
        tree = copy.deepcopy(BASE) if base else {}
        tree.update(files or {})
        write_tree(root, tree)
        return root

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project as a git repository (one commit), built strictly, once: the
    page tests read its ``public/`` and must not change it."""
    project = make_project(tmp_path_factory.mktemp("example-site"))
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, one a module (never a browser Playwright downloads); closed with
    its module, since Playwright's sync API allows one running instance at a time."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (run tests/setup-browser.sh as root)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
