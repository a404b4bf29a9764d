# The two commands of the README are `make lab` and `make test`; both install what they
# need into .venv first (exact versions from requirements-lock.txt).
PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# Notebooks are executed and validated on the CPU, so stored outputs reproduce everywhere.
TEST_ENV := RNN_LESSONS_DEVICE=cpu PYTHONHASHSEED=0 PATH="$(BIN):$$PATH"
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with nbval-sanitize.cfg \
         --nbval-cell-timeout=600
LESSONS ?=

.PHONY: install lab test test-unit test-notebooks notebooks lint clean test-browser bench

install: $(STAMP)

$(STAMP): requirements-lock.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-lock.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps \
	    --no-build-isolation -e .
	$(BIN)/python tools/lab_settings.py
	@touch $(STAMP)

## JupyterLab on 127.0.0.1 only, with a fresh random token, opened on notebooks/
lab: $(STAMP)
	PATH="$(BIN):$$PATH" $(BIN)/python tools/lab.py

## Unit tests and nbval on every notebook, two workers, one notebook per worker
test: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q -n 2 --dist loadfile \
	    --ignore=tests/browser tests notebooks $(NBVAL)

test-unit: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q --ignore=tests/browser tests

test-notebooks: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q -n 2 --dist loadfile notebooks $(NBVAL)

## Regenerate notebooks/pt and notebooks/en from lessons/ (LESSONS="lessons/01_x.md" for some)
notebooks: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m tools.build_notebooks $(LESSONS)

## Browser suite: a real JupyterLab in Debian's Chromium, Run all, then use every widget
## (tests/browser/interactions.py); screenshots in test-artifacts/browser/.
## BROWSER_ARGS="-k 00_getting" passes options to pytest.
CHROMIUM ?= $(or $(RNN_LESSONS_CHROMIUM),/usr/bin/chromium)
test-browser: $(STAMP)
	@if [ ! -x "$(CHROMIUM)" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        echo "$(CHROMIUM) is missing: installing Debian's chromium"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	    else \
	        echo "make test-browser needs Debian's Chromium at $(CHROMIUM). Install it with" >&2; \
	        echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2; \
	        echo "(or set RNN_LESSONS_CHROMIUM to another Chromium), then run it again." >&2; \
	        exit 1; \
	    fi; \
	fi
	$(TEST_ENV) RNN_LESSONS_BROWSER=1 RNN_LESSONS_CHROMIUM="$(CHROMIUM)" \
	    $(BIN)/python -m pytest -q tests/browser \
	    $(BROWSER_ARGS)

## Measurements: notebook run times per language, widget latency in the browser, bench_*.py
## (BENCH_ARGS="--readme" also writes the tables into README.md)
bench: $(STAMP)
	$(TEST_ENV) $(BIN)/python tools/bench.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check helpers tools tests notebooks

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
