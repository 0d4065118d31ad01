# casekit: `make run` sets up .venv and runs the pipeline on data/raw; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RAW    ?= data/raw
OUT    ?= data/structured

.PHONY: run setup test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/casekit ingest $(RAW) --out $(OUT)
	$(BIN)/casekit extract --out $(OUT)
	$(BIN)/casekit export --format csv --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests

bench: $(STAMP)
	$(BIN)/python -m casekit.bench

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
