# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck fuzz bench clean

# Set-up talks on stderr only, so stdout stays the command's own output.
$(STAMP): pyproject.toml
	@echo "+ setting up $(VENV) with $(PYTHON)" >&2
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "claimx needs Python 3.11+"'
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip 1>&2
	@$(BIN)/python -m pip install --quiet -e '.[test]' 1>&2
	@touch $(STAMP)

# The command is shown on stderr so that stdout is the YAML alone: `make demo > facts.yaml`.
demo: $(STAMP)
	@echo "+ claimx extract seeds/" >&2
	@$(BIN)/claimx extract seeds/

test: $(STAMP)
	$(BIN)/ruff check claimx tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check claimx tests benchmarks
	$(BIN)/ruff format --check claimx tests benchmarks
	$(BIN)/mypy

typecheck: $(STAMP)
	$(BIN)/mypy

# The round-trip property tests with thousands of generated articles instead of a few hundred.
fuzz: $(STAMP)
	CLAIMX_FUZZ_EXAMPLES=$${CLAIMX_FUZZ_EXAMPLES:-3000} $(BIN)/pytest -q tests/test_roundtrip.py tests/test_diff_fuzz.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_diff.py

clean:
	rm -rf $(VENV) build dist *.egg-info
