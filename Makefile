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

# The Colab-like tier: Colab's versions (requirements-colab.txt) in a second environment.
# The helpers are not installed there (PYTHONPATH finds them), so tools/colab_check.py can
# ask pip what the setup cell's install would change.
COLAB_VENV  := .venv-colab
# COLAB_NOTEBOOKS=notebooks/pt runs one language; COLAB_NOTEBOOKS= none (CI: its classic-Notebook
# suite runs every pt notebook in these versions and on these code paths already).
COLAB_NOTEBOOKS ?= notebooks
COLAB_BIN   := $(abspath $(COLAB_VENV))/bin
COLAB_STAMP := $(COLAB_VENV)/.installed
COLAB_ENV   := RNN_LESSONS_DEVICE=cpu PYTHONHASHSEED=0 PYTHONPATH="$(CURDIR)" \
               PATH="$(COLAB_BIN):$$PATH"

.PHONY: install lab test test-unit test-notebooks notebooks lint clean test-browser bench \
        test-colab test-colab-browser chromium test-claims

install: $(STAMP)

# The first install takes minutes and prints pip's progress (a line per package), so
# nobody takes it for a hang; later runs find the stamp and skip it.
$(STAMP): requirements-lock.txt pyproject.toml
	@echo "==> [1/3] $(VENV): instalando as versões exatas de requirements-lock.txt (na primeira"
	@echo "    vez, cerca de 5 minutos e 1,5 GB) / installing the exact versions of"
	@echo "    requirements-lock.txt (the first time, about 5 minutes and 1.5 GB)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on \
	    -r requirements-lock.txt
	@echo "==> [2/3] o pacote helpers / the helpers package"
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps \
	    --no-build-isolation -e .
	@echo "==> [3/3] configurações do JupyterLab / JupyterLab settings"
	$(BIN)/python tools/lab_settings.py
	@touch $(STAMP)
	@echo "==> pronto / done"

## JupyterLab on 127.0.0.1 only, with a fresh random token, opened on notebooks/; its UI
## in Portuguese when the locale is (LANG=pt_BR.UTF-8 …), or as chosen: make lab LANG=pt|en
lab: $(STAMP)
	PATH="$(BIN):$$PATH" $(BIN)/python tools/lab.py \
	    $(if $(filter command line,$(origin LANG)),--lang "$(LANG)")

## Unit tests and nbval on every notebook, two workers, one notebook per worker
test: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q -n 2 --dist loadfile \
	    --ignore=tests/browser tests notebooks $(NBVAL)

test-unit: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q --ignore=tests/browser tests

test-notebooks: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q -n 2 --dist loadfile notebooks $(NBVAL)

## Colab-like tier: in Colab's versions (ipywidgets 7.7.1, torch 2.11 …), the versions and
## the setup cell's install checked, the unit tests, and every notebook run top to bottom
## (nbval lax: errors and failed asserts fail, stored outputs are not compared). The
## notebooks run on other CPU code paths than this machine's own (tools/claims.py env
## other: AVX2 where the CPU has AVX-512, unvectorized where not), so this tier is also a
## numeric variant: the lessons' asserts must hold under numerics their outputs did not
## come from.
$(COLAB_STAMP): requirements-colab.txt
	@echo "==> $(COLAB_VENV): as versões do Colab (requirements-colab.txt; alguns minutos) /"
	@echo "    Colab's versions (requirements-colab.txt; a few minutes)"
	@test -x $(COLAB_BIN)/python || $(PYTHON) -m venv $(COLAB_VENV)
	$(COLAB_BIN)/python -m pip install --disable-pip-version-check --progress-bar on \
	    -r requirements-colab.txt
	@touch $(COLAB_STAMP)

test-colab: $(COLAB_STAMP)
	$(COLAB_ENV) $(COLAB_BIN)/python tools/colab_check.py
	$(COLAB_ENV) $(COLAB_BIN)/python -m pytest -q -n 2 --ignore=tests/browser tests
ifneq ($(strip $(COLAB_NOTEBOOKS)),)
	@echo "==> notebooks on other CPU code paths than this machine's own:" \
	    "$$($(COLAB_BIN)/python -m tools.claims env other)"
	env $$($(COLAB_BIN)/python -m tools.claims env other) \
	    $(COLAB_ENV) $(COLAB_BIN)/python -m pytest -q -n 2 --dist loadfile $(COLAB_NOTEBOOKS) \
	    --nbval-lax --nbval-current-env --nbval-cell-timeout=600
endif

