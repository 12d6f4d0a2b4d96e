# The two set-up commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export BILAG_DATABASE_URL ?= sqlite:///./var/bilag.db

.PHONY: run test install install-test lint migrate demo bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/bilag migrate

demo: migrate
	$(BIN)/bilag demo

run: demo
	$(BIN)/bilag serve --host 127.0.0.1 --port 8000 --sandbox

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy

# The browser tests drive Debian's Chromium through Playwright (no browser download).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) \
		|| echo "Chromium could not be installed; browser tests will skip (and fail with CI=true)"

test: install-test lint chromium
	$(BIN)/pytest -n 2 --dist loadfile --durations=15

bench: install-test
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) \
		|| echo "wrk could not be installed; bench/run.py falls back to its Python load generator"
	$(BIN)/python bench/run.py $(BENCH)

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache
