# Every target creates .venv from pyproject.toml on first use and refreshes it when
# pyproject.toml changes: `make generate` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Stoplight Prism (tests/prism): the version pinned in tests/prism/package-lock.json, installed
# by npm into the git-ignored .prism/ on first use and again whenever the pin changes.
PRISM_DIR := .prism
PRISM_STAMP := $(PRISM_DIR)/.installed

.PHONY: generate check validate test prism diff bench mutants clean golden

# The generator with its dev tools, and the connector it generated (its own distribution,
# generated/pyproject.toml) in compat editable mode: a plain path on sys.path, which type
# checkers and IDEs follow, so `import leaflink` anywhere is the tree in generated/.
$(STAMP): pyproject.toml generated/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --config-settings editable_mode=compat \
		-e './generated[webhooks,dlt,mcp]' -e '.[dev]'
	touch $(STAMP)

$(PRISM_STAMP): tests/prism/package.json tests/prism/package-lock.json
	mkdir -p $(PRISM_DIR)
	cp tests/prism/package.json tests/prism/package-lock.json $(PRISM_DIR)/
	cd $(PRISM_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $(PRISM_STAMP)

prism: $(PRISM_STAMP)

generate: $(STAMP)
	$(PY) -m generator generate

check: $(STAMP)
	$(PY) -m generator check

# The golden record (tests/golden/README.md): regenerate tests/golden/expected/ from the golden
# spec and manifest after a deliberate change of the generator or templates, then review its diff.
golden: $(STAMP)
	$(PY) -m generator generate --spec tests/golden/spec.yaml \
		--manifest tests/golden/operations.yaml --out tests/golden/expected

validate: $(STAMP)
	$(PY) -m generator validate

test: $(STAMP) $(PRISM_STAMP)
	$(PY) -m pytest

# Plants each class of bug of issue 20 in a temporary copy of the committed tree and checks the
# tests kill it (README "Testing"; `MUTANTS_ARGS="--full"` runs the whole suite per mutant).
mutants: $(STAMP)
	$(PY) tests/mutants.py $(MUTANTS_ARGS)

diff: $(STAMP)
	$(PY) -m generator diff $(OLD) $(NEW)

# `make bench BENCH_ARGS="--runs 5 --record"`: see bench/README.md
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(PRISM_DIR)
