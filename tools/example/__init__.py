"""The example organisation's records (示例市机关事务管理局, a bureau of ten departments,
January to November 2026), generated deterministically and checked with the library.

Run from the repository root: ``.venv/bin/python tools/generate_example.py
[--output DIR]`` (default ``records/``). ``main`` wires the stages: ``generation``
writes every file (one module per kind of record, ``yaml_text`` and ``photos`` for
the text and the pictures), ``sealing`` seals the closed months with ``kaoping seal
--write``, ``checking`` validates the result with the library and asserts the story.
"""
