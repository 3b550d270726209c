# Every command the project needs; `make help` lists them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help run bytecode test test-fast lint fmt data ingest validate bench bench-scale setup lock lock-check axe chromium clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: setup bytecode ## Set up, then start the app at http://127.0.0.1:8501
	$(PY) -m streamlit run serve.py

# Python writes a module's bytecode on first import unless PYTHONDONTWRITEBYTECODE
# is set (as on some machines and images): then every start compiled the package
# again, 0.2 s of the first page (benchmarks/RESULTS.md, "Cold start"). Written
# here, a start reads it; an edited module is compiled afresh in memory until the
# next `make run` or `make bytecode`.
bytecode: setup ## Compile the package's modules ahead (what make run serves reads them)
	$(PY) -m compileall -q jkdefense

test: setup chromium axe ## Set up, then run lint, data checks and every test (browser included)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m jkdefense derive --check
	$(PY) -m jkdefense validate
	$(PY) -m frictionless validate data/datapackage.json
	$(PY) -m pytest

test-fast: setup ## Every test except the real-browser ones
	$(PY) -m pytest -m "not browser"

lint: setup ## ruff lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

fmt: setup ## Format the code
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

data: setup ## Re-derive sentences and mentions from the seeds, then validate
	$(PY) -m jkdefense derive
	$(PY) -m jkdefense validate

ingest: setup ## Add an article: make ingest FILE=a.html TITLE=".." AUTHOR=".." PUBLISHER=".." URL=".." DATE=YYYY-MM-DD
	$(PY) -m jkdefense ingest "$(FILE)" --title "$(TITLE)" --author "$(AUTHOR)" \
		--publisher "$(PUBLISHER)" --url "$(URL)" --date "$(DATE)"

validate: setup ## Validate the data package; list every problem
	$(PY) -m jkdefense validate

bench: setup chromium ## Measure derive, validate, page reruns and exports (see benchmarks/RESULTS.md)
	$(PY) benchmarks/bench_data.py
	$(PY) benchmarks/bench_pages.py
	$(PY) benchmarks/bench_export.py

bench-scale: setup chromium ## Cost curve at 1 to 10,000 articles (about 15 minutes) and its plot
	$(PY) benchmarks/bench_scale.py --sizes 1 100 1000 10000 --json benchmarks/scale_results.json
	$(PY) benchmarks/plot_scale.py benchmarks/scale_results.json benchmarks/scale.png

setup: $(VENV)/.installed ## Create .venv from requirements.lock, with the jkdefense command

# Re-runs when the lock or pyproject.toml changes. The lock pins every package,
# transitive ones included; the project itself goes in editable, without its
# dependencies (the lock has them), so `jkdefense` is on .venv's PATH. setuptools
# leaves a jkdefense.egg-info/ in the checkout that nothing reads: it goes.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	rm -rf jkdefense.egg-info
	touch $@

# requirements.txt (runtime) and requirements-dev.txt (tests, tools) name the direct
# dependencies; requirements.lock is made from them by pip-compile (pip-tools, in
# .venv), keeping every pin it already has unless LOCK_ARGS says otherwise:
#   make lock                                    add or drop what the .txt files changed
#   make lock LOCK_ARGS=--upgrade                newest allowed version of everything
#   make lock LOCK_ARGS="--upgrade-package NAME" of one package
# then `make setup` installs it. Commit the .txt files and the lock together.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

lock: setup ## Re-pin requirements.lock from requirements*.txt (LOCK_ARGS=--upgrade for newest)
	$(PIP_COMPILE) --output-file requirements.lock $(LOCK_ARGS) requirements-dev.txt

lock-check: setup ## Fail if requirements.lock no longer follows requirements*.txt
	@tmp=$$(mktemp -d) && cp requirements.lock $$tmp/ && \
	$(PIP_COMPILE) --output-file $$tmp/requirements.lock requirements-dev.txt && \
	{ diff -u requirements.lock $$tmp/requirements.lock || \
	  { echo "requirements.lock is out of date: run make lock" >&2; rm -rf $$tmp; exit 1; }; } && \
	rm -rf $$tmp && echo "requirements.lock follows requirements*.txt"

axe: node_modules/.installed ## Install axe-core (npm, package-lock.json) for the accessibility tests

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

chromium: ## Install Debian's chromium for the browser tests (needs root)
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
