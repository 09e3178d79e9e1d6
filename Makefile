# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export GX_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 300

.PHONY: run test eval bench report browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## run the pipeline once over the bundled sample corpus into warehouse/sitrep.duckdb
run: $(STAMP)
	$(BIN)/sitrep run

## the whole test suite (the report's test needs a headless chromium: see `browser`)
test: $(STAMP) browser
	SITREP_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q

## Debian's chromium for the report's browser test, installed when missing (root, or sudo without password)
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO="sudo -n"; \
	  echo "installing chromium (apt-get) for the report's browser test"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

## the HTML report (data quality and facts) of warehouse/sitrep.duckdb; prints its path
report: $(STAMP)
	$(BIN)/sitrep report

## score the extractor on a gold folder: make eval GOLD=../shared/devset
GOLD ?= samples
eval: $(STAMP)
	$(BIN)/sitrep eval $(GOLD)

## extraction speed benchmark
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal warehouse/reports reports .pytest_cache
