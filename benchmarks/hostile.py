"""Benchmark: every hostile-input case against the documented limits (docs/limits.md).

    .venv/bin/python benchmarks/hostile.py            # every case of tests/corpus
    .venv/bin/python benchmarks/hostile.py deep-flow  # only the cases named

Each case's records tree is built in a temporary folder, then ``kaoping validate`` runs
on it in a child process. A helper process stands between this script and that child,
so ``resource.getrusage(RUSAGE_CHILDREN)`` in the helper reports exactly one child's
peak resident set (it is a maximum over all children ever waited for, so it must be
read in a process with no other child). Wall time is the child's, from start to exit,
Python's start-up and imports included, as a user or pre-commit would see it.

The targets (DESIGN.md §10): a hostile file is refused within 1 second and 200 MB.
Exit status 1 when a case misses a target or is not refused with its located problem.

A case that generates a photo (``declared-photo``) is also measured as the site build
meets it: ``photos.publish`` on that photo, in a child process of its own (a photo
declaring more than 24 megapixels must cost no decoding: the placeholder stands in).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import hostile  # noqa: E402  (tests/ holds the corpus and its builders)

TARGET_SECONDS = 1.0
TARGET_MEGABYTES = 200


def measure_one(name: str, root: Path) -> None:
    """In the helper process: run validate once, print its wall time and peak RSS as JSON."""
    case = next(case for case in hostile.cases() if case.name == name)
    start = time.perf_counter()
    result = subprocess.run(
        hostile.validate_command(root, case.strict),
        capture_output=True,
        text=True,
        errors="replace",
    )
    seconds = time.perf_counter() - start
    kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    refused = result.returncode == 1 and bool(hostile.located(result.stdout, case))
    crashed = "Traceback" in result.stderr or "internal error" in result.stderr
    print(
        json.dumps(
            {"seconds": seconds, "megabytes": kilobytes / 1024, "refused": refused and not crashed}
        )
    )


PUBLISH = (
    "import sys; from pathlib import Path; from scoring.site import photos\n"
    "source, cache = Path(sys.argv[1]), Path(sys.argv[2])\n"
    "copy = photos.publish(source, photos.sha256_file(source),"
    " photos.PhotoStore(cache / 'records', cache / 'scratch'))\n"
    "sys.exit(0 if copy is not None and copy.stat().st_size < 10_000 else 1)\n"
)


def measure_publish(photo: Path, cache: Path) -> None:
    """In the helper process: the site's photos.publish on one photo, as JSON."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PUBLISH, str(photo), str(cache)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache / "user-cache")},
    )
    seconds = time.perf_counter() - start
    kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {"seconds": seconds, "megabytes": kilobytes / 1024, "refused": result.returncode == 0}
        )
    )


def measure(case: hostile.Case) -> dict[str, float | bool]:
    with tempfile.TemporaryDirectory() as directory:
        root = hostile.build(case, Path(directory))
        helper = subprocess.run(
            [sys.executable, __file__, "--one", case.name, str(root)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(helper.stdout)


def measure_site(case: hostile.Case) -> dict[str, float | bool] | None:
    """The site's cost of the case's generated photo; None when the case has none."""
    photo = next((spec["path"] for spec in case.generate if spec["name"] == "declared-photo"), None)
    if photo is None:
        return None
    with tempfile.TemporaryDirectory() as directory:
        root = hostile.build(case, Path(directory))
        helper = subprocess.run(
            [sys.executable, __file__, "--publish", str(root / photo), directory],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(helper.stdout)


def baseline() -> dict[str, float | bool]:
    """The valid base tree: Python's start-up, the imports and a clean validation."""
    case = hostile.Case("baseline", "the valid base tree", "", "", None, None)
    with tempfile.TemporaryDirectory() as directory:
        root = hostile.build(case, Path(directory))
        start = time.perf_counter()
        subprocess.run(hostile.validate_command(root, False), capture_output=True, check=True)
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "megabytes": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def main(names: list[str]) -> int:
    cases = [case for case in hostile.cases() if not names or case.name in names]
    floor = baseline()
    print(f"targets: {TARGET_SECONDS:.1f} s and {TARGET_MEGABYTES} MB per case (DESIGN.md §10)")
    print(
        f"{'the valid base tree (start-up floor)':44} {floor['seconds']:6.2f} s {floor['megabytes']:7.1f} MB"
    )
    failures = 0
    slowest = largest = 0.0
    for case in cases:
        measured = [(case.name, measure(case))]
        site = measure_site(case)
        if site is not None:
            measured.append((f"{case.name} (site: photos.publish)", site))
        for label, result in measured:
            seconds, megabytes = float(result["seconds"]), float(result["megabytes"])
            slowest, largest = max(slowest, seconds), max(largest, megabytes)
            over = seconds > TARGET_SECONDS or megabytes > TARGET_MEGABYTES
            mark = (
                ""
                if result["refused"] and not over
                else "  <-- "
                + ("not refused with its problem" if not result["refused"] else "over target")
            )
            failures += bool(mark)
            print(f"{label:44} {seconds:6.2f} s {megabytes:7.1f} MB{mark}")
    print(
        f"{len(cases)} cases: slowest {slowest:.2f} s, largest {largest:.1f} MB, {failures} failing"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        measure_one(sys.argv[2], Path(sys.argv[3]))
    elif sys.argv[1:2] == ["--publish"]:
        measure_publish(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(main(sys.argv[1:]))
