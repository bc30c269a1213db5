#!/usr/bin/env python3
"""Write the example's history: a git repository under build/example/ whose records/
are this repository's, committed as the bureau would have committed them.

Run from the repository root::

    .venv/bin/python tools/example_history.py [--records DIR] [--output DIR] [--force]

Does nothing when the repository there was made from the same records, site and code
(``make site`` runs it, then builds the site from it). Deterministic: the same records
give the same commits. The code is the package ``tools/example/history/``.
"""

from __future__ import annotations

import sys

from example.history.main import main

if __name__ == "__main__":
    sys.exit(main())
