"""The published site: the MkDocs plugin ``kaoping`` and the pages it generates from the records.

``plugin`` wires MkDocs; ``data`` runs the earlier stages (validation, scoring,
history); ``pages`` lists the pages built by ``monthly``, ``subjects`` and
``reference`` from ``views`` (what a template shows of a department, a finding, a
claim, a check) and ``links``; ``render`` turns them into Markdown files holding
escaped HTML (``templates/``); ``charts`` and ``amendments`` compute what those pages
draw and compare. ``assets/`` holds the site's own CSS and JavaScript and the
vendored Apache ECharts.
"""
