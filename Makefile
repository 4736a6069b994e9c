# Policy Tracker: every target sets up what it needs (a .venv in this folder).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test run lint typecheck unit bench eval-extract eval-diff eval-classify clean

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
	$(BIN)/ruff check tracker tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test
	$(BIN)/pytest

## make run: track the real registered documents once
run: $(VENV)/.installed
	$(BIN)/tracker run

## make bench: speed and memory benchmarks (print numbers, assert nothing)
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

## make eval-classify: topic precision/recall and key facts against hand-checked data
eval-classify: $(VENV)/.installed-test
	$(BIN)/python -m bench.eval_classify

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
