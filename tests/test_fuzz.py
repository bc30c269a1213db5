"""A short run of the loader's fuzz target, ``tests/fuzz/fuzz_loader.py``, in a child process.

Seeded with one example record of each kind (its first byte picks the kind), 2,000 runs
of atheris must end without an exception escaping the loader or a record reader. Long
runs are for people: ``python tests/fuzz/fuzz_loader.py -max_total_time=600 SEEDS``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE

from scoring.formats import KINDS, kind_of

FUZZ = Path(__file__).resolve().parent / "fuzz"


def seeds(folder: Path) -> Path:
    """One example record of each kind, prefixed with the byte that selects its kind."""
    folder.mkdir()
    kinds = sorted(KINDS)
    for path in sorted(EXAMPLE.rglob("*.yaml")):
        found = kind_of(path.relative_to(EXAMPLE).as_posix())
        if found and found[0] in KINDS and not (folder / found[0]).exists():
            data = bytes([kinds.index(found[0])]) + path.read_bytes()
            (folder / found[0]).write_bytes(data)
    return folder


def test_fuzz_the_loader_for_2000_runs(tmp_path: Path) -> None:
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed: pip install -c constraints.txt -e '.[dev]'")
    found = tmp_path / "found"  # libFuzzer adds the inputs it finds to the first folder
    found.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            str(FUZZ / "fuzz_loader.py"),
            "-atheris_runs=2000",
            "-timeout=10",
            "-rss_limit_mb=1024",
            f"-dict={FUZZ / 'yaml.dict'}",
            str(found),
            str(seeds(tmp_path / "seeds")),
        ],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        cwd=tmp_path,  # where a crash's input would be written
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Done 2000" in result.stderr, result.stderr[-4000:]
