# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export GX_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 300

.PHONY: run test eval bench report clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## run the pipeline once over the bundled sample corpus into warehouse/sitrep.duckdb
run: $(STAMP)
	$(BIN)/sitrep run

## the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## score the extractor on a gold folder: make eval GOLD=../shared/devset
GOLD ?= samples
eval: $(STAMP)
	$(BIN)/sitrep eval $(GOLD)

## extraction speed benchmark
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal reports .pytest_cache
