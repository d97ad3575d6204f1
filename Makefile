# Two commands for everyone: `make serve` and `make test`. Both create .venv
# from the hash-checked lock on first use; nothing else needs installing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)-v3
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/scripts

PORT ?= 8000

.PHONY: serve build check test test-fast lint typecheck pytest pytest-fast lock clean audit audit-compare same-site help

serve: $(STAMP) ## Preview at http://127.0.0.1:8000 with live reload; PORT=8001 serves on another port
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(STAMP) ## Write the site into site/
	$(BIN)/python -m explainer.adapter.build

check: $(STAMP) ## Validate content/ without MkDocs; ARGS=--fail-on-overdue also fails on facts due for review
	$(BIN)/python -m explainer check $(ARGS)

test: lint typecheck pytest ## ruff, mypy and pytest (integration and browser tests included)

# The loop while you work (under a minute): ruff, mypy, then in parallel the unit and golden tests,
# the bad-input catalogue and one real `mkdocs build --strict` of content/ (tests marked `build`).
# Left out: serve, the atomic-build kills, the proof runs and the browser suite (`make test` runs all).
test-fast: lint typecheck pytest-fast ## The fast loop: lint, types, unit/golden tests, catalogue, one real build

pytest-fast: $(STAMP)
	$(BIN)/pytest -n 2 -m "not browser and (not slow or build)"

lint: $(STAMP)
	$(BIN)/ruff check scripts tests template/tests
	$(BIN)/ruff format --check scripts tests template/tests

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(NODE_STAMP)
	@$(MAKE) --no-print-directory $(ZENSICAL_STAMP) || echo "make: Zensical could not be installed from requirements-zensical.lock: tests/test_zensical.py will be skipped" >&2
	$(BIN)/pytest

$(STAMP): requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	@# The engine from this checkout, editable: the `explainer` plugin's entry point, and scripts/ on the path
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	rm -f $(VENV)/.installed-* && touch $@

lock: $(STAMP) ## Re-resolve requirements*.in (and the template's) into the hash-pinned locks
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-zensical.lock requirements-zensical.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.lock requirements-dev.in
	@# The lock a new explainer starts with (template/): the engine's dependencies and the project's tools.
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o template/requirements-dev.lock template/requirements-dev.in
	test ! -f requirements-bench.in || $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-bench.lock requirements-bench.in

# Zensical (the successor of Material for MkDocs, still a beta) builds both editions from the engine's
# edition into site-zensical/ (scripts/zensical_build.py), in its own venv from its own lock.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed-$(shell cat requirements-zensical.lock | cksum | cut -d' ' -f1)
.PHONY: build-zensical
build-zensical: $(STAMP) $(ZENSICAL_STAMP) ## Build both editions with Zensical into site-zensical/
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} $(BIN)/python scripts/zensical_build.py site-zensical

$(ZENSICAL_STAMP): requirements-zensical.lock
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-zensical.lock
	rm -f $(ZENSICAL_VENV)/.installed-* && touch $@

# A new explainer in DIR from the template in template/ (copier.yml), at this checkout's HEAD: it installs
# the engine by version and holds none of it. Asks for the site's name and the rest; ARGS=--defaults
# --data site_name="..." answers without asking. In the new project, `make update` takes later template changes.
.PHONY: new
new: $(STAMP) ## Start a new explainer in DIR from template/: make new DIR=../my-explainer
	@test -n "$(DIR)" || { echo "usage: make new DIR=path/to/new-explainer [ARGS='--defaults --data site_name=...']" >&2; exit 2; }
	@git diff --quiet HEAD -- template copier.yml || echo "make new: template/ has uncommitted changes; copier uses them as they are on disk" >&2
	$(BIN)/copier copy --vcs-ref HEAD $(ARGS) "$(CURDIR)" "$(DIR)"

# Benchmark (not a test): synthetic content at three sizes, the check, the merge,
# mkdocs build with the facts layer, without it (floor) and with mkdocs-macros
# (peer), and the reload latency of mkdocs serve. Writes reports/bench.json.
# BENCH_ARGS=--quick (or BENCH_SIZES=100/10/5,1000/100/25) shrinks it.
BENCH_STAMP := $(VENV)/.bench-$(shell cat requirements-bench.lock | cksum | cut -d' ' -f1)
.PHONY: bench
bench: $(STAMP) $(BENCH_STAMP) ## Benchmark against plain MkDocs and mkdocs-macros (~11 min)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

$(BENCH_STAMP): requirements-bench.lock $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-bench.lock
	rm -f $(VENV)/.bench-* && touch $@

# Editing through pull requests (CONTRIBUTING.md): schemas for editors, the fact diff for reviewers.
.PHONY: schemas diff venv
# FROM: what `make diff` compares with. By default the point where this branch left the upstream's
# main (origin/HEAD, else origin/main), so commits already made on a branch, or on main before a
# push, are listed; without a remote, the last commit (only uncommitted edits are listed).
FROM ?= $(shell git merge-base HEAD origin/HEAD 2>/dev/null || git merge-base HEAD origin/main 2>/dev/null || git rev-parse HEAD 2>/dev/null)

venv: $(STAMP) ## Only create .venv from the lock (for editors and pre-commit hooks)

schemas: $(STAMP) ## Regenerate scripts/schemas/ (and the files that name them) from scripts/explainer/load/schema.py
	$(BIN)/python -m explainer schemas

diff: $(STAMP) ## Facts changed since FROM (default: where this branch left origin's main); TO=rev compares two
	$(BIN)/python -m explainer diff $(FROM) $(TO)

# npm tools for the browser suite and the audit (vnu.jar, pa11y, Lighthouse), from the lock.
# Without npm the HTML-validity and HTML_CodeSniffer tests are skipped loudly (and fail in CI).
# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime and puppeteer's
# (pa11y's) a browser; the tests use Debian's chromium. PUPPETEER_SKIP_DOWNLOAD says so twice.
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && rm -f node_modules/.installed-* && touch $@; \
	else echo "make: npm not found: HTML validation will be skipped (apt-get install npm)" >&2; fi

audit: $(STAMP) $(NODE_STAMP) ## Lighthouse on every page, mobile and desktop, 3 runs each -> reports/lighthouse.md
	$(BIN)/python -m audit.lighthouse

audit-compare: $(STAMP) $(NODE_STAMP) ## Lighthouse mobile performance against BASE=rev, pages in turns -> reports/lighthouse-compare.md
	@test -n "$(BASE)" || { echo "make audit-compare: say which revision, e.g. BASE=origin/main" >&2; exit 2; }
	$(BIN)/python -m audit.compare --base "$(BASE)"

same-site: $(STAMP) ## Does this checkout build the same site, byte for byte, as BASE=rev? (the proof a refactor owes)
	@test -n "$(BASE)" || { echo "make same-site: say which revision, e.g. BASE=origin/main" >&2; exit 2; }
	$(BIN)/python -m toolkit.samesite "$(BASE)"

help: ## List the targets and what each does
	@grep -hE '^[a-z][a-z0-9_-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z0-9_-]+):.*## /\1\t/' | \
	  awk -F '\t' '{ printf "  make %-14s %s\n", $$1, $$2 }'

clean: ## Remove the built site, reports and tool caches
	rm -rf site site-zensical .zensical reports .pytest_cache .mypy_cache .ruff_cache
