# tb-lrsched developer entry points. `make demo` and `make test` work from a
# fresh clone: they create .venv, build the frontend and install everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOGDIR ?= demo/logs
PORT ?= 6006
PYTEST_ARGS ?=

.PHONY: venv frontend install install-demo system-deps demo logs test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python

frontend:
	cd frontend && npm ci --no-audit --no-fund && npm run build

install-demo: venv frontend
	$(BIN)/pip install -q -e ".[demo]"

install: venv frontend
	$(BIN)/pip install -q -e ".[test]"

# Debian's chromium for the browser tests (Playwright cannot download one here).
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; \
	fi

logs: install-demo
	$(BIN)/python -m demo --logdir $(LOGDIR)

demo: logs
	@echo "LR Health tab: http://127.0.0.1:$(PORT)/#lr_health"
	$(BIN)/tensorboard --logdir $(LOGDIR) --host 127.0.0.1 --port $(PORT) --samples_per_plugin=scalars=0

# ruff + mypy (strict on the engine and the rules) first: CI runs exactly this target.
test: system-deps install lint
	cd frontend && npm test
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS) tests

# ruff and mypy with the settings in pyproject.toml (mypy checks tb_lrsched: strict on the engine,
# the rules and the report, a lenient baseline elsewhere).
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# Every speed benchmark in sequence (benchmarks/README.md); tbparse is the scaling baseline.
bench: install
	$(BIN)/pip install -q -r benchmarks/requirements.txt
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf build dist *.egg-info tb_lrsched/static frontend/node_modules
