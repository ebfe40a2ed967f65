# Gongkai task runner: `make help` lists every target. CI calls these same targets.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PELICANOPTS ?=
# `make html PORTAL_LANG=en` previews the interface in another language.
PORTAL_LANG ?=
# `make audit AS_OF=2026-11-21` (also html, check): evaluate dates as of that day, reproducibly.
AS_OF ?=
# Pelican keeps only the last -e it is given, so every override goes into one.
OVERRIDES := $(strip $(if $(PORTAL_LANG),'PORTAL_LANG="$(PORTAL_LANG)"') $(if $(AS_OF),'PORTAL_AS_OF="$(AS_OF)"') $(if $(filter off,$(CACHE)),'PORTAL_CACHE=false'))
SETTINGS_OPT := $(if $(OVERRIDES),-e $(OVERRIDES))
ASOF_OPTION := $(if $(AS_OF),--as-of $(AS_OF))
AUDITOPTS ?=
# `make html FORCE=1`: build even if nothing changed; `CACHE=off`: without the build cache.
FORCE ?=
FORCE_OPTION := $(if $(FORCE),--force)
CACHE ?=
NOCACHE_OPTION := $(if $(filter off,$(CACHE)),--no-cache)
CATALOGS := themes/gongkai/translations
A11YOPTS ?=
# The suite runs on every core; `make test PYTEST_ARGS=tests/test_cache.py` runs part of it.
PYTEST_ARGS ?=
STAMP := $(VENV)/.installed
# In node_modules/ so that deleting it also re-runs `npm ci`.
A11Y_STAMP := node_modules/.installed
# Debian's chromium-driver matches its chromium exactly; Java 17+ runs the Nu validator.
A11Y_APT_PACKAGES := chromium chromium-driver default-jre-headless
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DEFAULT_GOAL := help
.PHONY: help install html check audit verify test serve devserver publish new clean lock a11y a11y-setup messages bench bench-curve

help: ## List every target with what it does
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Gongkai needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# Compiled once here: where PYTHONDONTWRITEBYTECODE is set (as in many containers), every
	@# build process would otherwise compile the plugins again before it could start.
	$(BIN)/python -m compileall -q plugins
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

html: $(STAMP) ## Build the portal into output/ (validates every file first; output/ changes only on success)
	$(BIN)/python scripts/build --output output $(FORCE_OPTION) -- content -s pelicanconf.py --fatal warnings $(SETTINGS_OPT) $(PELICANOPTS)
	@echo "Portal built in $(CURDIR)/output/ — run 'make serve' and open http://localhost:$(PORT)/"

check: $(STAMP) ## Read and validate all content and config without rendering
	$(BIN)/python scripts/check $(ASOF_OPTION) $(NOCACHE_OPTION)

audit: $(STAMP) ## Check the standards without rendering; fails on blocking findings (AUDITOPTS=--all)
	$(BIN)/python scripts/audit $(ASOF_OPTION) $(NOCACHE_OPTION) $(AUDITOPTS)

test: $(STAMP) a11y-setup ## Run the whole test suite (installs the browser checks' tools first)
	$(BIN)/python -m pytest --numprocesses auto $(PYTEST_ARGS)

serve: ## Serve output/ on http://localhost:8000/ (PORT=... to change)
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory output

devserver: $(STAMP) ## Serve on localhost and rebuild whenever content, config or theme changes
	$(BIN)/python scripts/devserver content -s pelicanconf.py -l -p $(PORT) -e PORTAL_KEEP_SERVING_ON_ERRORS=true $(OVERRIDES) $(PELICANOPTS)

publish: $(STAMP) ## Build for production with absolute URLs (publishconf.py)
	$(BIN)/python scripts/build --output output $(FORCE_OPTION) -- content -s publishconf.py --fatal warnings $(SETTINGS_OPT) $(PELICANOPTS)

verify: $(STAMP) ## Check output/ against its SHA-256 list (PUBLIC_KEY=key.pem also checks the signature)
	$(BIN)/python scripts/verify-site output $(if $(PUBLIC_KEY),--public-key $(PUBLIC_KEY))

new: $(STAMP) ## Start a new item: make new TYPE=licensing DEPT=health SLUG=food-permit
	$(BIN)/python scripts/new-item $(TYPE) $(DEPT) $(SLUG)

# `make bench N=20000 RUNS=1`: items in the generated portal, runs per measurement (medians).
N ?= 5000
RUNS ?= 3
bench: $(STAMP) ## Time an N-item generated portal's build, per phase, against bare Pelican + Pagefind
	$(BIN)/python benchmarks/bench.py $(N) --runs $(RUNS)

# `make bench-curve SIZES="1000 5000 20000 50000"`: the portal sizes, one cold build each.
SIZES ?= 1000 5000 20000
bench-curve: $(STAMP) ## Time one cold build per portal size (SIZES) and how linearly time grows
	$(BIN)/python benchmarks/curve.py $(SIZES)

lock: ## Re-resolve dependencies from pyproject.toml into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check '.[test]'
	{ echo "# Exact versions installed into .venv by \`make install\` (regenerate: \`make lock\`)."; \
	  .lock-venv/bin/pip freeze --exclude gongkai; } > requirements.lock
	rm -rf .lock-venv

clean: ## Remove output/ and caches (keeps .venv)
	rm -rf output .output.building-* .output.retired-* .output.spare-* .output.removing-* .cache __pycache__ .pytest_cache

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the system's is used.
$(A11Y_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "make a11y-setup: npm is needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(A11Y_STAMP)

a11y-setup: $(A11Y_STAMP) ## Install what make a11y needs: Debian's chromium, chromedriver and Java, and node_modules
	@if test -x /usr/bin/chromium && test -x /usr/bin/chromedriver && command -v java >/dev/null; then \
	  : already installed; \
	elif command -v apt-get >/dev/null; then \
	  echo "Installing $(A11Y_APT_PACKAGES) with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y --no-install-recommends $(A11Y_APT_PACKAGES); \
	else \
	  echo "make a11y-setup: apt-get not found; install Chromium with its chromedriver at /usr/bin and Java 17+ with this system's package manager" >&2; exit 1; \
	fi

a11y: html a11y-setup ## Check every page type with axe-core (Chromium) and the W3C Nu validator
	$(BIN)/python scripts/a11y --output output $(A11YOPTS)

messages: $(STAMP) ## Extract interface text into the zh_CN and en catalogs (then translate new entries)
	PYTHONPATH=plugins $(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --ignore-pot-creation-date --no-fuzzy-matching --ignore-obsolete --width 100
	@echo "Now translate every empty msgstr in $(CATALOGS)/*/LC_MESSAGES/messages.po"
