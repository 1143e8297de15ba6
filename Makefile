# Every target creates .venv from pyproject.toml on first use and refreshes it when
# pyproject.toml changes: `make generate` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: generate check validate test diff bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

generate: $(STAMP)
	$(PY) -m generator generate

check: $(STAMP)
	$(PY) -m generator check

validate: $(STAMP)
	$(PY) -m generator validate

test: $(STAMP)
	$(PY) -m pytest

diff: $(STAMP)
	$(PY) -m generator diff $(OLD) $(NEW)

# `make bench BENCH_ARGS="--runs 5 --record"`: see bench/README.md
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV)
