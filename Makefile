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

# Build the site from the example records (validates and scores on the way). Its audit
# trail is the bureau's, not this project's: tools/example_history.py replays records/
# into build/example/, a git repository committed as the bureau would have (rewritten
# only when the records, the site's files or the code changed), and the site is built
# from there into public/.
site: $(STAMP)
	$(BIN)/kaoping validate --records records
	$(BIN)/kaoping score --records records --format table > /dev/null
	if [ -f mkdocs.yml ]; then \
	  $(BIN)/python tools/example_history.py --output build/example && \
	  $(BIN)/mkdocs build --strict -f build/example/mkdocs.yml -d "$(CURDIR)/public"; \
	fi

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
