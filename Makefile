# Gongkai task runner: `make help` lists every target. CI calls these same targets.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICANOPTS ?=
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install html check test serve devserver publish new clean lock

help: ## List every target with what it does
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Gongkai needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

html: $(STAMP) ## Build the portal into output/ (validates every file first)
	$(PELICAN) content -s pelicanconf.py --fatal warnings $(PELICANOPTS)
	@echo "Portal built in $(CURDIR)/output/ — run 'make serve' and open http://localhost:$(PORT)/"

check: $(STAMP) ## Read and validate all content and config without rendering
	$(BIN)/python scripts/check

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: ## Serve output/ on http://localhost:8000/ (PORT=... to change)
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory output

devserver: $(STAMP) ## Serve on localhost and rebuild whenever content, config or theme changes
	$(PELICAN) content -s pelicanconf.py -r -l -p $(PORT) -e PORTAL_KEEP_SERVING_ON_ERRORS=true

publish: $(STAMP) ## Build for production with absolute URLs (publishconf.py)
	$(PELICAN) content -s publishconf.py --fatal warnings $(PELICANOPTS)

new: $(STAMP) ## Start a new item: make new TYPE=licensing DEPT=health SLUG=food-permit
	$(BIN)/python scripts/new-item $(TYPE) $(DEPT) $(SLUG)

lock: ## Re-resolve dependencies from pyproject.toml into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check '.[test]'
	{ echo "# Exact versions installed into .venv by \`make install\` (regenerate: \`make lock\`)."; \
	  .lock-venv/bin/pip freeze --exclude gongkai; } > requirements.lock
	rm -rf .lock-venv

clean: ## Remove output/ and caches (keeps .venv)
	rm -rf output __pycache__ .pytest_cache
