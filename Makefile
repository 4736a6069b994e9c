# Policy Tracker: every target sets up what it needs (a .venv in this folder).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test run lint typecheck unit bench eval-extract eval-diff eval-classify eval-guard eval-claims clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## make demo: install and run the offline demo on bundled real Together AI snapshots
demo: $(VENV)/.installed
	$(BIN)/tracker demo

## make test: ruff, mypy (strict) and the whole test suite
test: lint typecheck unit

lint: $(VENV)/.installed-test
	@! git grep -nE '^(<<<<<<<|>>>>>>>) ' || { echo "merge conflict markers above"; exit 1; }
	$(BIN)/ruff check tracker tests bench
	$(BIN)/ruff format --check tracker tests bench migrations

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# The whole suite on SQLite, then the database tests again on a real PostgreSQL server
# (started by the test fixtures) when PostgreSQL is installed.
PG_INITDB := $(firstword $(shell command -v initdb 2>/dev/null) $(wildcard /usr/lib/postgresql/*/bin/initdb))

unit: $(VENV)/.installed-test
	$(BIN)/pytest
ifneq ($(PG_INITDB),)
	TEST_DATABASE_BACKEND=postgresql $(BIN)/pytest -m database
else
	@echo "PostgreSQL not installed: database tests ran on SQLite only (apt-get install postgresql)"
endif

## make run: track the real registered documents once
run: $(VENV)/.installed
	$(BIN)/tracker run

## make bench: speed and memory benchmarks (print numbers, assert nothing)
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

## make eval-classify: topic precision/recall and key facts against hand-checked data
eval-classify: $(VENV)/.installed-test
	$(BIN)/python -m bench.eval_classify

## make eval-extract: extraction vs the expert archive on every corpus snapshot (prints PASS/FAIL)
eval-extract: $(VENV)/.installed-test
	$(BIN)/python -m bench.eval_extract

## make eval-diff: clause diff on synthetic edits with known truth and on every real version pair
eval-diff: $(VENV)/.installed-test
	$(BIN)/python -m bench.eval_diff

## make eval-guard: anomaly guards over the whole corpus (false positives) and the wall fixtures
eval-guard: $(VENV)/.installed-test
	$(BIN)/python -m bench.eval_guard

## make eval-claims: quotations exact, truncated, elided, edited and foreign on every corpus document
eval-claims: $(VENV)/.installed-test
	$(BIN)/python -m bench.eval_claims

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
