"""The example organisation is exactly what its generator writes.

Regenerating ``records/`` into a temporary folder with ``tools/generate_example.py``
(which also seals the closed months with ``kaoping seal --write``, validates the
result with the library and asserts the story the example tells) reproduces the
committed files byte for byte: every record, every seal and every evidence picture.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, REPO

GENERATOR = REPO / "tools" / "generate_example.py"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its POSIX path relative to it."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def generate(output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATOR), "--output", str(output)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_regenerating_reproduces_the_committed_records(tmp_path: Path) -> None:
    output = tmp_path / "records"
    run = generate(output)
    assert run.returncode == 0, run.stderr
    committed, regenerated = tree(EXAMPLE), tree(output)
    assert sorted(regenerated) == sorted(committed)
    differing = [path for path in committed if committed[path] != regenerated[path]]
    assert differing == []
    assert any(path.endswith(".jpg") for path in committed)
    assert any(path.endswith("/seal.yaml") for path in committed)


def test_a_folder_that_holds_no_example_is_not_replaced(tmp_path: Path) -> None:
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    run = generate(tmp_path)
    assert run.returncode == 2
    assert "not replacing it" in run.stderr
    assert keep.read_text(encoding="utf-8") == "mine"
