# The README's commands, nothing hidden.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint serve

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Build the site from the example records (validates and scores on the way).
site: $(STAMP)
	$(BIN)/kaoping validate --records records
	$(BIN)/kaoping score --records records --format table > /dev/null
	if [ -f mkdocs.yml ]; then $(BIN)/mkdocs build --strict; fi

# --livereload: MkDocs 1.6.1 loses its default with click >= 8.2.2 (mkdocs/mkdocs#4032).
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty

lint: $(STAMP)
	$(BIN)/ruff check scoring tests tools
	$(BIN)/ruff format --check scoring tests tools
	$(BIN)/mypy scoring

# The whole test suite (lint and types included).
test: $(STAMP)
	bash tests/setup-browser.sh
	bash tests/setup-axe.sh
	$(MAKE) lint
	$(BIN)/pytest
