"""Deterministic randomness: every random choice comes from a generator seeded with a
fixed string and the purpose of the choice, so the example comes out byte for byte the
same on every run, whatever order things are generated in."""

from __future__ import annotations

import random

SEED = "kaoping-example-2026"


def rng_for(*parts: object) -> random.Random:
    return random.Random("-".join([SEED, *map(str, parts)]))
