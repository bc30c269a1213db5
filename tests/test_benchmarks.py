"""The benchmark runs end to end on a tiny archive: every figure is measured, every
target is judged. It says nothing of speed (that is the benchmark's own printout); it
keeps the script from breaking where only a full-size run would notice."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FULL = {
    "bare",
    "floor",
    "floor-kept",
    "history",
    "mkdocs",
    "pages",
    "same",
    "score",
    "serve",
    "validate",
}
CHANGED = {
    "check-lock",
    "diff",
    "explain",
    "floor",
    "history",
    "mkdocs",
    "pages",
    "score",
    "validate",
}
TARGETS = [
    "one changed month, warm: kaoping validate < 1 s",
    "one changed month, warm: kaoping score --format json < 1 s",
    "one changed month, warm: kaoping explain admin 2017-02 < 1 s",
    "one changed month, warm: kaoping diff HEAD < 1 s",
    "one changed month, warm: kaoping check-lock HEAD < 1 s",
    "cold, 2×2: validate ≤ 2× parse floor",
    "cold, 2×2: score ≤ 2× parse floor",
    "cold, 2×2: validate imports no pandas, no numpy, no openpyxl",
    "cold, 2×2: score imports no pandas, no numpy, no openpyxl",
    "mkdocs serve --dirty: an edited record shown ≤ 2 s (median of 2)",
    "mkdocs serve: RSS edit 10 → 2 grows ≤ 50 MiB",
    "mkdocs build ≤ 1.5× bare build of the same pages",
    "peak memory of any command < 2 GB (10⁹ bytes)",
]


def test_benchmark_measures_every_figure_and_judges_every_target(tmp_path: Path) -> None:
    command = [
        sys.executable, "benchmarks/run.py", "--departments", "2", "--months", "2",
        "--runs", "1", "--warmup", "0", "--no-scale", "--serve-edits", "2",
        "--work", str(tmp_path / "work"), "--json", str(tmp_path / "figures.json"),
    ]  # fmt: skip
    run = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600
    )
    assert run.returncode == 0, run.stderr[-4000:]
    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert set(figures["full"]) == FULL
    assert set(figures["changed"]) == CHANGED
    for group in ("full", "changed"):
        for key, figure in figures[group].items():
            assert figure["walls"] and all(w > 0 for w in figure["walls"]), (group, key)
            assert figure["peak"] > 0, (group, key)
    judged = {}
    report = figures["report"].split("\ntargets (issue 15)", 1)[1]
    for line in report.splitlines():
        found = re.match(r"^  (.+?)\s{2,}(\S.*?)\s{2,}(ok|over)(\s|$)", line)
        if found:
            judged[found[1]] = found[3]
    assert list(judged) == TARGETS
    assert run.stdout.rstrip().endswith(figures["report"].rstrip())
