#!/usr/bin/env python3
"""Generate the example organisation's records (示例市机关事务管理局).

Run from the repository root::

    .venv/bin/python tools/generate_example.py [--output DIR]

Deletes DIR (default ``records/``) and writes it again, seals the closed months with
``kaoping seal --write``, then validates the result with the library and asserts the
story the example tells. Deterministic: the same code writes the same bytes
(``tests/test_example.py`` regenerates it and compares). The generator is the package
``tools/example/``.
"""

from __future__ import annotations

import sys

from example.main import main

if __name__ == "__main__":
    sys.exit(main())
