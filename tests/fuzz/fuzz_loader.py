"""Fuzz target: the loader and the record readers never let an exception escape.

    .venv/bin/python tests/fuzz/fuzz_loader.py -atheris_runs=100000
    .venv/bin/python tests/fuzz/fuzz_loader.py -dict=tests/fuzz/yaml.dict SEEDS/ -max_total_time=600

Each input's first byte picks a record kind of ``scoring.formats.KINDS``; the rest is a
file's bytes. They go through ``scoring.loading.load_bytes`` and, when that yields a
value, through the kind's reader, and every problem is rendered in both languages, as
``kaoping validate`` would. Any exception that escapes is a crash: atheris (libFuzzer)
stops, prints the input and its traceback, and exits non-zero. Extra arguments are
libFuzzer's (a seed folder, ``-max_total_time``, ``-dict``).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from scoring import formats, loading, schema
    from scoring.problems import Pos

KINDS = sorted(formats.KINDS)
PATH = "fuzz.yaml"


def test_one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    document = loading.load_bytes(PATH, data[1:])
    problems = list(document.problems)
    if document.value is not None or not problems:
        reader = schema.Reader()
        formats.KINDS[kind].read(document.value, Pos(PATH, 1, 1), reader)
        problems += reader.problems
    for problem in problems:
        assert problem.path == PATH
        problem.message("en")
        problem.message("zh")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
