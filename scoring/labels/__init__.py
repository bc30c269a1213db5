"""The message catalogues, one module per language: every text a user reads, by stable key.

Each language module holds the same tables: ``TEXT`` (the site and ``explain``),
``TABLE`` (column names of the terminal table and the workbook), ``DIFF`` (the diff
table), ``PROBLEMS`` (validation problems by code), ``CLAIM_REASONS`` (why a claim is
not valid), ``TERMS`` (words passed into problem messages), ``HINTS`` and ``UI`` (the
command line's own lines). Tests check that every language has the same keys.
"""

from __future__ import annotations

from types import ModuleType

from scoring.labels import en, zh

CATALOGUES: dict[str, ModuleType] = {"en": en, "zh": zh}
