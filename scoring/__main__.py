"""``python -m scoring`` runs the ``kaoping`` command line."""

from scoring.cli import main

main()
