# Two commands matter: `make run` and `make test`. Both bootstrap .venv from
# pyproject.toml + constraints.txt on first use, so a fresh clone needs nothing
# installed by hand but Python >= 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=

.PHONY: run test lint typecheck pytest fuzz bench index setup compile clean

$(STAMP): pyproject.toml constraints.txt
	@echo "setting up $(VENV) (pip install -e '.[dev]')" >&2
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

# The editable install leaves yomite's own modules uncompiled; where Python does not
# write bytecode as it imports (PYTHONDONTWRITEBYTECODE, a read-only checkout), every
# start compiled them again: ~0.2 s of the reader's first paint. Up to date: a no-op.
compile: setup
	@$(BIN)/python -m compileall -q index tui bench

# Bring the index of the configured article directories (seeds/ by default)
# up to date, then open the reader. The reader opens even when the update fails
# (a home that indexes no directory, a damaged index): its list says what to do.
run: compile
	-$(BIN)/yomite index
	$(BIN)/yomite $(ARGS)

index: compile
	$(BIN)/yomite index $(ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest $(ARGS)

test: lint typecheck pytest

# The property tests (hypothesis) under fresh random examples, ROUNDS times; `make
# test` tries the same ones every run. A failure prints the blob that reproduces it.
ROUNDS ?= 5
PROPERTY_TESTS = $(shell grep -l '@given' tests/test_*.py)
fuzz: setup
	@for round in $$(seq $(ROUNDS)); do \
		echo "fuzz round $$round of $(ROUNDS)" >&2; \
		$(BIN)/pytest -q --hypothesis-profile=fuzz $(ARGS) $(PROPERTY_TESTS) || exit 1; \
	done

# `@`: stdout is the JSON report alone (`make bench > F` is valid JSON).
bench: compile
	@$(BIN)/python -m bench $(ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
