"""The example's history (示例市机关事务管理局, 2026): the records of ``records/``
replayed into a git repository as the bureau would have committed them, so that the
example site's audit trail (history pages, amendments after publication, pull
requests) reads like a bureau's, not like the project's development.

Run from the repository root: ``.venv/bin/python tools/example_history.py [--output
DIR]`` (default ``build/example/``; ``make site`` runs it and builds the site there).
The stages: ``versions`` derives the earlier versions of each record from its final
text (a month's status as it moved, claims before the office decided them, an appeal
as filed, a subject as published before its appeal was decided, org.yaml as of a
month); ``people`` says who authored what; ``timeline`` lists the year's pull
requests, dated from the records; ``replay`` applies them in order, sealing months as
the office closes them; ``repository`` writes the git repository with ``git
fast-import``. The same records give the same commits, hashes included.
"""