## Claims under numeric variants: every training lesson (pt) run as on other machines
## (AVX2 only, unvectorized, 1 thread, Colab's torch), each assert's margin recorded;
## writes lessons/CLAIMS.md and lessons/claims.json, fails when a claim fails in a variant.
## About 40 minutes on 2 cores. CLAIMS_VARIANTS="build avx2" runs some.
CLAIMS_VARIANTS ?= build avx2 default 1thread colab
CLAIMS_DIR := test-artifacts/claims
test-claims: $(STAMP) $(if $(filter colab,$(CLAIMS_VARIANTS)),$(COLAB_STAMP))
	@mkdir -p $(CLAIMS_DIR)
	@for v in $(CLAIMS_VARIANTS); do \
	    if [ "$$v" = colab ]; then \
	        $(COLAB_ENV) $(COLAB_BIN)/python -m tools.claims run --variant colab \
	            --out $(CLAIMS_DIR)/colab.json $(CLAIMS_LESSONS) || exit 1; \
	    else \
	        $(TEST_ENV) $(BIN)/python -m tools.claims run --variant "$$v" \
	            --out $(CLAIMS_DIR)/$$v.json $(CLAIMS_LESSONS) || exit 1; \
	    fi; \
	done
	$(TEST_ENV) $(BIN)/python -m tools.claims report \
	    $(addprefix $(CLAIMS_DIR)/,$(addsuffix .json,$(CLAIMS_VARIANTS)))

## Regenerate notebooks/pt and notebooks/en from lessons/ (LESSONS="lessons/01_x.md" for some)
notebooks: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m tools.build_notebooks $(LESSONS)

## Browser suite: a real JupyterLab in Debian's Chromium, Run all, then use every widget
## (tools/browser/interactions.py), as in a classroom: a 1280×720 window, the pt UI in the
## dark theme and the en UI in the light one, every widget text ≥ 4.5:1 and every widget
## within the visible notebook; `make lab`'s UI language; the slideshow. Screenshots in
## test-artifacts/browser/.
## BROWSER_ARGS="-k 00_getting" passes options to pytest.
## BROWSER_LANGS=pt runs one UI language (default both).
## BROWSER_SKIP="en:05_lstm_gru …" leaves rows out (CI leaves out en rows of lessons that train).
BROWSER_SKIP ?=
CHROMIUM ?= $(or $(RNN_LESSONS_CHROMIUM),/usr/bin/chromium)
BROWSER_LANGS ?= pt,en
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        echo "$(CHROMIUM) is missing: installing Debian's chromium"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	    else \
	        echo "The browser suites need Debian's Chromium at $(CHROMIUM). Install it with" >&2; \
	        echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2; \
	        echo "(or set RNN_LESSONS_CHROMIUM to another Chromium), then run it again." >&2; \
	        exit 1; \
	    fi; \
	fi

test-browser: $(STAMP) chromium
	$(TEST_ENV) RNN_LESSONS_BROWSER=1 RNN_LESSONS_CHROMIUM="$(CHROMIUM)" \
	    RNN_LESSONS_BROWSER_LANGS="$(BROWSER_LANGS)" RNN_LESSONS_BROWSER_SKIP="$(BROWSER_SKIP)" \
	    $(BIN)/python -m pytest -q -rs tests/browser \
	    $(BROWSER_ARGS)

## The same browser suite against the ipywidgets-7 front end: the classic Notebook 6.5 +
## widgetsnbextension 3.6 of the Colab-like environment (the closest stand-in for Colab's
## own front end that runs here); screenshots in test-artifacts/browser/*-classic.png. Its
## kernels run on other CPU code paths than this machine's own, as test-colab's notebooks
## do: Run all fails on any failed assert, so this suite is a numeric variant too.
test-colab-browser: $(STAMP) $(COLAB_STAMP) chromium
	env $$($(COLAB_BIN)/python -m tools.claims env other) \
	    $(TEST_ENV) RNN_LESSONS_BROWSER=1 RNN_LESSONS_CHROMIUM="$(CHROMIUM)" \
	    RNN_LESSONS_FRONTEND=classic RNN_LESSONS_CLASSIC_BIN="$(COLAB_BIN)" \
	    RNN_LESSONS_BROWSER_LANGS="$(BROWSER_LANGS)" RNN_LESSONS_BROWSER_SKIP="$(BROWSER_SKIP)" \
	    $(BIN)/python -m pytest -q -rs tests/browser \
	    $(BROWSER_ARGS)

## Measurements: notebook run times per language, widget latency in the browser, bench_*.py
## (BENCH_ARGS="--readme" also writes the tables into README.md)
bench: $(STAMP)
	$(TEST_ENV) $(BIN)/python tools/bench.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check helpers tools tests notebooks

clean:
	rm -rf $(VENV) $(COLAB_VENV) test-artifacts .pytest_cache
